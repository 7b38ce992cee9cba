package xray.model;

/**
 * Who may attach to a JVM: a HotSpot JVM accepts the attach mechanism only from its own effective
 * user or from root (JVM-AUDIT.md). The one statement of that rule, for the JVM list, the refusal of
 * {@code xray jvm PID} and the hint {@code xray ps} gives.
 */
public final class Attach {
    private Attach() {
    }

    /**
     * @param targetEuid the JVM's effective uid, or null when unknown
     * @param myEuid     xray's effective uid, or null when unknown (a snapshot: who will run it later)
     */
    public static boolean permitted(Integer targetEuid, Integer myEuid) {
        return myEuid == null || myEuid == 0 || targetEuid == null || targetEuid.equals(myEuid);
    }
}
