package xray.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xray.testing.Live;

/**
 * What a piped {@code xray mem --json} loads, as bin/xray runs it (its flags and its class-data
 * archive, made fresh here): never OSHI, JNA, JLine, RMI or JMX, which only other paths need
 * (other systems, terminals, {@code xray jvm PID}), nor the Prometheus client and its HTTP server
 * ({@code xray serve}), the bundle reader, jimfs and Guava ({@code --root FILE}), or java.time's
 * formatter (the JSON header's time is written without it: about 60 classes). On JDK 24+ the AOT
 * cache loads every class it holds at start-up, so this also checks that the training run keeps
 * them out of the cache. And no lambda is made at run time: each one the JVM spins costs a short
 * run, the first of them milliseconds, and a JDK 24+ AOT cache keeps xray's own lambdas but not
 * those the JDK makes for it (Comparator.comparing and the like).
 */
class StartupClassesIT {
    static final Pattern FORBIDDEN = Pattern.compile(
            "^(oshi\\.|com\\.sun\\.jna\\.|org\\.jline\\.|java\\.rmi\\.|sun\\.rmi\\.|javax\\.management\\.|com\\.sun\\.jmx\\."
                    + "|io\\.prometheus\\.|com\\.sun\\.net\\.httpserver\\.|com\\.google\\.|xray\\.collect\\.Bundle"
                    + "|xray\\.collect\\.Tar|java\\.time\\.format\\.)");
    static final Pattern LOADED = Pattern.compile("\\[class,load\\] (\\S+) source: (.*)$");
    static final Path TEMURIN_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");

    @TempDir
    Path tmp;

    record Loaded(String name, String source) {
    }

    @Test
    void pipedMemJsonOnTheDefaultJdk() throws Exception {
        check(Path.of(System.getProperty("java.home")));
    }

    @Test
    void pipedMemJsonOnJdk25() throws Exception {
        Live.require(Files.isExecutable(TEMURIN_25.resolve("bin/java")), "needs Temurin 25 at " + TEMURIN_25);
        check(TEMURIN_25);
    }

    /**
     * On JDK 24+ exactly {@code mem --json} has a cache of its own, and the first training also
     * makes the small one {@code --version} runs with; {@code mem} alone has its own too, and any
     * other form of the command shares the command's.
     */
    @Test
    void versionAndMemJsonHaveTheirOwnCachesOnJdk25() throws Exception {
        Live.require(Files.isExecutable(TEMURIN_25.resolve("bin/java")), "needs Temurin 25 at " + TEMURIN_25);
        run(TEMURIN_25, null, "mem", "--json");
        List<String> caches;
        try (var files = Files.walk(tmp.resolve("cache"))) {
            caches = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".aot")).sorted().toList();
        }
        assertEquals(2, caches.size(), "two caches: " + caches);
        assertTrue(caches.get(0).endsWith("-mem-json.aot") && caches.get(1).endsWith("-version.aot"), caches.toString());
        Path log = tmp.resolve("version.log");
        run(TEMURIN_25, log, "--version");
        assertTrue(Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                        .anyMatch(l -> l.contains(" xray.cli.Main source: shared objects file")),
                "xray --version runs with its cache");
        run(TEMURIN_25, null, "mem");
        run(TEMURIN_25, null, "mem", "--depth", "1");
        try (var files = Files.walk(tmp.resolve("cache"))) {
            caches = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".aot")).sorted().toList();
        }
        assertEquals(4, caches.size(), "the command alone and any other form have theirs: " + caches);
        assertTrue(caches.stream().anyMatch(n -> n.endsWith("-mem-plain.aot"))
                && caches.stream().anyMatch(n -> n.endsWith("-mem.aot")), caches.toString());
    }

    private void check(Path javaHome) throws Exception {
        run(javaHome, null); // makes the archive, as the first run of an install does
        Path log = tmp.resolve("classes.log");
        run(javaHome, log);
        List<Loaded> loaded = new ArrayList<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            Matcher m = LOADED.matcher(line);
            if (m.find()) {
                loaded.add(new Loaded(m.group(1), m.group(2)));
            }
        }
        List<String> xray = loaded.stream().map(Loaded::name).filter(n -> n.startsWith("xray.")).toList();
        assertTrue(xray.contains("xray.cli.MemCommand") && xray.contains("xray.render.MemJson"),
                "the log lists the classes of the run: " + xray);
        long archived = loaded.stream().filter(l -> l.name().startsWith("xray.") && l.source().contains("shared objects file"))
                .count();
        assertTrue(archived > xray.size() / 2, "xray's classes come from the class-data archive: " + archived + " of "
                + xray.size());
        List<String> forbidden = loaded.stream().map(Loaded::name).filter(n -> FORBIDDEN.matcher(n).find()).toList();
        assertEquals(List.of(), forbidden, "xray mem --json (piped) on " + javaHome + " loaded classes it does not need");
        List<String> spun = loaded.stream().filter(l -> l.name().contains("$$Lambda") && !l.source().contains("shared objects file"))
                .map(l -> l.name() + " (" + l.source() + ")").toList();
        assertEquals(List.of(), spun, "lambdas made at run time by xray mem --json on " + javaHome);
    }

    private void run(Path javaHome, Path log) throws IOException, InterruptedException {
        run(javaHome, log, "mem", "--json");
    }

    private void run(Path javaHome, Path log, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bin/xray"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(tmp.resolve("stderr").toFile());
        pb.environment().put("JAVA_HOME", javaHome.toString());
        pb.environment().put("XDG_CACHE_HOME", tmp.resolve("cache").toString());
        pb.environment().remove("XRAY_CDS");
        if (log == null) {
            pb.environment().remove("XRAY_JAVA_OPTS");
        } else {
            pb.environment().put("XRAY_JAVA_OPTS", "-Xlog:class+load=info:file=" + log);
        }
        Process p = pb.start();
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "bin/xray " + String.join(" ", args) + " finished");
        assertEquals(0, p.exitValue(), Files.readString(tmp.resolve("stderr")));
    }
}
