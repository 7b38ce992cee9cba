package xray.model;

/**
 * One JVM on the host as read without attaching (from /proc and its hsperfdata file).
 *
 * @param startMillis when the JVM started (sun.rt.createVmBeginTime; without perf data the kernel's start
 *                    time of the process, /proc/PID/stat starttime after /proc/stat btime), or null
 * @param cpuNanos    user + system CPU time since it started (/proc/PID/stat), or null
 * @param heapUsed    the heap's used bytes from hsperfdata, or null
 * @param heapMax     the heap's maximum from hsperfdata, or null
 * @param attachable  whether {@code xray jvm PID} can audit it, as far as can be told from outside
 * @param attachNote  why not, or how (the listener is running, or would be started)
 * @param container   it runs in another mount namespace than xray (a container)
 * @param perfProblem why its hsperfdata file could not be used, or null
 */
public record JvmSeen(ProcStatus status, int nspid, String user, String mainClass, String version, Long startMillis,
                      Long cpuNanos, Long heapUsed, Long heapMax, boolean attachable, String attachNote, boolean container, String perfProblem) {
}
