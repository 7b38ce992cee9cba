package xray.model;

/**
 * Why the host has no memory pressure figure (PSI).
 *
 * @param problem the read's own account when the file could not be read ({@link Reason#UNREADABLE}), else null
 */
public record PressureMissing(Reason reason, String problem) {
    public enum Reason {
        /** No /proc/pressure/memory: a kernel before 4.20, or without CONFIG_PSI. */
        NO_FILE,
        /** The kernel refuses the file: booted with psi=0. */
        DISABLED,
        /** This user may not read it. */
        DENIED,
        /** Reading it failed otherwise ({@code problem} says how). */
        UNREADABLE,
        /** It was read and could not be made sense of. */
        MALFORMED,
        /** Not Linux: there is no PSI. */
        NOT_LINUX
    }

    public static PressureMissing of(Reason reason) {
        return new PressureMissing(reason, null);
    }
}
