package xray.model;

/**
 * One process in {@code xray ps}: what was read, the names people recognise, and its figures.
 *
 * @param service   the name of its cgroup people recognise ("foo.service", "docker 1c8fa019b5ed")
 * @param program   the program: argv[0] without its directory, or the kernel's name for it
 * @param auditable a JVM that xray, as the user it runs as, may attach to ({@link Attach#permitted})
 */
public record PsProcess(ProcessSample sample, String service, String program, ProcessFigures figures,
                        boolean auditable) {
    public int pid() {
        return sample.pid();
    }
}
