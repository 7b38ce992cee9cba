package xray.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import xray.testing.Cli;
import xray.testing.Live;

/**
 * A JVM run as another user ({@code runuser -u nobody}): root audits it; nobody audits it too
 * (its own JVM, no root needed); and a third user, daemon, is refused in one sentence that
 * names both users. xray runs as those users from a copy of its class path they can read.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JvmOtherUserLiveTest {
    TargetJvm target;
    Path classPath;

    /** What xray printed when run as another user. */
    record Run(int exitCode, String out, String err) {
    }

    @BeforeAll
    void start() throws IOException {
        Live.requireRoot("runs a JVM as nobody and xray as other users with runuser");
        Live.require(Files.isExecutable(Path.of("/usr/sbin/runuser")), "needs runuser (util-linux)");
        List<String> cmd = new ArrayList<>(List.of("runuser", "-u", "nobody", "--"));
        cmd.addAll(TargetJvm.java(TargetJvm.JDK17, IdleTarget.class.getName(), "-Xmx64m"));
        target = TargetJvm.start(cmd, TargetJvm::childOf);
        classPath = readableClassPath();
    }

    @AfterAll
    void stop() throws IOException {
        if (target != null) {
            target.close();
        }
        try {
            Files.deleteIfExists(Path.of("/tmp/hsperfdata_nobody")); // made by the target; empty once it exited
        } catch (java.nio.file.DirectoryNotEmptyException e) {
            // another JVM of nobody is running: leave it
        }
        if (classPath != null) {
            try (Stream<Path> walk = Files.walk(classPath)) {
                for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                    Files.delete(p);
                }
            }
        }
    }

    @Test
    void rootAuditsAJvmOfNobody() throws IOException {
        Cli r = Cli.run("jvm", String.valueOf(target.pid()), "--json", "--interval", "0");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals("nobody", j.at("/jvm/user").asText());
        assertEquals(65534, j.at("/jvm/uid").asInt());
        assertEquals("xray.jvm.IdleTarget", j.at("/jvm/mainClass").asText());
        assertTrue(j.at("/threads/total").asInt() > 3);
    }

    @Test
    void nobodyAuditsItsOwnJvmWithoutRoot() throws Exception {
        Run r = xrayAs("nobody", "jvm", String.valueOf(target.pid()), "--json", "--interval", "0", "--no-jmx");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals(target.pid(), j.get("pid").asInt());
        assertTrue(j.at("/memory/heapCommitted").asLong() > 0);
    }

    @Test
    void anotherUserIsRefusedInOneSentenceNamingBoth() throws Exception {
        Run r = xrayAs("daemon", "jvm", String.valueOf(target.pid()));
        assertEquals(1, r.exitCode(), r.err());
        assertEquals("", r.out());
        assertEquals(List.of("xray: pid " + target.pid() + " is a JVM of nobody (uid 65534) and you are daemon (uid 1): "
                + "a JVM accepts attach only from its own user or root, so run xray as nobody or as root."),
                r.err().lines().toList());
        assertTrue(target.alive());
    }

    @Test
    void theListTellsANonRootUserWhichJvmsItCannotAttach() throws Exception {
        Run r = xrayAs("daemon", "jvm", "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode mine = null;
        for (JsonNode j : new ObjectMapper().readTree(r.out()).get("jvms")) {
            if (j.get("pid").asInt() == target.pid()) {
                mine = j;
            }
        }
        assertTrue(mine != null, r.out());
        assertEquals(false, mine.get("attachable").asBoolean());
        assertEquals("another user's (run as root)", mine.get("attachNote").asText());
        assertEquals("nobody", mine.get("user").asText());
    }

    /** Runs xray's main class as another user, from the copy of the class path. */
    Run xrayAs(String user, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("runuser", "-u", user, "--",
                TargetJvm.JDK17.resolve("bin/java").toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-XX:-UsePerfData",
                "-cp", classPath.resolve("classes") + File.pathSeparator + classPath.resolve("*"), "xray.cli.Main"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(new File("/tmp")).start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    /** xray's classes and the jars on this test's class path, copied where every user can read them. */
    static Path readableClassPath() throws IOException {
        Path dir = Files.createTempDirectory("xray-cp-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path classes = Path.of("target/classes").toAbsolutePath();
        try (Stream<Path> walk = Files.walk(classes)) {
            for (Path src : (Iterable<Path>) walk::iterator) {
                Path dst = dir.resolve("classes").resolve(classes.relativize(src).toString());
                if (Files.isDirectory(src)) {
                    Files.createDirectories(dst);
                } else {
                    Files.copy(src, dst, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        // Surefire runs tests from a manifest-only jar; the real class path is in this property.
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        for (String entry : cp.split(File.pathSeparator)) {
            Path jar = Path.of(entry);
            if (entry.endsWith(".jar") && Files.isRegularFile(jar)) {
                Files.copy(jar, dir.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(
                        Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        return dir;
    }
}
