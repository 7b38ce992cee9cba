package xray.cli;

/** The exit codes of every xray command (also listed in --help). */
public final class ExitCodes {
    public static final int OK = 0;
    /** The system (or the snapshot) could not be read well enough to show anything. */
    public static final int UNREADABLE = 1;
    /** Bad usage: an unknown option, an unknown cgroup. */
    public static final int USAGE = 2;

    /** How --help lists them (picocli's exitCodeList): the heading and the lines every reading command shares. */
    static final String HEADING = "%nExit codes:%n";
    static final String OK_HELP = "0:ok";
    static final String UNREADABLE_HELP = "1:could not read the system (or the snapshot under --root)";
    static final String USAGE_HELP = "2:bad usage (unknown option, unknown cgroup)";

    private ExitCodes() {
    }
}
