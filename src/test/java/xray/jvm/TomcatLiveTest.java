package xray.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import xray.testing.Cli;
import xray.testing.Live;
import xray.testing.Command;

/**
 * {@code xray jvm PID} against a real server nobody here wrote: Debian's Tomcat 10 (.ci/run installs
 * tomcat10 and tomcat10-examples), started by the test with a CATALINA_BASE of its own under target/
 * and a free port on loopback (PID 1 here is no systemd), served a few JSPs, audited, and stopped by pid.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TomcatLiveTest {
    static final Path HOME = Path.of("/usr/share/tomcat10");
    static final Path CONF = Path.of("/etc/tomcat10");

    Process tomcat;
    int pid;
    int port;
    JsonNode report;
    String text;
    Set<String> enums;
    /** Tomcat's CATALINA_BASE under target/; kept when Tomcat could not be audited (its logs say why). */
    Path base;

    @BeforeAll
    void startAndAudit() throws Exception {
        Live.require(Files.exists(HOME.resolve("bin/bootstrap.jar")) && Files.isDirectory(CONF),
                "needs Debian's tomcat10 (.ci/run installs it)");
        base = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "tomcat-base");
        for (String d : List.of("logs", "temp", "webapps", "work", "conf/Catalina/localhost")) {
            Files.createDirectories(base.resolve(d));
        }
        try (Stream<Path> files = Files.list(CONF)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, base.resolve("conf").resolve(f.getFileName()));
            }
        }
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path server = base.resolve("conf/server.xml");
        Files.writeString(server, Files.readString(server).replace("port=\"8080\"",
                "port=\"" + port + "\" address=\"127.0.0.1\""));
        Path examples = CONF.resolve("Catalina/localhost/examples.xml");
        if (Files.exists(examples)) {
            Files.copy(examples, base.resolve("conf/Catalina/localhost/examples.xml"));
        }
        List<String> cmd = List.of(TargetJvm.JDK17.resolve("bin/java").toString(), "-Xmx256m",
                "-Djava.util.logging.manager=org.apache.juli.ClassLoaderLogManager",
                "-Djava.util.logging.config.file=" + base.resolve("conf/logging.properties"),
                "-Dcatalina.base=" + base, "-Dcatalina.home=" + HOME, "-Djava.io.tmpdir=" + base.resolve("temp"),
                "-cp", HOME.resolve("bin/bootstrap.jar") + ":" + HOME.resolve("bin/tomcat-juli.jar"),
                "org.apache.catalina.startup.Bootstrap", "start");
        tomcat = new ProcessBuilder(cmd).directory(base.toFile()).redirectErrorStream(true)
                .redirectOutput(base.resolve("logs/console.out").toFile()).start();
        pid = (int) tomcat.pid();
        waitForPort();
        for (int i = 0; i < 5; i++) {
            get("/examples/jsp/jsp2/el/basic-arithmetic.jsp");
            get("/examples/servlets/servlet/HelloWorldExample");
            get("/examples/jsp/sessions/carts.jsp?item=Beavis+%26+Butt-head+Video+collection&submit=add");
        }
        Cli r = Cli.run("jvm", String.valueOf(pid), "--json", "--interval", "1s");
        assertEquals(0, r.exitCode(), r.err());
        report = new ObjectMapper().readTree(r.out());
        text = Cli.run("jvm", String.valueOf(pid), "--interval", "0").out();
        enums = subclasses("java.lang.Enum");
    }

    @AfterAll
    void stop() throws Exception {
        if (tomcat != null) {
            tomcat.destroy(); // SIGTERM by pid: Tomcat's shutdown hook stops it
            if (!tomcat.waitFor(20, TimeUnit.SECONDS)) {
                tomcat.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        if (report != null && base != null && !tomcat.isAlive()) {
            try (Stream<Path> files = Files.walk(base)) {
                for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(f);
                }
            }
        }
    }

    private void waitForPort() throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < end) {
            assertTrue(tomcat.isAlive(), "Tomcat exited while starting");
            try {
                get("/"); // any answer: it listens (this base has no ROOT application)
                return;
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("Tomcat did not answer on port " + port + " within 60 s");
    }

    private int get(String path) throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL("http://127.0.0.1:" + port + path).openConnection();
        c.setConnectTimeout(2000);
        c.setReadTimeout(10000);
        try {
            c.getInputStream().readAllBytes();
        } catch (IOException e) {
            if (c.getResponseCode() < 400) {
                throw e;
            }
        }
        return c.getResponseCode();
    }

    /** The names of the loaded subclasses of a class, as jcmd's VM.class_hierarchy -s prints them. */
    private Set<String> subclasses(String name) throws Exception {
        String out = Command.output(TargetJvm.JDK17.resolve("bin/jcmd").toString(), String.valueOf(pid),
                "VM.class_hierarchy", name, "-s");
        Set<String> names = new HashSet<>();
        for (String line : out.split("\n")) {
            if (line.startsWith("|")) { // "|  |--org.apache.tomcat.util.net.AbstractEndpoint$Handler$SocketState/0x…"
                String entry = line.replaceFirst("^[| -]*", "");
                names.add(entry.substring(0, entry.lastIndexOf('/')));
            }
        }
        assertTrue(names.size() > 20, out);
        return names;
    }

    static String ownName(String className) {
        String simple = className.substring(className.lastIndexOf('.') + 1);
        return simple.substring(simple.lastIndexOf('$') + 1);
    }

    @Test
    void theListenersAreListenersByNameOrByTypeAndNoEnum() {
        JsonNode l = report.get("listeners");
        assertTrue(l.get("byType").asBoolean(), "Tomcat's few thousand classes are few enough for the hierarchy");
        List<String> names = new ArrayList<>();
        for (JsonNode c : l.get("classes")) {
            String n = c.get("name").asText();
            names.add(n);
            assertFalse(enums.contains(n), n + " is an enum");
            boolean byName = ownName(n).toLowerCase().matches(".*(listener|handler|callback|observer|subscriber|watcher).*");
            assertTrue(byName || !c.get("implementing").isNull(), n + " matches only through its enclosing class");
            if (byName) {
                assertTrue(c.get("implementing").isNull(), c.toString());
            }
        }
        assertFalse(names.contains("org.apache.tomcat.util.net.AbstractEndpoint$Handler$SocketState"), names.toString());
        assertTrue(l.get("leftOut").asInt() > 0, "Tomcat has dozens of small handler classes: " + l);
        // every class shown has 100 or more objects, grows, or is among the five most numerous
        int small = 0;
        for (JsonNode c : l.get("classes")) {
            if (c.get("count").asLong() < 100 && !c.get("growing").asBoolean()) {
                small++;
            }
        }
        assertTrue(small <= 5, l.toString());
        // by type: Tomcat's own LifecycleListeners, whatever their names
        boolean lifecycle = false;
        for (JsonNode c : l.get("classes")) {
            lifecycle |= "org.apache.catalina.LifecycleListener".equals(c.get("implementing").asText(null));
        }
        assertTrue(lifecycle || l.get("leftOut").asInt() > 0, l.toString());
    }

    @Test
    void memoryAddsUpOnARealServer() {
        JsonNode r = report.at("/memory/resident");
        assertNull(r.get("skipped").textValue(), r.toString());
        // the parts are the total's by construction (untracked and files are what is left); the kernel's VmRSS,
        // read before attaching, is the independent figure. Between the two reads the audit adds a few MiB
        // (bench/lightness.sh) and Tomcat serves the test's requests for the interval: +14 MiB seen, so a quarter
        // of slack above and none to speak of below (a sum that lost or doubled mappings falls outside)
        long vmRss = report.at("/memory/rss").asLong();
        long total = r.get("total").asLong();
        assertTrue(total >= vmRss - (4 << 20) && total <= vmRss * 1.25, "VmRSS " + vmRss + ": " + r);
        assertTrue(r.get("files").asLong() > 0, r.toString());
        assertTrue(r.get("heap").asLong() <= report.at("/memory/heapCommitted").asLong(), r.toString());
        assertTrue(r.get("untracked").asLong() > 0, "malloc and what glibc keeps: " + r);
        assertTrue(r.get("stacksFound").asInt() > 20, r.toString());
    }

    @Test
    void threadsAsTheJdkCountsThemAndNoneOfXrays() {
        JsonNode t = report.get("threads");
        int sum = 0;
        for (JsonNode n : t.get("states")) {
            sum += n.asInt();
        }
        assertEquals(t.get("total").asInt(), sum, t.toString());
        assertTrue(t.get("peak").asInt() >= t.get("total").asInt() - 1, t.toString());
        for (JsonNode h : t.get("hot")) {
            String n = h.get("name").asText();
            assertFalse(n.equals("Attach Listener") || n.startsWith("RMI ") || n.startsWith("JMX "), n);
        }
        assertTrue(text.contains("\nListeners\n"), text);
    }
}
