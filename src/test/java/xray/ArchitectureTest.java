package xray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layers of ARCHITECTURE.md, enforced on the sources: every reference from one package of
 * src/main/java/xray to another (an import, a static import, or a name written out in full) and
 * every use of a library is checked against what the layer may use.
 * <pre>
 * cli  ─▶  collect ─▶ kernel, jvm        all ─▶ model
 *  └──▶  analysis (pure)   render
 * </pre>
 */
class ArchitectureTest {
    static final Path MAIN = Path.of("src", "main", "java", "xray");

    /** The xray packages each package may use besides itself. */
    static final Map<String, Set<String>> MAY_USE = Map.of(
            "model", Set.of(),
            "kernel", Set.of("model"),
            "jvm", Set.of("kernel", "model"),
            "collect", Set.of("kernel", "jvm", "model"),
            "analysis", Set.of("model"),
            "render", Set.of("model"),
            "cli", Set.of("collect", "analysis", "render", "model"));

    /**
     * Single classes of another layer a package may name: the cli makes the root every reader takes
     * from --root (ARCHITECTURE.md "Every reader takes a root").
     */
    static final Set<String> MAY_USE_CLASS = Set.of("cli -> xray.kernel.KernelFs");

    /** Libraries, by package prefix, and the one xray package that may use each. */
    static final Map<String, String> LIBRARIES = Map.ofEntries(
            Map.entry("picocli", "cli"),
            Map.entry("com.fasterxml.jackson", "render"),
            Map.entry("org.jline", "render"),
            Map.entry("oshi", "collect"),
            // Only jvm talks to JVMs: JMX, RMI, the attach API, jvmstat, Unix-domain sockets.
            Map.entry("javax.management", "jvm"),
            Map.entry("java.lang.management", "jvm"),
            Map.entry("java.rmi", "jvm"),
            Map.entry("javax.rmi", "jvm"),
            Map.entry("com.sun.tools.attach", "jvm"),
            Map.entry("sun.jvmstat", "jvm"),
            Map.entry("java.net.UnixDomainSocketAddress", "jvm"));

    /** What analysis may not touch: it is pure, samples in and figures out (no files, network, clock or environment). */
    static final List<String> IMPURE = List.of("java.io.", "java.nio.", "java.net.", "ProcessHandle.",
            "System.getenv", "System.getProperty", "System.currentTimeMillis", "System.nanoTime", "Runtime.getRuntime");

    @Test
    void everyLayerUsesOnlyWhatItMay() throws IOException {
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                String rel = MAIN.relativize(f).toString();
                violations.addAll(check(rel, Files.readString(f, StandardCharsets.UTF_8)));
            }
        }
        // No exception is allowed: the JVM side's, listed here while issue 11 redid it, are gone.
        assertEquals(List.of(), violations, "references against the layers of ARCHITECTURE.md");
    }

    /** The checker finds what it must: a test of the test, on sources made for it. */
    @Test
    void theCheckFindsEachKindOfViolation() {
        // layer, the code after "package xray.LAYER;", and what the check must report
        String[][] cases = {
            {"collect", "import xray.analysis.MemoryModel;", "xray.analysis.MemoryModel"},
            {"analysis", "class A { xray.kernel.KeyedValues v; }", "xray.kernel.KeyedValues"},
            {"render", "import static xray.collect.Warnings.of;", "xray.collect.Warnings"},
            {"model", "import xray.render.*;", "xray.render.*"},
            {"collect", "import picocli.CommandLine;", "picocli.CommandLine"},
            {"cli", "class A { Object f = new com.fasterxml.jackson.core.JsonFactory(); }",
                "com.fasterxml.jackson.core.JsonFactory"},
            {"collect", "import javax.management.ObjectName;", "javax.management.ObjectName"},
            {"analysis", "import java.nio.file.Files;\nclass A { long t = System.nanoTime(); }",
                "java.nio.file.Files", "System.nanoTime"},
            {"cli", "import xray.kernel.KernelFs;\nimport xray.kernel.Keyed;\nimport xray.jvm.AttachRefused;",
                "xray.kernel.Keyed", "xray.jvm.AttachRefused"},
        };
        for (String[] c : cases) {
            List<String> expected = new ArrayList<>();
            for (int i = 2; i < c.length; i++) {
                expected.add(c[0] + "/A.java -> " + c[i]);
            }
            assertEquals(expected, check(c[0] + "/A.java", "package xray." + c[0] + ";\n" + c[1] + "\n"), c[1]);
        }
        // Names in comments and strings are no references.
        assertEquals(List.of(), check("kernel/A.java", "package xray.kernel;\n/** like xray.jvm.AuditTarget */\n"
                + "class A { String s = \"xray.analysis.X picocli.CommandLine\"; // xray.cli.Main\n"
                + "String t = \"\"\"\n  xray.render.Table\n  \"\"\"; char c = '\\\"'; }\n"));
        assertTrue(check("kernel/A.java", "package xray.kernel;\nclass A { xray.model.Limit l; }\n").isEmpty());
    }

    private static final Pattern XRAY = Pattern.compile("\\bxray\\.([a-z]+)\\.(\\*|[A-Z][A-Za-z0-9_]*)");
    private static final Pattern QUALIFIED = Pattern.compile("\\b((?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_]*)");

    /** The references of one source file (path relative to src/main/java/xray) that its layer may not make. */
    static List<String> check(String rel, String source) {
        String layer = rel.substring(0, rel.indexOf('/'));
        String code = codeOnly(source);
        List<String> out = new ArrayList<>();
        Matcher m = XRAY.matcher(code);
        while (m.find()) {
            String pkg = m.group(1);
            String name = "xray." + pkg + "." + m.group(2);
            if (!pkg.equals(layer) && !MAY_USE.get(layer).contains(pkg)
                    && !MAY_USE_CLASS.contains(layer + " -> " + name)) {
                add(out, rel + " -> " + name);
            }
        }
        Matcher q = QUALIFIED.matcher(code);
        while (q.find()) {
            String name = q.group(1);
            for (Map.Entry<String, String> lib : LIBRARIES.entrySet()) {
                if ((name.equals(lib.getKey()) || name.startsWith(lib.getKey() + ".")) && !layer.equals(lib.getValue())) {
                    add(out, rel + " -> " + name);
                }
            }
        }
        if (layer.equals("analysis")) {
            for (String impure : IMPURE) {
                int at = code.indexOf(impure);
                if (at >= 0 && (at == 0 || !Character.isJavaIdentifierPart(code.charAt(at - 1)))) {
                    Matcher n = Pattern.compile(Pattern.quote(impure) + "[A-Za-z0-9_.]*").matcher(code);
                    n.find(at);
                    add(out, rel + " -> " + n.group().replaceAll("\\.$", ""));
                }
            }
        }
        return out;
    }

    private static void add(List<String> out, String v) {
        if (!out.contains(v)) {
            out.add(v);
        }
    }

    /** The source without comments, string and character literals (text blocks too). */
    static String codeOnly(String s) {
        StringBuilder b = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (s.startsWith("//", i)) {
                int end = s.indexOf('\n', i);
                i = end < 0 ? s.length() : end;
            } else if (s.startsWith("/*", i)) {
                int end = s.indexOf("*/", i + 2);
                i = end < 0 ? s.length() : end + 2;
                b.append(' ');
            } else if (s.startsWith("\"\"\"", i)) {
                int end = s.indexOf("\"\"\"", i + 3);
                i = end < 0 ? s.length() : end + 3;
                b.append("\"\"");
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < s.length() && s.charAt(j) != c) {
                    j += s.charAt(j) == '\\' ? 2 : 1;
                }
                i = j + 1;
                b.append(c).append(c);
            } else {
                b.append(c);
                i++;
            }
        }
        return b.toString();
    }
}
