package xray.model;

import java.util.List;

/**
 * What one scrape of {@code xray serve} read, before any formula. A part not reached in time is
 * null (the host, the layout) or empty.
 *
 * @param fold             which cgroups the scrape kept and which it folded, decided from their charges
 *                         before their other files were read (only those kept and the folded tops were
 *                         read whole); null when every cgroup read was read whole
 * @param skippedCgroups   cgroups found but not read before the scrape's time ran out
 * @param skippedProcesses processes not looked at for JVM perf data before then
 * @param partial          the scrape ran out of time: some of what it would read is missing
 * @param seconds          how long the reading took
 * @param error            why nothing could be read (no /proc/meminfo, a read still stuck), else null
 */
public record ScrapeSample(HostSample host, CgroupLayout layout, List<CgroupSample> cgroups, FoldPlan fold,
                           List<JvmPerfCounters> jvms, int skippedCgroups, int skippedProcesses, boolean partial,
                           double seconds, String error) {
    public ScrapeSample {
        cgroups = List.copyOf(cgroups);
        jvms = List.copyOf(jvms);
    }
}
