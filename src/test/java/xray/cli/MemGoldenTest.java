package xray.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code xray mem --root testdata/v2-qemu}, table and JSON, compared with the files in
 * src/test/resources/golden/. Any change of a column, a JSON key, a number or a sentence shows
 * here. The environment is fixed (UTF-8 locale, no COLUMNS, no colour) so the output is the
 * same on every machine.
 */
class MemGoldenTest {
    private static final Path GOLDEN = Path.of("src", "test", "resources", "golden");
    private static final String ROOT = "testdata/v2-qemu";
    private static final boolean UPDATE = Boolean.getBoolean("xray.updateGolden");

    @Test
    void table() throws IOException {
        golden("mem-v2-qemu.txt", "mem", "--root", ROOT);
    }

    @Test
    void json() throws IOException {
        golden("mem-v2-qemu.json", "mem", "--json", "--pretty", "--root", ROOT);
    }

    @Test
    void drillDown() throws IOException {
        golden("mem-v2-qemu-xray-capture.txt", "mem", "--root", ROOT, "/xray-capture");
    }

    /** The drill-down's JSON: its processes and its verdicts, each a record with its sentence. */
    @Test
    void drillDownJson() throws IOException {
        golden("mem-v2-qemu-xray-capture.json", "mem", "--json", "--pretty", "--root", ROOT, "/xray-capture");
    }

    private static void golden(String name, String... args) throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc;
        try (PrintWriter o = new PrintWriter(out); PrintWriter e = new PrintWriter(err)) {
            rc = Main.run(o, e, new Main.Context(false, Map.of("LANG", "C.UTF-8")), args);
        }
        String command = "xray " + String.join(" ", args);
        assertEquals(0, rc, command + " failed: " + err);
        assertEquals("", err.toString(), "stderr of " + command);
        Path file = GOLDEN.resolve(name);
        String actual = steady(out.toString());
        if (UPDATE) {
            Files.createDirectories(GOLDEN);
            Files.writeString(file, actual, StandardCharsets.UTF_8);
            System.err.println("golden: wrote " + file + " (" + command + ")");
            return;
        }
        String how = "the output of `" + command + "` differs from " + file + ". If the change is intended,"
                + " regenerate the golden files with `mvn -B test -Dtest=MemGoldenTest -Dxray.updateGolden=true`"
                + " and review `git diff " + GOLDEN + "` before committing";
        if (!Files.exists(file)) {
            throw new AssertionError(file + " is missing: " + how);
        }
        assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual, how);
    }

    /** The output with what differs from run to run (the time a document was made, the build) made constant. */
    static String steady(String output) {
        return output.replaceFirst("\"time\"( ?: ?)\"[0-9T:.Z-]+\"", "\"time\"$1\"2026-01-01T00:00:00Z\"")
                .replaceFirst("\"xrayVersion\"( ?: ?)\"[^\"]*\"", "\"xrayVersion\"$1\"VERSION\"");
    }
}
