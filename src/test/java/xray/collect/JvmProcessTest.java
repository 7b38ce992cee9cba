package xray.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xray.jvm.Samples;
import xray.kernel.KernelFs;
import xray.model.JvmSeen;
import xray.model.JvmSummary;
import xray.testing.Cli;

/**
 * Telling JVMs apart from other processes, from a /proc laid out on disk: a HotSpot JVM in a
 * container (its hsperfdata under /proc/PID/root/tmp, pid 1 inside), sleep, an OpenJ9 JVM, a JVM
 * started with attach disabled through JAVA_TOOL_OPTIONS, and a kernel thread.
 */
class JvmProcessTest {
    @TempDir
    Path root;
    KernelFs fs;

    static String status(String name, int uid, String nspid, String sigCgt, boolean user) {
        return "Name:\t" + name + "\nState:\tS (sleeping)\nPPid:\t1\nUid:\t" + uid + "\t" + uid + "\t" + uid + "\t" + uid
                + "\nNSpid:\t" + nspid + "\n" + (user ? "VmRSS:\t   61440 kB\nRssAnon:\t   40960 kB\n"
                + "RssFile:\t   20480 kB\nRssShmem:\t       0 kB\nVmSwap:\t    1024 kB\n" : "")
                + "Threads:\t20\nSigCgt:\t" + sigCgt + "\n";
    }

    void file(String path, String text) throws IOException {
        file(path, text.getBytes(StandardCharsets.UTF_8));
    }

    void file(String path, byte[] bytes) throws IOException {
        Path p = root.resolve(path.substring(1));
        Files.createDirectories(p.getParent());
        Files.write(p, bytes);
    }

    @BeforeEach
    void proc() throws IOException {
        file("/etc/passwd", "root:x:0:0:root:/root:/bin/bash\napp:x:1000:1000::/home/app:/bin/sh\n");
        // 100: HotSpot in a container, pid 1 inside, catches SIGQUIT (0x4 set)
        file("/proc/100/status", status("java", 1000, "100\t1", "0000000101005ccd", true));
        file("/proc/100/cmdline", "java\0-Xmx256m\0-cp\0/app\0com.example.Shop\0--port\0008080\0");
        file("/proc/100/maps", "7f0000000000-7f0000100000 r-xp 00000000 08:01 123 /usr/lib/jvm/lib/server/libjvm.so\n");
        // utime 1200 and stime 300 ticks: 15 s of CPU
        file("/proc/100/stat", "100 (java) S 1 100 100 0 -1 4194560 9000 0 0 0 1200 300 0 0 20 0 25 0 1000 0 0\n");
        file("/proc/100/root/tmp/hsperfdata_app/1", Samples.bytes("jdk17", "hsperfdata"));
        // 200: sleep
        file("/proc/200/status", status("sleep", 0, "200", "0000000000000000", true));
        file("/proc/200/cmdline", "sleep\000300\0");
        file("/proc/200/maps", "55d000000000-55d000001000 r-xp 00000000 08:01 9 /usr/bin/sleep\n");
        // 300: OpenJ9
        file("/proc/300/status", status("java", 0, "300", "0000000181005ccf", true));
        file("/proc/300/cmdline", "/opt/j9/bin/java\0-jar\0/srv/app.jar\0");
        file("/proc/300/maps", "7f0000000000-7f0000100000 r-xp 00000000 08:01 5 /opt/j9/lib/default/libj9vm29.so\n");
        // 400: HotSpot, attach disabled in the environment, does not catch SIGQUIT
        file("/proc/400/status", status("java", 0, "400", "0000000101005cc9", true));
        file("/proc/400/cmdline", "java\0-m\0com.example/com.example.Main\0");
        file("/proc/400/maps", "7f0000000000-7f0000100000 r-xp 00000000 08:01 7 /jdk/lib/server/libjvm.so\n");
        file("/proc/400/environ", "PATH=/bin\0JAVA_TOOL_OPTIONS=-Xss1m -XX:+DisableAttachMechanism\0");
        // 2: a kernel thread
        file("/proc/2/status", status("kthreadd", 0, "2", "0000000000000000", false));
        fs = KernelFs.at(root);
    }

    JvmProcess read(int pid) {
        return JvmProcess.read(fs, pid, new PerfIndex(), true, new Warnings());
    }

    @Test
    void aHotSpotJvmInAContainer() {
        JvmProcess p = read(100);
        assertEquals(JvmProcess.Kind.HOTSPOT, p.kind());
        assertEquals(1, p.nspid());
        assertEquals(root.resolve("proc/100/root/tmp/hsperfdata_app/1"), p.perfFile());
        assertEquals("xray.jvm.AuditTarget", p.mainClass(), "hsperfdata's sun.rt.javaCommand comes first");
        assertTrue(p.catchesQuit());
        assertFalse(p.attachDisabled());
        assertFalse(p.stopped());
        assertEquals(root.resolve("proc/100/root/tmp/.java_pid1"), p.socket());
        assertEquals(List.of(root.resolve("proc/100/cwd/.attach_pid1"), root.resolve("proc/100/root/tmp/.attach_pid1")),
                p.attachTarget(Map.of()).triggerFiles());
    }

    @Test
    void otherProcesses() {
        assertEquals(JvmProcess.Kind.NOT_JVM, read(200).kind());
        assertEquals(JvmProcess.Kind.OPENJ9, read(300).kind());
        JvmProcess p400 = read(400);
        assertEquals(JvmProcess.Kind.HOTSPOT, p400.kind());
        assertTrue(p400.attachDisabled());
        assertFalse(p400.catchesQuit(), "SigCgt ...5cc9 lacks bit 0x4");
        assertEquals("com.example/com.example.Main", p400.mainClass());
        assertEquals(JvmProcess.Kind.NOT_JVM, read(2).kind());
        assertNull(read(999));
    }

    @Test
    void refusalsAreOneSentence() {
        Map<Integer, String> users = Map.of(0, "root", 1000, "app");
        assertEquals("pid 200 (sleep) is not a JVM: no libjvm.so is mapped into it",
                JvmAccess.refusal(read(200), 0, users));
        assertEquals("pid 300 is an OpenJ9 JVM, which speaks another attach protocol; xray attaches to HotSpot JVMs only",
                JvmAccess.refusal(read(300), 0, users));
        assertEquals("pid 100 is a JVM of app (uid 1000) and you are uid 1001 (uid 1001): a JVM accepts attach only "
                + "from its own user or root, so run xray as app or as root", JvmAccess.refusal(read(100), 1001, users));
        assertEquals("pid 400 was started with -XX:+DisableAttachMechanism, so it accepts no attach",
                JvmAccess.refusal(read(400), 0, users));
        assertNull(JvmAccess.refusal(read(100), 1000, users), "its own user may");
    }

    @Test
    void mainClassFromTheCommandLine() {
        assertEquals("com.example.Shop", JvmProcess.mainFromCommandLine(
                List.of("java", "-Xmx1g", "-cp", "a.jar:lib/*", "com.example.Shop", "--port", "80")));
        assertEquals("/srv/app.jar", JvmProcess.mainFromCommandLine(List.of("java", "-Dx=1", "-jar", "/srv/app.jar")));
        assertEquals("m/com.x.Main", JvmProcess.mainFromCommandLine(List.of("java", "--module-path", "mods", "-m",
                "m/com.x.Main")));
        assertNull(JvmProcess.mainFromCommandLine(List.of("java", "-version")));
        assertNull(JvmProcess.mainFromCommandLine(List.of()));
    }

    @Test
    void theListFindsTheJvmsWithoutAttaching() {
        List<JvmSeen> seen = JvmScanner.scan(fs, 0, new Warnings());
        // the JVM of the fixture started at its perf data's sun.rt.createVmBeginTime; 75 s later:
        long start = seen.get(0).startMillis();
        assertEquals(1_795_547_331_101L, start, "sun.rt.createVmBeginTime of the fixture (2026-11-24T19:08:51.101Z)");
        List<JvmSummary> jvms = xray.analysis.JvmList.summaries(seen, start + 75_000);
        assertEquals(List.of(100, 300, 400), jvms.stream().map(JvmSummary::pid).toList());
        JvmSummary shop = jvms.get(0);
        // CPU: 15 s over 75 s up = 20% of one core
        assertEquals(new JvmSummary(100, 1, "app", 1000, "xray.jvm.AuditTarget", "17.0.15+6-Debian-1deb12u1",
                75.0, 15.0, 20.0, 60L << 20, 41L << 20, 0L /* the spaces' used counters, all 0 at its capture */, 6320816128L, true, "on first attach", false, null),
                shop);
        assertNull(jvms.get(1).cpuSeconds(), "no /proc/300/stat in the fixture: CPU unknown, not 0");
        assertEquals("OpenJ9 (another protocol)", jvms.get(1).attachNote());
        assertFalse(jvms.get(2).attachable());
        assertEquals("attach disabled", jvms.get(2).attachNote());
    }

    @Test
    void theListAsJsonThroughTheCli() throws IOException {
        Cli r = Cli.run("jvm", "--root", root.toString(), "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertEquals("xray.jvms/v2", doc.get("schema").asText());
        assertEquals(3, doc.get("jvms").size());
        JsonNode shop = doc.get("jvms").get(0);
        for (String key : List.of("pid", "nspid", "user", "uid", "mainClass", "version", "uptimeSeconds", "rss",
                "realCost", "heapMax", "attachable", "attachNote", "container", "perfProblem")) {
            assertTrue(shop.has(key), key);
        }
        assertEquals(62914560, shop.get("rss").asLong());
        assertTrue(doc.get("jvms").get(1).get("heapMax").isNull(), "no hsperdata: absent, not 0");
    }

    /** xray jvm --sort by any name of a field, -r, -o, CSV. */
    @Test
    void theListSortsAndSelects() {
        Cli byPid = Cli.run("jvm", "--root", root.toString(), "--sort", "PID", "-r", "--csv", "-o", "pid,mainClass");
        assertEquals(0, byPid.exitCode(), byPid.err());
        assertEquals(List.of("pid", "400", "300", "100"), byPid.out().lines().map(l -> l.split(",")[0]).toList());
        assertTrue(byPid.out().startsWith("pid,mainClass\n400,"), byPid.out());
        Cli byRss = Cli.run("jvm", "--root", root.toString(), "--sort", "rss", "--csv", "--no-header", "-o", "pid");
        assertEquals("100", byRss.out().lines().findFirst().orElseThrow(), "largest RSS first:\n" + byRss.out());
        Cli bad = Cli.run("jvm", "--root", root.toString(), "--sort", "heapmx");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().startsWith("xray jvm: --sort: 'heapmx' is not a sort key; did you mean 'heapMax'?"), bad.err());
    }

    @Test
    void theListAsText() {
        Cli r = Cli.run("jvm", "--root", root.toString());
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).matches("MAIN CLASS / JAR +PID  USER +UPTIME  CPU% +RSS  REAL COST  HEAP USED  HEAP MAX  VERSION +ATTACH"),
                lines.get(0));
        assertTrue(lines.get(1).matches("xray\\.jvm\\.AuditTarget +100  app +\\S.* 60 MiB     41 MiB        0 B   5\\.9 GiB  "
                + "17\\.0\\.15\\+6-Debian-1deb12u1  yes"), lines.get(1));
        assertTrue(lines.get(2).startsWith("/srv/app.jar ") && lines.get(2).endsWith("no: OpenJ9 (another protocol)"),
                lines.get(2));
    }
}
