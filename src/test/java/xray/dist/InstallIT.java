package xray.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xray.testing.Live;

/**
 * The distribution archive as a user gets it: unpacked, installed into a temporary prefix with
 * bin/install, then xray --version, the installed man page, and a completion round in bash.
 */
class InstallIT {
    @TempDir
    static Path tmp;
    static Path prefix;

    record Run(int code, String out) {
    }

    static Run sh(String script, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), script);
        return new Run(p.exitValue(), out);
    }

    static Map<String, String> env() {
        return Map.of("XDG_CACHE_HOME", tmp.resolve("cache").toString(), "HOME", tmp.toString(),
                "PATH", prefix.resolve("bin") + ":" + System.getenv("PATH"), "MANWIDTH", "80", "LANG", "C.UTF-8");
    }

    @BeforeAll
    static void install() throws Exception {
        Path dist = Path.of(System.getProperty("xray.dist", "target/xray-0.1.0.tar.gz"));
        assertTrue(Files.isRegularFile(dist), "mvn package makes " + dist);
        prefix = tmp.resolve("prefix");
        Run r = sh("tar xzf '" + dist + "' -C '" + tmp + "' && '" + tmp + "'/xray-*/bin/install --prefix '" + prefix
                + "'", Map.of());
        assertEquals(0, r.code(), r.out());
        assertTrue(r.out().contains("xray installed under " + prefix), r.out());
        for (String f : List.of("bin/xray", "share/xray/xray.jar", "share/man/man1/xray.1", "share/man/man1/xray-mem.1",
                "share/bash-completion/completions/xray", "share/zsh/site-functions/_xray",
                "share/fish/vendor_completions.d/xray.fish")) {
            assertTrue(Files.exists(prefix.resolve(f)), f + " installed");
        }
    }

    @Test
    void versionRuns() throws Exception {
        Run r = sh("xray --version", env());
        assertEquals(0, r.code(), r.out());
        assertTrue(r.out().startsWith("xray 0.1.0 (commit "), r.out());
        assertTrue(r.out().contains("Java " + System.getProperty("java.specification.version")), r.out());
        // The version alone runs without an archive; the first command makes one.
        assertEquals(0, sh("xray jvm --json >/dev/null", env()).code());
        try (var files = Files.walk(tmp.resolve("cache/xray"))) {
            assertTrue(files.anyMatch(f -> f.toString().endsWith(".jsa")), "a class-data archive in the cache");
        }
        // -Xshare:on makes the JVM fail instead of falling back when the archive cannot be used.
        Map<String, String> strict = new java.util.HashMap<>(env());
        strict.put("XRAY_JAVA_OPTS", "-Xshare:on -Xlog:cds=warning");
        Run again = sh("xray mem --json >/dev/null && xray --version", strict);
        assertEquals(0, again.code(), "the second run maps the archive: " + again.out());
        assertEquals(r.out(), again.out());
    }

    /** Two installs (and a checkout) share the cache directory but keep each their own archive. */
    @Test
    void installsKeepTheirOwnArchives() throws Exception {
        Path other = tmp.resolve("other-prefix");
        Run r = sh("'" + tmp + "'/xray-*/bin/install --prefix '" + other + "'", Map.of());
        assertEquals(0, r.code(), r.out());
        Map<String, String> env = new java.util.HashMap<>(env());
        env.put("XDG_CACHE_HOME", tmp.resolve("shared-cache").toString());
        assertEquals(0, sh("'" + prefix.resolve("bin/xray") + "' jvm --json >/dev/null", env).code());
        List<Path> first = archives(tmp.resolve("shared-cache"));
        assertEquals(1, first.size(), first.toString());
        java.nio.file.attribute.FileTime made = Files.getLastModifiedTime(first.get(0));
        assertEquals(0, sh("'" + other.resolve("bin/xray") + "' jvm --json >/dev/null", env).code());
        assertEquals(0, sh("'" + prefix.resolve("bin/xray") + "' jvm --json >/dev/null", env).code());
        List<Path> both = archives(tmp.resolve("shared-cache"));
        assertEquals(2, both.size(), "one archive per install: " + both);
        assertEquals(made, Files.getLastModifiedTime(first.get(0)), "the first install's archive was not made again");
    }

    static List<Path> archives(Path cache) throws IOException {
        try (var files = Files.walk(cache)) {
            return files.filter(f -> f.toString().endsWith(".jsa") || f.toString().endsWith(".aot")).sorted().toList();
        }
    }

    @Test
    void manPageRenders() throws Exception {
        Live.require(sh("command -v man", Map.of()).code() == 0, "needs man (apt-get install man-db)");
        Run r = sh("man -l '" + prefix.resolve("share/man/man1/xray-mem.1") + "' | cat", env());
        assertEquals(0, r.code(), r.out());
        assertTrue(r.out().contains("XRAY-MEM(1)"), r.out());
        assertTrue(r.out().contains("EXIT CODES"), r.out());
        assertTrue(r.out().contains("EXAMPLES"), r.out());
        assertTrue(!r.out().contains("warning"), r.out());
    }

    @Test
    void bashCompletesCommandsOptionsValuesAndCgroups() throws Exception {
        String completion = prefix.resolve("share/bash-completion/completions/xray").toString();
        String round = "source '" + completion + "'; complete -p xray >/dev/null || exit 9; "
                + "COMP_WORDS=(%s); COMP_CWORD=%d; COMP_LINE='%s'; _complete_xray 2>/dev/null; printf '%%s\\n' \"${COMPREPLY[@]}\"";
        assertEquals("mem", sh(String.format(round, "xray me", 1, "xray me"), env()).out().strip());
        assertTrue(sh(String.format(round, "xray mem --j", 2, "xray mem --j"), env()).out().contains("--json"));
        assertEquals(List.of("always", "auto"),
                sh(String.format(round, "xray mem --color a", 3, "xray mem --color a"), env()).out().strip().lines()
                        .sorted().toList());
        Run cgroups = sh(String.format(round, "xray mem /", 2, "xray mem /"), env());
        assertTrue(cgroups.out().lines().anyMatch("/"::equals), "the root cgroup is offered: " + cgroups.out());
    }
}
