package xray.cli;

/** The exit codes of every xray command (also listed in --help). */
public final class ExitCodes {
    public static final int OK = 0;
    /** The system (or the snapshot) could not be read well enough to show anything. */
    public static final int UNREADABLE = 1;
    /** Bad usage: an unknown option, an unknown cgroup. */
    public static final int USAGE = 2;

    private ExitCodes() {
    }
}
