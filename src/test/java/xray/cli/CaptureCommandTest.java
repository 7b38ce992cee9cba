package xray.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xray.testing.Cli;
import xray.testing.HostFixtures;
import xray.testing.Live;
import xray.testing.Tree;

/** xray capture from the command line, and --root FILE reading what it wrote. */
class CaptureCommandTest {
    @TempDir
    Path tmp;

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void thisHostThroughItsBundleMatchesTheLiveHost() throws Exception {
        Live.require(Live.isRoot() && Files.isReadable(Path.of("/proc/meminfo")), "needs Linux and root");
        Path file = tmp.resolve("host.tar.gz");
        Cli capture = Cli.run("capture", "-o", file.toString());
        assertEquals(0, capture.exitCode(), capture.err());
        assertTrue(capture.err().startsWith("xray: captured "), capture.err());
        Cli live = Cli.run("mem", "--json");
        Cli bundled = Cli.run("mem", "--json", "--root", file.toString());
        assertEquals(0, bundled.exitCode(), bundled.err());
        JsonNode a = JSON.readTree(live.out());
        JsonNode b = JSON.readTree(bundled.out());
        for (String k : new String[] {"hostname", "kernelRelease", "os", "cpus", "cgroupMode", "memTotal", "swapTotal"}) {
            assertEquals(a.get("host").get(k), b.get("host").get(k), k);
        }
        // The same cgroups with the same limits; sizes as they were a moment earlier (this machine is busy:
        // builds come and go), so within a fifth or 64 MiB.
        Map<String, JsonNode> before = new HashMap<>();
        b.get("cgroups").forEach(cg -> before.put(cg.get("path").asText(), cg));
        int compared = 0;
        for (JsonNode cg : a.get("cgroups")) {
            JsonNode old = before.get(cg.get("path").asText());
            if (old == null) {
                continue; // made after the capture
            }
            compared++;
            for (String k : new String[] {"name", "kind", "depth", "max", "high", "softLimit"}) {
                assertEquals(cg.get(k), old.get(k), cg.get("path") + " " + k);
            }
            for (String k : new String[] {"current", "realCost", "anon"}) {
                long x = cg.get(k).asLong();
                long y = old.get(k).asLong();
                assertTrue(Math.abs(x - y) <= Math.max(x / 5, 64L << 20), cg.get("path") + " " + k + ": " + x + " vs " + y);
            }
        }
        assertTrue(compared >= Math.min(a.get("cgroups").size(), b.get("cgroups").size()) - 2,
                "nearly all cgroups are in both: " + compared);
        Cli ps = Cli.run("ps", "--root", file.toString(), "--json", "--top", "0", "--all");
        assertEquals(0, ps.exitCode(), ps.err());
        assertTrue(JSON.readTree(ps.out()).get("processes").size() > 10, "every process: " + ps.out().length());
    }

    @Test
    void aSnapshotDirectoryCanBeCapturedAndReadBack() throws Exception {
        Tree t = HostFixtures.hybrid(Tree.onDisk(tmp.resolve("host")));
        Path file = tmp.resolve("fixture.tar.gz");
        Cli capture = Cli.run("capture", "--root", t.root().toString(), "-o", file.toString());
        assertEquals(0, capture.exitCode(), capture.err());
        assertEquals(Cli.run("mem", "--root", t.root().toString()).out(), Cli.run("mem", "--root", file.toString()).out());
        assertEquals(MemGoldenTest.steady(Cli.run("ps", "--root", t.root().toString(), "--json").out()),
                MemGoldenTest.steady(Cli.run("ps", "--root", file.toString(), "--json").out()), "the same, but when made");
        assertEquals(Cli.run("mem", "froth.service", "--root", t.root().toString()).out(),
                Cli.run("mem", "froth.service", "--root", file.toString()).out());
        // Unpacked, its directory is a --root too.
        Path out = Files.createDirectory(tmp.resolve("unpacked"));
        assertEquals(0, new ProcessBuilder("tar", "xzf", file.toString(), "-C", out.toString()).start().waitFor());
        Path top;
        try (var dirs = Files.list(out)) {
            top = dirs.findFirst().orElseThrow();
        }
        assertTrue(Files.exists(top.resolve("manifest.json")));
        assertEquals(Cli.run("mem", "--root", t.root().toString()).out(), Cli.run("mem", "--root", top.toString()).out());
        assertTrue(Files.getPosixFilePermissions(file).equals(Set.of(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                java.nio.file.attribute.PosixFilePermission.OWNER_WRITE)), "a bundle may hold command lines: 0600");
    }

    @Test
    void badInputGetsOneLineAndAnExitCode() throws Exception {
        Path text = tmp.resolve("notes.txt");
        Files.writeString(text, "not a bundle\n");
        Cli notBundle = Cli.run("mem", "--root", text.toString());
        assertEquals(2, notBundle.exitCode());
        assertTrue(notBundle.err().startsWith("xray mem: --root '" + text + "': not a directory, nor a tar.gz"), notBundle.err());
        Path damaged = tmp.resolve("cut.tar.gz");
        Files.write(damaged, new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2});
        Cli cut = Cli.run("mem", "--root", damaged.toString());
        assertEquals(1, cut.exitCode(), cut.err());
        assertEquals(1, cut.err().lines().count(), cut.err());
        assertTrue(cut.err().contains("not a readable capture bundle"), cut.err());
        Cli nowhere = Cli.run("capture", "--root", tmp.resolve("no").toString());
        assertEquals(2, nowhere.exitCode());
        Tree t = HostFixtures.hybrid(Tree.onDisk(tmp.resolve("host")));
        Cli unwritable = Cli.run("capture", "--root", t.root().toString(), "-o", tmp.resolve("no/such/dir/x.tar.gz").toString());
        assertEquals(1, unwritable.exitCode());
        assertTrue(unwritable.err().startsWith("xray: cannot write "), unwritable.err());
        assertEquals(1, unwritable.err().lines().count(), unwritable.err());
    }
}
