package xray.jvm;

import java.io.IOException;
import java.io.ObjectInputFilter;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.MalformedURLException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.rmi.server.RMISocketFactory;
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
import xray.model.JmxSample;
import xray.model.JvmReport.Buffers;
import xray.model.JvmReport.Collector;
import xray.model.JvmReport.Pool;

/**
 * The JVM's platform MBeans over its local JMX connector: the one the JVM already runs (its address
 * is in the perf data, or in the agent properties), or the one {@code ManagementAgent.start_local}
 * starts when asked to ({@code --jmx}). Every call is bounded by the audit's deadline: an RMI call
 * into a JVM that stopped answering would otherwise wait forever.
 *
 * <p>The address and everything the connection returns come from the JVM's user, so only a stub
 * address ({@code service:jmx:rmi://127.0.0.1/stub/rO0AB...}) is used, never a JNDI lookup; RMI
 * connects only to loopback addresses, whatever host the stub names; and deserialization goes
 * through {@link JmxFilter}, set JVM-wide in xray before the first connection.
 */
public final class JmxSession implements AutoCloseable {
    /** JMX failed, was refused or did not answer in time; the message says which. */
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

    /** Connects to a local connector's stub address, on loopback only, with the deserialization filter set. */
    public static JmxSession connect(String address, Deadline deadline) throws Unavailable {
        JMXServiceURL url = loopbackStub(address);
        guard();
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "xray-jmx");
            t.setDaemon(true); // an RMI call that never returns must not keep xray alive
            return t;
        });
        try {
            JMXConnector c = call(worker, deadline, "connecting", () -> JMXConnectorFactory.connect(url));
            return call(worker, deadline, "connecting", () -> new JmxSession(worker, deadline, c));
        } catch (Unavailable e) {
            worker.shutdownNow();
            throw e;
        }
    }

    /** The address as a URL when it is a stub address on a loopback host; otherwise why not. */
    static JMXServiceURL loopbackStub(String address) throws Unavailable {
        JMXServiceURL url;
        try {
            url = new JMXServiceURL(address);
        } catch (MalformedURLException e) {
            throw new Unavailable("the JVM's JMX address is not a JMX service URL");
        }
        if (!url.getProtocol().equals("rmi") || !url.getURLPath().startsWith("/stub/")) {
            throw new Unavailable("the JVM's JMX address is not a local connector's stub address ("
                    + cut(url.getProtocol() + " " + url.getURLPath()) + "); xray connects only to those");
        }
        if (!LoopbackSockets.isLoopback(url.getHost())) {
            throw new Unavailable("the JVM's JMX address names host " + cut(url.getHost())
                    + "; xray connects only to loopback");
        }
        return url;
    }

    private static String cut(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    private static boolean guarded;

    /**
     * Sets, once in xray's JVM, the deserialization filter and the RMI socket factory that keeps
     * connections on loopback. Neither may have been set by anything else before.
     */
    static synchronized void guard() throws Unavailable {
        if (guarded) {
            return;
        }
        try {
            ObjectInputFilter.Config.setSerialFilter(new JmxFilter());
        } catch (IllegalStateException e) {
            throw new Unavailable("a deserialization filter is set for xray's JVM already (jdk.serialFilter), "
                    + "so xray cannot set its own for JMX");
        }
        try {
            RMISocketFactory.setSocketFactory(new LoopbackSockets());
        } catch (IOException | IllegalStateException e) {
            throw new Unavailable("an RMI socket factory is set for xray's JVM already, so xray cannot keep JMX on "
                    + "loopback");
        }
        guarded = true;
    }

    /** RMI's sockets in xray's JVM: connections to loopback addresses only, and no server sockets. */
    static final class LoopbackSockets extends RMISocketFactory {
        @Override
        public Socket createSocket(String host, int port) throws IOException {
            if (!isLoopback(host)) {
                throw new ConnectException("xray connects JMX only to loopback, not to " + cut(host));
            }
            return new Socket(InetAddress.getByName(host), port);
        }

        @Override
        public ServerSocket createServerSocket(int port) throws IOException {
            throw new IOException("xray opens no server socket");
        }

        /** True for a literal loopback address or "localhost"; no name is looked up. */
        static boolean isLoopback(String host) {
            if (host == null) {
                return false;
            }
            String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
            if (h.equals("localhost")) {
                return true;
            }
            if (!h.matches("[0-9.]+|[0-9a-fA-F:]+")) {
                return false; // a name: resolving it would ask DNS what a hostile JVM chose
            }
            try {
                return InetAddress.getByName(h).isLoopbackAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }
    }

    public JmxSample snapshot() throws Unavailable {
        return call(worker, deadline, "reading MBeans", this::read);
    }

    private JmxSample read() throws Exception {
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
        return new JmxSample(heap, heapPools, nonHeapPools, direct, mapped, asInt(threading.get("PeakThreadCount")),
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

    static final String LOCAL_ADDRESS = "com.sun.management.jmxremote.localConnectorAddress";

    /**
     * The address of the local JMX connector the JVM already runs, or null when it runs none. From
     * the perf data when there is some (reading it costs the JVM nothing); otherwise from its agent
     * properties (one small request over the attach socket).
     */
    public static String runningAddress(PerfData perf, HotSpotAttach attach) {
        return perf != null ? perf.jmxAddress() : agentProperty(attach, LOCAL_ADDRESS);
    }

    /**
     * Starts the JVM's local management agent ({@code ManagementAgent.start_local}: the JDK's own
     * agent is switched on, nothing is loaded) and returns its connector address. It stays on until
     * the JVM exits, and its RMI port listens on every interface of the JVM's network namespace
     * (connections from other hosts are closed after they are accepted).
     */
    public static String startLocalAgent(HotSpotAttach attach) throws Unavailable {
        try {
            attach.jcmd("ManagementAgent.start_local");
        } catch (HotSpotAttach.CommandFailed e) {
            throw new Unavailable("the JVM could not start its local JMX agent (" + e.getMessage() + ")");
        }
        String url = agentProperty(attach, LOCAL_ADDRESS);
        if (url == null) {
            throw new Unavailable("the JVM started its JMX agent but published no local connector address");
        }
        return url;
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
