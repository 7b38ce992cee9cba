package xray.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The README's metrics reference is the one {@link Metrics#reference()} makes from the metric
 * definitions; {@code mvn -B test -Dtest=MetricsReferenceTest -Dxray.updateDocs=true} rewrites it.
 */
class MetricsReferenceTest {
    static final String BEGIN = "<!-- metrics reference: generated from xray.render.Metrics by MetricsReferenceTest -->\n";
    static final String END = "<!-- end of metrics reference -->";

    @Test
    void theReadmeListsEveryMetricAsTheCodeDefinesIt() throws IOException {
        Path readme = Path.of("README.md");
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        int from = text.indexOf(BEGIN);
        int to = text.indexOf(END);
        assertTrue(from >= 0 && to > from, "README.md has the markers of the metrics reference");
        String committed = text.substring(from + BEGIN.length(), to);
        String generated = Metrics.reference();
        if (Boolean.getBoolean("xray.updateDocs")) {
            Files.writeString(readme, text.substring(0, from + BEGIN.length()) + generated + text.substring(to),
                    StandardCharsets.UTF_8);
            return;
        }
        assertEquals(generated, committed, "README.md's metrics reference is stale; regenerate it with: "
                + "mvn -B test -Dtest=MetricsReferenceTest -Dxray.updateDocs=true");
    }

    @Test
    void namesFollowPrometheusConventions() {
        Set<String> seen = new HashSet<>();
        for (Metrics.Def<?> d : Metrics.ALL) {
            assertTrue(seen.add(d.name()), "one definition per name: " + d.name());
            assertTrue(d.name().matches("xray_[a-z_]+"), d.name());
            assertEquals(d.counter(), d.name().endsWith("_total"), "counters, and only counters, end in _total: " + d.name());
            assertTrue(!d.help().isBlank() && !d.help().contains("\""), "HELP, without quotes: " + d.name());
        }
    }
}
