package xray.model;

/**
 * Processes summed by program, service or user.
 *
 * @param name      the program, the service name or the user
 * @param cgroup    the cgroup path when grouped by service, else null
 * @param processes how many processes
 * @param jvms      how many of them are JVMs
 */
public record PsGroup(GroupBy by, String name, String cgroup, int processes, int jvms, ProcessFigures figures) {
}
