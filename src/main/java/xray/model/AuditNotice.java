package xray.model;

/** Something {@code xray jvm PID} is about to do to the JVM that a person must hear of first. */
public record AuditNotice(Kind kind, int pid) {
    public enum Kind {
        /** --jmx: starting the JVM's local JMX agent, which opens a port and stays on. */
        STARTING_JMX_AGENT,
        /** --live: a full GC before each histogram. */
        FULL_GC
    }
}
