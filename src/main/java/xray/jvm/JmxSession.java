package xray.jvm;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import xray.model.JvmReport.Buffers;
import xray.model.JvmReport.Collector;
import xray.model.JvmReport.Pool;

/**
 * The JVM's platform MBeans over its local JMX connector (the address the attach channel gives
 * after {@code ManagementAgent.start_local}). Every call is bounded by the audit's deadline: an RMI
 * call into a JVM that stopped answering would otherwise wait forever.
 */
public final class JmxSession implements AutoCloseable {
    /** What the platform MBeans say, read in one go. */
    public record Snapshot(Pool heap, List<Pool> heapPools, List<Pool> nonHeapPools, Buffers direct, Buffers mapped,
                           Integer peakThreads, List<Collector> collectors,
                           Long classesLoaded, Long classesUnloaded, String vmName, String vmVendor,
                           String vmVersion, Long uptimeMillis) {
        public Snapshot {
            heapPools = List.copyOf(heapPools);
            nonHeapPools = List.copyOf(nonHeapPools);
            collectors = List.copyOf(collectors);
        }
    }

    /** JMX failed or did not answer in time; the message says which. */
    public static final class Unavailable extends Exception {
        Unavailable(String message) {
            super(message, null, false, false);
        }
    }

    private final ExecutorService worker;
    private final Deadline deadline;
    private final JMXConnector connector;
    private final MBeanServerConnection mbs;

    private JmxSession(ExecutorService worker, Deadline deadline, JMXConnector connector) throws IOException {
        this.worker = worker;
        this.deadline = deadline;
        this.connector = connector;
        this.mbs = connector.getMBeanServerConnection();
    }

    public static JmxSession connect(String address, Deadline deadline) throws Unavailable {
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "xray-jmx");
            t.setDaemon(true); // an RMI call that never returns must not keep xray alive
            return t;
        });
        try {
            JMXConnector c = call(worker, deadline, "connecting", () -> JMXConnectorFactory.connect(new JMXServiceURL(address)));
            return call(worker, deadline, "connecting", () -> new JmxSession(worker, deadline, c));
        } catch (Unavailable e) {
            worker.shutdownNow();
            throw e;
        }
    }

    public Snapshot snapshot() throws Unavailable {
        return call(worker, deadline, "reading MBeans", this::read);
    }

    /** Bytes each live thread has allocated so far, by Java thread id (one bulk call). */
    public Map<Long, Long> allocatedBytes() throws Unavailable {
        return call(worker, deadline, "reading thread allocation", () -> {
            ObjectName threading = new ObjectName("java.lang:type=Threading");
            long[] ids = (long[]) mbs.getAttribute(threading, "AllThreadIds");
            long[] bytes = (long[]) mbs.invoke(threading, "getThreadAllocatedBytes", new Object[] {ids},
                    new String[] {long[].class.getName()});
            Map<Long, Long> out = new HashMap<>();
            for (int i = 0; i < ids.length && i < bytes.length; i++) {
                if (bytes[i] >= 0) {
                    out.put(ids[i], bytes[i]);
                }
            }
            return out;
        });
    }

    private Snapshot read() throws Exception {
        CompositeData heapUsage = (CompositeData) mbs.getAttribute(new ObjectName("java.lang:type=Memory"),
                "HeapMemoryUsage");
        Pool heap = pool("heap", heapUsage);
        List<Pool> heapPools = new ArrayList<>();
        List<Pool> nonHeapPools = new ArrayList<>();
        for (ObjectName n : mbs.queryNames(new ObjectName("java.lang:type=MemoryPool,*"), null)) {
            Map<String, Object> a = attributes(n, "Name", "Type", "Usage");
            if (a.get("Usage") instanceof CompositeData u) {
                Pool p = pool((String) a.get("Name"), u);
                ("HEAP".equals(String.valueOf(a.get("Type"))) ? heapPools : nonHeapPools).add(p);
            }
        }
        Buffers direct = null;
        Buffers mapped = null;
        for (ObjectName n : mbs.queryNames(new ObjectName("java.nio:type=BufferPool,*"), null)) {
            Map<String, Object> a = attributes(n, "Name", "Count", "MemoryUsed");
            Buffers b = new Buffers(asLong(a.get("Count")), asLong(a.get("MemoryUsed")));
            if ("direct".equals(a.get("Name"))) {
                direct = b;
            } else if ("mapped".equals(a.get("Name"))) {
                mapped = b;
            }
        }
        Map<String, Object> threading = attributes(new ObjectName("java.lang:type=Threading"), "PeakThreadCount");
        List<Collector> collectors = new ArrayList<>();
        for (ObjectName n : mbs.queryNames(new ObjectName("java.lang:type=GarbageCollector,*"), null)) {
            Map<String, Object> a = attributes(n, "Name", "CollectionCount", "CollectionTime");
            Long count = asLong(a.get("CollectionCount"));
            Long time = asLong(a.get("CollectionTime"));
            collectors.add(new Collector((String) a.get("Name"), count == null || count < 0 ? 0 : count,
                    time == null || time < 0 ? null : time));
        }
        collectors.sort(java.util.Comparator.comparing(Collector::name));
        heapPools.sort(java.util.Comparator.comparing(Pool::name));
        nonHeapPools.sort(java.util.Comparator.comparing(Pool::name));
        Map<String, Object> classes = attributes(new ObjectName("java.lang:type=ClassLoading"),
                "LoadedClassCount", "UnloadedClassCount");
        Map<String, Object> runtime = attributes(new ObjectName("java.lang:type=Runtime"),
                "VmName", "VmVendor", "VmVersion", "Uptime");
        return new Snapshot(heap, heapPools, nonHeapPools, direct, mapped, asInt(threading.get("PeakThreadCount")),
                collectors,
                asLong(classes.get("LoadedClassCount")), asLong(classes.get("UnloadedClassCount")),
                (String) runtime.get("VmName"), (String) runtime.get("VmVendor"), (String) runtime.get("VmVersion"),
                asLong(runtime.get("Uptime")));
    }

    private Map<String, Object> attributes(ObjectName n, String... names) throws Exception {
        AttributeList list = mbs.getAttributes(n, names);
        Map<String, Object> out = new HashMap<>();
        for (Attribute a : list.asList()) {
            out.put(a.getName(), a.getValue());
        }
        return out;
    }

    /** MemoryUsage as a pool; the JVM says -1 for "no maximum", which is absent here. */
    private static Pool pool(String name, CompositeData u) {
        Long max = asLong(u.get("max"));
        return new Pool(name, asLong(u.get("used")), asLong(u.get("committed")), max == null || max < 0 ? null : max);
    }

    private static Long asLong(Object o) {
        return o instanceof Number n ? n.longValue() : null;
    }

    private static Integer asInt(Object o) {
        return o instanceof Number n ? n.intValue() : null;
    }

    private static <T> T call(ExecutorService worker, Deadline deadline, String what, Callable<T> c)
            throws Unavailable {
        Future<T> f = worker.submit(c);
        try {
            return f.get(Math.max(1, deadline.remainingMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new Unavailable("JMX did not answer within " + deadline.budget() + " (" + what + ")");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            while (cause.getCause() != null && cause.getMessage() == null) {
                cause = cause.getCause();
            }
            throw new Unavailable("JMX failed while " + what + ": " + cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while " + what);
        }
    }

    /** The local connector address and whether xray had to start the agent to get it. */
    public record Address(String url, boolean started) {
    }

    static final String LOCAL_ADDRESS = "com.sun.management.jmxremote.localConnectorAddress";

    /**
     * The JVM's local JMX connector address, starting its local management agent when there is
     * none yet (127.0.0.1 only, in the JVM's network namespace; no agent is loaded, the JDK's own
     * management agent is switched on).
     */
    public static Address localAddress(HotSpotAttach attach) throws Unavailable {
        String url = agentProperty(attach, LOCAL_ADDRESS);
        if (url != null) {
            return new Address(url, false);
        }
        try {
            attach.jcmd("ManagementAgent.start_local");
        } catch (HotSpotAttach.CommandFailed e) {
            throw new Unavailable("the JVM could not start its local JMX agent (" + e.getMessage() + ")");
        }
        url = agentProperty(attach, LOCAL_ADDRESS);
        if (url == null) {
            throw new Unavailable("the JVM started its JMX agent but published no local connector address");
        }
        return new Address(url, true);
    }

    private static String agentProperty(HotSpotAttach attach, String key) {
        return properties(attach.operation("agentProperties")).get(key);
    }

    /** The reply of the attach operations {@code properties} and {@code agentProperties} (Properties.store text). */
    static Map<String, String> properties(String text) {
        java.util.Properties p = new java.util.Properties();
        try {
            p.load(new java.io.StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            return Map.of();
        }
        Map<String, String> out = new HashMap<>();
        for (String k : p.stringPropertyNames()) {
            out.put(k, p.getProperty(k));
        }
        return out;
    }

    @Override
    public void close() {
        worker.submit(() -> {
            try {
                connector.close();
            } catch (IOException e) {
                // closing a connection that already failed
            }
        });
        worker.shutdown();
        try {
            worker.awaitTermination(Math.min(500, deadline.remainingMillis()), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
