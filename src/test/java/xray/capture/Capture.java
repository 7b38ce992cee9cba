package xray.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import xray.testing.Cli;

/**
 * The captures in {@code testdata/} (read in place) and the workload their scripts ran there
 * (testdata/README.md): the same in every capture, so one set of expectations serves them all.
 */
enum Capture {
    V1_HYBRID("v1-hybrid", "hybrid", "/sys/fs/cgroup/memory"),
    V2_QEMU("v2-qemu", "v2", "/sys/fs/cgroup");

    static final long MIB = 1L << 20;
    /** xray-load anon 96 in /xray-capture/anon. */
    static final long ANON = 96 * MIB;
    /** xray-load read of a 200 MiB file in /xray-capture/cache. */
    static final long CACHE = 200 * MIB;
    /** xray-load shmem of 64 MiB on a tmpfs in /xray-capture/shmem. */
    static final long SHMEM = 64 * MIB;
    /** memory.limit_in_bytes (v1) or memory.max (v2) of /xray-capture. */
    static final long LIMIT = 1024 * MIB;
    /** What a cgroup with one small process charges besides its workload (stack, page tables, slab). */
    static final long OVERHEAD = MIB;
    /** "Within a few percent". */
    static final double TOLERANCE = 0.03;

    final String dir;
    final String mode;
    final String memoryMount;

    Capture(String dir, String mode, String memoryMount) {
        this.dir = dir;
        this.mode = mode;
        this.memoryMount = memoryMount;
    }

    /** The capture directory, relative to the project (Maven runs tests there). */
    String root() {
        Path p = Path.of("testdata", dir);
        if (!Files.isDirectory(p)) {
            fail(p.toAbsolutePath() + " is missing: run the tests from the project directory");
        }
        return p.toString();
    }

    /** A file of the capture by its host path, e.g. "/proc/sys/kernel/osrelease". */
    String file(String absolute) {
        try {
            return Files.readString(Path.of(root(), absolute.substring(1))).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The pids the capture's cgroup.procs lists for a cgroup. */
    List<Integer> pids(String cgroup) {
        List<Integer> out = new ArrayList<>();
        for (String line : file(memoryMount + cgroup + "/cgroup.procs").split("\n")) {
            out.add(Integer.parseInt(line.strip()));
        }
        return out;
    }

    /** {@code xray ARGS --root <this capture>}: must succeed without a warning. */
    Cli run(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--root";
        all[args.length + 1] = root();
        Cli r = Cli.run(all);
        assertEquals(0, r.exitCode(), () -> "exit code of " + String.join(" ", all) + "; stderr:\n" + r.err());
        assertEquals("", r.err(), "stderr of " + String.join(" ", all));
        return r;
    }

    /** {@code xray ARGS --json --root <this capture>}, parsed. */
    JsonNode json(String... args) {
        String[] withJson = new String[args.length + 1];
        System.arraycopy(args, 0, withJson, 0, args.length);
        withJson[args.length] = "--json";
        try {
            return new ObjectMapper().readTree(run(withJson).out());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return dir;
    }

    /** The entry of {@code cgroups} with this path. */
    static JsonNode cgroup(JsonNode doc, String path) {
        for (JsonNode cg : doc.get("cgroups")) {
            if (cg.get("path").asText().equals(path)) {
                return cg;
            }
        }
        throw new AssertionError("no cgroup " + path + " in the JSON document");
    }

    /** A byte count in the JSON document, which must be there (not null). */
    static long bytes(JsonNode cg, String key) {
        JsonNode v = cg.get(key);
        assertNotNull(v, key + " missing in " + cg.get("path"));
        assertTrue(v.isIntegralNumber(), () -> key + " of " + cg.get("path") + " is " + v + ", not a byte count");
        return v.asLong();
    }

    /** {@code actual} within {@link #TOLERANCE} of {@code expected}. */
    static void near(long expected, long actual, String what) {
        assertTrue(Math.abs(actual - expected) <= TOLERANCE * expected,
                () -> what + ": " + actual + " bytes (" + actual / (double) MIB + " MiB) is not within "
                        + (int) (TOLERANCE * 100) + "% of " + expected / MIB + " MiB");
    }
}
