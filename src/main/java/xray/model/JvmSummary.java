package xray.model;

/**
 * One JVM on the host, as {@code xray jvm} lists it, read without attaching (from /proc and the
 * JVM's hsperfdata file).
 *
 * @param cpuSeconds  user + system CPU time since it started (/proc/PID/stat), or null
 * @param cpuPercent  cpuSeconds / uptime × 100, as ps(1) computes %CPU (100 = one core), or null
 * @param realCost    rssAnon + rssShmem + swap (MEMORY-MODEL.md, per process)
 * @param heapUsed    the heap's used bytes from hsperfdata (the sum over its spaces), or null
 * @param attachable  whether {@code xray jvm PID} can audit it, as far as can be told from outside
 * @param attachNote  why not, or how (the listener is running, or would be started), or null
 * @param container   it runs in another mount namespace than xray (a container)
 * @param perfProblem why its hsperfdata file could not be used (malformed, another user's, too large), or null
 */
public record JvmSummary(int pid, int nspid, String user, Integer uid, String mainClass, String version,
                         Double uptimeSeconds, Double cpuSeconds, Double cpuPercent, Long rss, Long realCost,
                         Long heapUsed, Long heapMax, boolean attachable, String attachNote, boolean container,
                         String perfProblem) {
}
