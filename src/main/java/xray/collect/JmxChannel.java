package xray.collect;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import xray.model.AuditNotice;
import xray.jvm.Deadline;
import xray.jvm.HotSpotAttach;
import xray.jvm.JmxSession;
import xray.kernel.FileProblem;
import xray.kernel.KernelFs;
import xray.kernel.Malformed;
import xray.kernel.StatusFile;
import xray.model.JmxSample;
import xray.model.JvmReport.JmxAgent;
import xray.model.JvmSample.Jmx;
import xray.model.JvmSample.JmxReason;
import xray.model.ProcStatus;

/**
 * The optional JMX side of an audit. By default it is used only when it costs the JVM nothing: a
 * local connector the JVM already runs. {@code --jmx} starts the JVM's local agent (announced on
 * stderr first) and measures what that left behind; {@code --no-jmx} never uses JMX. Everything the
 * audit shows without JMX comes from the attach channel and /proc.
 */
final class JmxChannel {
    /** The longest JMX may take: it must not leave the diagnostic commands without time. */
    static final long MAX_MILLIS = 5000;

    private JmxChannel() {
    }

    static Jmx read(KernelFs fs, JvmProcess p, HotSpotAttach attach, Deadline deadline, JvmAuditor.JmxUse use,
                       Consumer<AuditNotice> notice) {
        if (use == JvmAuditor.JmxUse.NEVER) {
            return new Jmx(null, JmxReason.TURNED_OFF, null, null);
        }
        if (!sameNetworkNamespace(fs, p)) {
            return new Jmx(null, JmxReason.OTHER_NETWORK, null, null);
        }
        String address;
        try {
            address = JmxSession.runningAddress(p.perf(), attach);
        } catch (HotSpotAttach.CommandFailed e) {
            return new Jmx(null, JmxReason.UNKNOWN, e.getMessage(), null);
        }
        if (address == null && use == JvmAuditor.JmxUse.IF_RUNNING) {
            return new Jmx(null, JmxReason.NO_CONNECTOR, null, null);
        }
        Deadline budget = Deadline.after(Duration.ofMillis(Math.max(1, Math.min(MAX_MILLIS,
                deadline.remainingMillis() / 2))));
        ProcStatus before = null;
        Set<String> listeningBefore = Set.of();
        boolean starting = address == null;
        try {
            if (starting) {
                notice.accept(new AuditNotice(AuditNotice.Kind.STARTING_JMX_AGENT, p.pid()));
                before = status(fs, p.pid());
                listeningBefore = listening(fs, p.pid());
                address = JmxSession.startLocalAgent(attach);
            }
            JmxSample snap;
            try (JmxSession session = JmxSession.connect(address, budget)) {
                snap = session.snapshot();
            }
            return new Jmx(snap, null, null, starting ? agentCost(fs, p.pid(), before, listeningBefore) : null);
        } catch (JmxSession.Unavailable e) {
            // The agent may be on although JMX then failed: what it left is reported all the same.
            return new Jmx(null, JmxReason.FAILED, e.getMessage(), starting && address != null
                    ? agentCost(fs, p.pid(), before, listeningBefore) : null);
        } catch (HotSpotAttach.CommandFailed e) {
            return new Jmx(null, JmxReason.FAILED, e.getMessage(), null);
        }
    }

    /** What the agent added: the sockets it listens on, and the growth of resident memory and threads. */
    private static JmxAgent agentCost(KernelFs fs, int pid, ProcStatus before, Set<String> listeningBefore) {
        ProcStatus after = status(fs, pid);
        List<String> opened = new ArrayList<>(listening(fs, pid));
        opened.removeAll(listeningBefore);
        Long rss = before == null || after == null || before.vmRss() == null || after.vmRss() == null ? null
                : after.vmRss() - before.vmRss();
        Integer threads = before == null || after == null ? null : after.threads() - before.threads();
        return new JmxAgent(opened, rss, threads);
    }

    private static ProcStatus status(KernelFs fs, int pid) {
        try {
            return fs.read("/proc/" + pid + "/status").map(t -> StatusFile.parse(pid, t)).orElse(null);
        } catch (FileProblem | Malformed e) {
            return null;
        }
    }

    private static Set<String> listening(KernelFs fs, int pid) {
        try {
            return ListeningSockets.of(fs, pid);
        } catch (FileProblem e) {
            return Set.of();
        }
    }

    private static boolean sameNetworkNamespace(KernelFs fs, JvmProcess p) {
        String mine;
        try {
            mine = fs.readLink(fs.path("/proc/self/ns/net")).orElse(null);
        } catch (FileProblem e) {
            mine = null;
        }
        return p.netNs() != null && mine != null && p.netNs().equals(mine);
    }
}
