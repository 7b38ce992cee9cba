package xray.model;

import java.util.List;

/**
 * What was read about one process, before any formula.
 *
 * @param user    the name of its effective uid, or "uid 1234" when no name is known
 * @param cgroup  its memory cgroup: the v1 memory hierarchy path on v1 and hybrid hosts, the
 *                unified path on v2; null when unknown
 * @param argv    the command line, one element per argument (empty for kernel threads and zombies)
 * @param smaps   smaps_rollup, or null when not read (see {@code pssRead})
 * @param jvm     true when the process is a JVM (an hsperfdata file, or libjvm.so mapped)
 */
public record ProcessSample(ProcStatus status, String user, String cgroup, List<String> argv, ProcSmaps smaps,
                            PssRead pssRead, boolean jvm) {
    public ProcessSample {
        argv = List.copyOf(argv);
    }

    public int pid() {
        return status.pid();
    }

    /** The arguments joined by spaces, as ps shows them. */
    public String cmdline() {
        return String.join(" ", argv);
    }
}
