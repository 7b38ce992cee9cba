package xray.cli;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import xray.testing.Live;

/**
 * The committed man pages and completions are what the command model generates now. The
 * build writes them to target/generated-docs; a difference fails with the command that
 * regenerates them.
 */
class DocsTest {
    static final String REGENERATE = "mvn -B test -Dtest=DocsTest -Dxray.updateDocs=true";
    static final Path OUT = Path.of("target", "generated-docs");

    @Test
    void completionsAreUpToDate() throws IOException {
        check(Docs.completions(), "completions");
    }

    @Test
    void aNewFlagMakesEveryCompletionStale() throws IOException {
        picocli.CommandLine model = Docs.model();
        model.getSubcommands().get("mem").getCommandSpec().addOption(
                picocli.CommandLine.Model.OptionSpec.builder("--brand-new").description("A flag added later.").build());
        for (Map.Entry<String, String> e : Docs.completions(model).entrySet()) {
            String committed = Files.readString(Path.of(e.getKey()), StandardCharsets.UTF_8);
            org.junit.jupiter.api.Assertions.assertNotEquals(committed, e.getValue(), e.getKey());
            org.junit.jupiter.api.Assertions.assertTrue(e.getValue().contains("brand-new"), e.getKey());
        }
    }

    @Test
    void manPagesAreUpToDate() throws IOException {
        Live.require(Live.onPath("asciidoctor"), "needs asciidoctor to render man pages (apt-get install asciidoctor)");
        check(Docs.manPages(OUT.resolve("adoc")), "man");
    }

    /** man -l of every committed page shows the sections a person looks for, SECURITY in xray-jvm's. */
    @Test
    void manPagesHaveTheSectionsOfAManPage() throws Exception {
        Live.require(Live.onPath("man"), "needs man(1) to render the pages (apt-get install man-db)");
        for (String page : Docs.commands().keySet()) {
            ProcessBuilder pb = new ProcessBuilder("man", "-l", "man/" + page + ".1").redirectErrorStream(true);
            pb.environment().put("MANPAGER", "cat");
            pb.environment().put("MANWIDTH", "80");
            Process p = pb.start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                    .replaceAll(".\b", ""); // overstrike (bold) as plain text
            org.junit.jupiter.api.Assertions.assertEquals(0, p.waitFor(), text);
            List<String> headings = text.lines().filter(l -> l.matches("[A-Z][A-Z ]+")).toList();
            List<String> wanted = new ArrayList<>(Docs.SECTIONS);
            if (page.equals("xray-jvm")) {
                wanted.add("SECURITY");
            }
            for (String section : wanted) {
                org.junit.jupiter.api.Assertions.assertTrue(headings.contains(section), page + " lacks " + section
                        + ": " + headings);
            }
            org.junit.jupiter.api.Assertions.assertTrue(text.contains("free(1)") && text.contains("jcmd(1)")
                    && text.contains("share/doc/xray"), page + ": SEE ALSO");
        }
    }

    private static void check(Map<String, String> generated, String dir) throws IOException {
        boolean update = Boolean.getBoolean("xray.updateDocs");
        List<String> stale = new ArrayList<>();
        for (Map.Entry<String, String> e : generated.entrySet()) {
            Path target = OUT.resolve(e.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, e.getValue(), StandardCharsets.UTF_8);
            Path committed = Path.of(e.getKey());
            if (update) {
                Files.createDirectories(committed.getParent());
                Files.writeString(committed, e.getValue(), StandardCharsets.UTF_8);
            } else if (!Files.exists(committed)
                    || !Files.readString(committed, StandardCharsets.UTF_8).equals(e.getValue())) {
                stale.add(e.getKey());
            }
        }
        try (Stream<Path> files = Files.list(Path.of(dir))) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String rel = dir + "/" + p.getFileName();
                if (!generated.containsKey(rel) && !p.getFileName().toString().equals("README.md")) {
                    if (update) {
                        Files.delete(p);
                    } else {
                        stale.add(rel + " (no longer generated)");
                    }
                }
            }
        }
        if (!stale.isEmpty()) {
            fail(String.join(", ", stale) + " differ from what the command model generates (written to " + OUT
                    + "). Regenerate them with: " + REGENERATE);
        }
    }
}
