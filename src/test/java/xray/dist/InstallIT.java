package xray.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
        for (String f : List.of("bin/xray", "share/xray/xray.jar", "share/doc/xray/README.md",
                "share/xray/install-manifest", "share/man/man1/xray.1", "share/man/man1/xray-mem.1",
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

    /** Installs the unpacked distribution into tmp/NAME (besides the one {@link #install} made). */
    static Path installInto(String name) throws IOException, InterruptedException {
        Path p = tmp.resolve(name);
        Run r = sh("'" + tmp + "'/xray-*/bin/install --prefix '" + p + "'", Map.of());
        assertEquals(0, r.code(), r.out());
        return p;
    }

    /** {@link #env()} with the class-data archives in tmp/CACHE. */
    static Map<String, String> envWithCache(String cache) {
        Map<String, String> env = new java.util.HashMap<>(env());
        env.put("XDG_CACHE_HOME", tmp.resolve(cache).toString());
        return env;
    }

    /** Two installs (and a checkout) share the cache directory but keep each their own archive. */
    @Test
    void installsKeepTheirOwnArchives() throws Exception {
        Path other = installInto("other-prefix");
        Map<String, String> env = envWithCache("shared-cache");
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

    /**
     * The archive belongs to the jar and the java it was made for, as stamp files of their
     * modification times say: the same jar keeps it, a new one (another time) makes it again, and
     * that one maps (-Xshare:on fails the run otherwise).
     */
    @Test
    void aNewJarMakesItsArchiveAgain() throws Exception {
        Path own = installInto("renew-prefix");
        Map<String, String> env = envWithCache("renew-cache");
        String xray = "'" + own.resolve("bin/xray") + "'";
        assertEquals(0, sh(xray + " mem --json >/dev/null", env).code());
        List<Path> first = archives(tmp.resolve("renew-cache"));
        assertEquals(1, first.size(), first.toString());
        java.nio.file.attribute.FileTime made = Files.getLastModifiedTime(first.get(0));
        assertEquals(0, sh(xray + " mem --json >/dev/null", env).code());
        assertEquals(made, Files.getLastModifiedTime(first.get(0)), "the same jar keeps its archive");
        Path jar = own.resolve("share/xray/xray.jar");
        Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(
                Files.getLastModifiedTime(jar).toMillis() + 1500));
        env.put("XRAY_JAVA_OPTS", "-Xshare:on -Xlog:cds=warning");
        Run again = sh(xray + " mem --json >/dev/null && " + xray + " mem --json >/dev/null", env);
        assertEquals(0, again.code(), "the new archive maps: " + again.out());
        List<Path> now = archives(tmp.resolve("renew-cache"));
        assertEquals(1, now.size(), now.toString());
        assertNotEquals(made, Files.getLastModifiedTime(now.get(0)), "a new jar: the archive was made again");
    }

    /** Install, run (which makes the install's class-data archive), uninstall: the prefix is as it was. */
    @Test
    void uninstallLeavesThePrefixAsItWas() throws Exception {
        Path p = tmp.resolve("lived-in");
        Files.createDirectories(p.resolve("share/man/man1"));
        Files.createDirectories(p.resolve("bin"));
        Files.writeString(p.resolve("bin/other-tool"), "#!/bin/sh\n");
        Files.writeString(p.resolve("share/man/man1/other-tool.1"), ".TH OTHER 1\n");
        String before = tree(p);
        Path cache = tmp.resolve("uninstall-cache");
        Map<String, String> env = envWithCache("uninstall-cache");
        Run in = sh("'" + tmp + "'/xray-*/bin/install --prefix '" + p + "'", env);
        assertEquals(0, in.code(), in.out());
        assertTrue(in.out().contains("bin/install --uninstall --prefix " + p), in.out());
        assertEquals(0, sh("'" + p.resolve("bin/xray") + "' jvm --json >/dev/null", env).code());
        assertEquals(1, archives(cache).size(), "the run made this install's archive");
        Run again = sh("'" + tmp + "'/xray-*/bin/install --prefix '" + p + "'", env);
        assertEquals(0, again.code(), "installing twice: " + again.out());
        Run out = sh("'" + tmp + "'/xray-*/bin/install --uninstall --prefix '" + p + "'", env);
        assertEquals(0, out.code(), out.out());
        assertEquals(before, tree(p), "install then uninstall leaves the prefix as it was");
        assertEquals(List.of(), archives(cache), "and its archive is gone");
        Run none = sh("'" + tmp + "'/xray-*/bin/install --uninstall --prefix '" + p + "'", env);
        assertEquals(1, none.code(), "nothing to uninstall: " + none.out());
    }

    static String tree(Path root) throws IOException {
        try (var files = Files.walk(root)) {
            return String.join("\n", files.map(f -> root.relativize(f) + (Files.isDirectory(f) ? "/" : "")).sorted()
                    .toList());
        }
    }

    static List<Path> archives(Path cache) throws IOException {
        if (!Files.exists(cache)) {
            return List.of();
        }
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
        assertTrue(r.out().contains("EXIT STATUS") && r.out().contains("ENVIRONMENT") && r.out().contains("SEE ALSO"), r.out());
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
        // --opt=VALUE: bash splits the line at '=' (COMP_WORDBREAKS)
        assertEquals(List.of("always", "auto", "never"), sh(String.format(round, "xray mem --color = ''", 4,
                "xray mem --color="), env()).out().strip().lines().sorted().toList());
        assertEquals(List.of("rss", "rssAnon", "rssFile", "rssShmem"), sh(String.format(round, "xray ps --sort = rs", 4,
                "xray ps --sort=rs"), env()).out().strip().lines().sorted().toList());
        Run users = sh(String.format(round, "xray ps --user ro", 3, "xray ps --user ro"), env());
        assertEquals("root", users.out().strip(), "the host's users");
        Run pids = sh(String.format(round, "xray ps --pid 1", 3, "xray ps --pid 1"), env());
        assertTrue(pids.out().lines().anyMatch("1"::equals), "the host's pids: " + pids.out());
        Run cg = sh(String.format(round, "xray ps --cgroup /", 3, "xray ps --cgroup /"), env());
        assertTrue(cg.out().lines().anyMatch("/"::equals), "ps --cgroup: " + cg.out());
    }

    @Test
    void fishAndZshCompleteTheHostsWordsFromTheSameXray() throws Exception {
        Live.require(sh("command -v fish", Map.of()).code() == 0, "needs fish (.ci/run installs it)");
        String fish = prefix.resolve("share/fish/vendor_completions.d/xray.fish").toString();
        Run users = sh("fish -c 'source " + fish + "; complete -C \"xray ps --user ro\"'", env());
        assertTrue(users.out().startsWith("root\t"), users.out());
        Run colors = sh("fish -c 'source " + fish + "; complete -C \"xray mem --color=a\"'", env());
        assertTrue(colors.out().contains("--color=always"), colors.out());
        Live.require(sh("command -v zsh", Map.of()).code() == 0, "needs zsh (.ci/run installs it)");
        Run zsh = sh("zsh -f -c 'fpath=(" + prefix.resolve("share/zsh/site-functions") + " $fpath); autoload -U compinit; "
                + "compinit -u; (( $+functions[_xray] )) || autoload -U _xray; whence -w _xray'", env());
        assertTrue(zsh.out().contains("_xray: function"), "zsh finds _xray under the prefix: " + zsh.out());
    }
}
