package xray.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import xray.testing.Cli;
import xray.testing.Live;

/**
 * Files any local user can plant, on the live machine: an attach socket of another user, one that
 * others may use, a trigger file of another user, hostile hsperfdata. Each is refused in one line
 * (exit 1) and left where it is, or (hsperfdata) makes only its JVM's perf data unreadable in the
 * list. And xray leaves itself out of its own lists.
 */
class JvmTrustLiveTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeEach
    void live() {
        Live.requireRoot("plants files as nobody with runuser, and audits a JVM of root");
        Live.require(Files.isExecutable(Path.of("/usr/sbin/runuser")), "needs runuser (util-linux)");
        Live.require(Files.isExecutable(Path.of("/usr/bin/python3")) || Files.isExecutable(Path.of("/bin/python3")),
                "needs python3 (the planted listener)");
        Live.require(Files.isExecutable(TargetJvm.JDK17.resolve("bin/java")), "needs the JDK at " + TargetJvm.JDK17);
    }

    /**
     * A Unix socket listening at {@code path} as nobody (mode 0600, as a JVM makes it): prints
     * "ready", then "connected" and "got N bytes" for each connection; ends on "exit" on stdin.
     */
    static TargetJvm plantedListener(Path path) {
        String script = String.join("\n",
                "import os, socket, sys, threading",
                "def stop():",
                "    sys.stdin.readline()",
                "    os._exit(0)",
                "threading.Thread(target=stop, daemon=True).start()",
                "s = socket.socket(socket.AF_UNIX)",
                "s.bind(sys.argv[1])",
                "os.chmod(sys.argv[1], 0o600)",
                "s.listen(1)",
                "print('ready', flush=True)",
                "while True:",
                "    c, _ = s.accept()",
                "    print('connected', flush=True)",
                "    print('got %d bytes' % len(c.recv(4096)), flush=True)",
                "    c.close()");
        return TargetJvm.start(List.of("runuser", "-u", "nobody", "--", "python3", "-c", script, path.toString()),
                TargetJvm::childOf);
    }

    @Test
    void aSocketPlantedByNobodyForARootJvmIsRefusedAndGetsNoBytes() throws Exception {
        try (TargetJvm jvm = JvmRefusalLiveTest.idle(TargetJvm.JDK17)) {
            Path socket = Path.of("/tmp/.java_pid" + jvm.pid());
            try (TargetJvm planted = plantedListener(socket)) {
                assertEquals(65534, Files.getAttribute(socket, "unix:uid"));
                String line = JvmRefusalLiveTest.refusal(Cli.run("jvm", String.valueOf(jvm.pid())));
                assertEquals("xray: the attach socket /proc/" + jvm.pid() + "/root/tmp/.java_pid" + jvm.pid()
                        + " belongs to nobody (uid 65534), but pid " + jvm.pid() + " runs as root (uid 0): it may be "
                        + "planted, so xray will not connect to it or remove it.", line);
                Thread.sleep(300);
                assertEquals(List.of(), planted.drain(), "the planted listener was never connected to");
                assertTrue(Files.exists(socket), "not xray's to remove");
                assertEquals(List.of(), jvm.drain(), "no SIGQUIT: no thread dump");
                JvmRefusalLiveTest.assertNoTrigger(jvm.pid());
                assertTrue(Cli.run("jvm").out().contains("no: untrusted attach socket"));
                assertEquals(List.of(), planted.drain(), "the list does not connect either");
            } finally {
                Files.deleteIfExists(socket);
            }
        }
    }

    @Test
    void aSocketOthersMayUseIsRefused() throws Exception {
        try (TargetJvm jvm = JvmRefusalLiveTest.idle(TargetJvm.JDK17)) {
            Path socket = Path.of("/tmp/.java_pid" + jvm.pid());
            try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                server.bind(UnixDomainSocketAddress.of(socket));
                server.configureBlocking(false);
                Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw----"));
                String line = JvmRefusalLiveTest.refusal(Cli.run("jvm", String.valueOf(jvm.pid())));
                assertEquals("xray: the attach socket /proc/" + jvm.pid() + "/root/tmp/.java_pid" + jvm.pid()
                        + " has mode 0660: users other than its owner root (uid 0) may use it (a JVM makes it 0600), so "
                        + "xray will not connect to it.", line);
                assertNull(server.accept(), "no connection was made");
                assertTrue(Files.exists(socket));
            } finally {
                Files.deleteIfExists(socket);
            }
        }
    }

    @Test
    void aTriggerFileOfAnotherUserIsNotSignalledAround() throws Exception {
        try (TargetJvm jvm = JvmRefusalLiveTest.idle(TargetJvm.JDK17)) {
            // The target runs in /tmp: its working directory is where the JVM looks first.
            Path trigger = Path.of("/tmp/.attach_pid" + jvm.pid());
            TargetJvm.run("runuser", "-u", "nobody", "--", "touch", trigger.toString());
            try {
                String line = JvmRefusalLiveTest.refusal(Cli.run("jvm", String.valueOf(jvm.pid())));
                assertEquals("xray: pid " + jvm.pid() + " has no attach socket, and /proc/" + jvm.pid() + "/cwd/.attach_pid"
                        + jvm.pid() + " is a regular file of nobody (uid 65534) that xray did not make; the JVM runs as "
                        + "root (uid 0) and would not start its listener on it, so xray will not signal it.", line);
                Thread.sleep(300);
                assertEquals(List.of(), jvm.drain(), "no SIGQUIT, which would have printed a thread dump");
                assertTrue(Files.exists(trigger), "not xray's to remove");
            } finally {
                Files.deleteIfExists(trigger);
            }
        }
    }

    static byte[] random(int n) {
        byte[] b = new byte[n];
        new java.util.Random(8).nextBytes(b);
        return b;
    }

    /** A copy of a real perf data file with one little-endian int changed. */
    static byte[] withInt(byte[] real, int at, int value) {
        byte[] d = real.clone();
        ByteBuffer.wrap(d).order(ByteOrder.LITTLE_ENDIAN).putInt(at, value);
        return d;
    }

    @Test
    void hostilePerfDataLeavesTheListIntact() throws Exception {
        // A has no perf data of its own (-XX:-UsePerfData): what is planted under its pid is all there is.
        try (TargetJvm a = JvmRefusalLiveTest.idle(TargetJvm.JDK17, "-XX:-UsePerfData", "-Xmx64m");
             TargetJvm b = JvmRefusalLiveTest.idle(TargetJvm.JDK17, "-Xmx96m")) {
            Path planted = Path.of("/tmp/hsperfdata_root/" + a.pid());
            Path nobodyDir = Path.of("/tmp/hsperfdata_nobody");
            byte[] real = Files.readAllBytes(Path.of("/tmp/hsperfdata_root/" + b.pid()));
            int firstEntry = ByteBuffer.wrap(real).order(ByteOrder.LITTLE_ENDIAN).getInt(24);
            Map<String, byte[]> hostile = Map.of(
                    "entry offset past the end", withInt(real, 24, Integer.MAX_VALUE - 8),
                    "huge entry count", withInt(real, 28, Integer.MAX_VALUE),
                    "huge entry length", withInt(real, firstEntry, 1 << 30),
                    "negative name offset", withInt(real, firstEntry + 4, -1_000_000),
                    "data offset past the entry", withInt(real, firstEntry + 16, Integer.MAX_VALUE),
                    "truncated", java.util.Arrays.copyOf(real, 1000),
                    "random", random(4096));
            List<String> seen = new ArrayList<>();
            boolean madeNobodyDir = !Files.exists(nobodyDir);
            try {
                for (Map.Entry<String, byte[]> h : hostile.entrySet()) {
                    Files.write(planted, h.getValue());
                    seen.add(h.getKey() + ": " + listed(a, b));
                }
                Files.delete(planted);
                try (RandomAccessFile f = new RandomAccessFile(planted.toFile(), "rw")) {
                    f.setLength(1L << 30); // sparse: a GiB xray must not read
                }
                seen.add("1 GiB: " + listed(a, b));
                Files.delete(planted);
                Files.createSymbolicLink(planted, Path.of("/dev/zero"));
                seen.add("link to /dev/zero: " + listed(a, b));
                Files.delete(planted);
                // a well-formed file, but nobody's, for a JVM of root
                Files.createDirectories(nobodyDir);
                Path ofNobody = nobodyDir.resolve(String.valueOf(a.pid()));
                Files.write(ofNobody, real);
                TargetJvm.run("chown", "-R", "nobody", nobodyDir.toString());
                seen.add("nobody's: " + listed(a, b));
                Files.delete(ofNobody);
            } finally {
                Files.deleteIfExists(planted);
                Files.deleteIfExists(nobodyDir.resolve(String.valueOf(a.pid())));
                if (madeNobodyDir) {
                    Files.deleteIfExists(nobodyDir);
                }
            }
            assertEquals(10, seen.size());
            assertTrue(seen.stream().filter(s -> s.startsWith("link")).allMatch(s -> s.contains("is a symbolic link")),
                    seen.toString());
            assertTrue(seen.stream().filter(s -> s.startsWith("1 GiB")).allMatch(s -> s.contains("1073741824 bytes")),
                    seen.toString());
            assertTrue(seen.stream().filter(s -> s.startsWith("nobody")).allMatch(s -> s.contains("uid 65534")),
                    seen.toString());
        }
    }

    /** Lists the JVMs: A shows perf data unreadable, B is intact; returns A's perfProblem. */
    static String listed(TargetJvm a, TargetJvm b) throws IOException {
        Cli r = Cli.run("jvm", "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode jvmA = null;
        JsonNode jvmB = null;
        for (JsonNode j : JSON.readTree(r.out()).get("jvms")) {
            if (j.get("pid").asInt() == a.pid()) {
                jvmA = j;
            } else if (j.get("pid").asInt() == b.pid()) {
                jvmB = j;
            }
        }
        assertNotNull(jvmA, r.out());
        assertNotNull(jvmB, r.out());
        assertEquals("xray.jvm.IdleTarget", jvmB.get("mainClass").asText());
        assertEquals(96L << 20, jvmB.get("heapMax").asLong());
        assertTrue(jvmB.get("perfProblem").isNull());
        assertEquals("xray.jvm.IdleTarget", jvmA.get("mainClass").asText(), "from the command line");
        assertTrue(jvmA.get("heapMax").isNull(), jvmA.toString());
        assertFalse(jvmA.get("perfProblem").isNull(), jvmA.toString());
        Cli text = Cli.run("jvm");
        assertTrue(text.out().contains("pid " + a.pid() + ": perf data unreadable"), text.out());
        assertEquals("", text.err());
        return jvmA.get("perfProblem").asText();
    }

    @Test
    void xrayLeavesItselfOutOfItsLists() throws Exception {
        long self = ProcessHandle.current().pid(); // xray runs in this JVM here
        for (JsonNode j : JSON.readTree(Cli.run("jvm", "--json").out()).get("jvms")) {
            assertTrue(j.get("pid").asLong() != self, "xray jvm lists xray");
        }
        for (JsonNode p : JSON.readTree(Cli.run("ps", "--json", "--top", "0").out()).get("processes")) {
            assertTrue(p.get("pid").asLong() != self, "xray ps lists xray");
        }
    }
}
