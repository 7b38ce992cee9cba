package xray.kernel;

import java.nio.file.Path;

/**
 * A kernel file that exists but could not be read or made sense of: the path, the kind of failure
 * (decide by {@link #kind()}, never by the text) and a detail for people.
 */
public final class FileProblem extends RuntimeException {
    private final transient Path file;
    private final ReadFailure kind;
    private final String problem;

    public FileProblem(Path file, ReadFailure kind, String problem) {
        super(file + ": " + problem, null, false, false);
        this.file = file;
        this.kind = kind;
        this.problem = problem;
    }

    /** A parse failure of {@code file}: the parser's message. */
    public static FileProblem malformed(Path file, Malformed m) {
        return new FileProblem(file, ReadFailure.MALFORMED, m.getMessage());
    }

    public Path file() {
        return file;
    }

    public ReadFailure kind() {
        return kind;
    }

    /** What went wrong, for people: "permission denied", "line 3 'x' has no number". */
    public String problem() {
        return problem;
    }
}
