package xray.kernel;

import java.nio.file.Path;

/** A kernel file that exists but could not be read or made sense of. Carries the path. */
public final class FileProblem extends RuntimeException {
    private final transient Path file;
    private final String problem;

    public FileProblem(Path file, String problem) {
        super(file + ": " + problem, null, false, false);
        this.file = file;
        this.problem = problem;
    }

    public Path file() {
        return file;
    }

    public String problem() {
        return problem;
    }
}
