package xray.kernel;

/** Thrown by the pure parse functions: the text is not in the format the kernel writes. */
public final class Malformed extends RuntimeException {
    public Malformed(String problem) {
        super(problem, null, false, false);
    }
}
