package xray.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xray.testing.Cli;
import xray.testing.JsonChecks;
import xray.testing.Live;

/**
 * Races are normal: while 1,000 processes and 200 cgroups (with processes in them) are created and
 * removed on this machine's kernel, {@code xray mem --json} and {@code xray ps --pss --json} run 50
 * times each with zero failures: exit 0, nothing on stderr, JSON that parses, no negative number.
 * The cgroups live under a parent of the test's own in the v1 memory hierarchy, removed afterwards;
 * the only processes ended are the ones the test started.
 */
class LiveRaceTest {
    static final int PROCESSES = 1000;
    static final int CGROUPS = 200;
    static final int RUNS = 50;

    @TempDir
    Path dir;

    @Test
    void vanishingProcessesAndCgroupsAreSkippedSilently() throws Exception {
        Path memory = Live.cgroupV1Memory();
        Path parent = memory.resolve("xray-race-" + ProcessHandle.current().pid());
        Files.createDirectory(parent);
        Path stop = dir.resolve("stop");
        Path counts = dir.resolve("counts");
        // Each round: 20 cgroups made, a short-lived process moved into each, 30 more processes beside
        // them; then the cgroups removed as their processes exit. Until told to stop and enough was made.
        String script = """
                set -u
                p=$1; stop=$2; counts=$3; procs=0; groups=0
                while [ ! -e "$stop" ] || [ $procs -lt %d ] || [ $groups -lt %d ]; do
                  for i in $(seq 1 20); do
                    mkdir "$p/c$i" && groups=$((groups + 1))
                    (echo $BASHPID > "$p/c$i/cgroup.procs"; exec sleep 0.0$((RANDOM %% 9 + 1))) &
                    procs=$((procs + 1))
                  done
                  for i in $(seq 1 30); do (exec sleep 0.0$((RANDOM %% 9 + 1))) & procs=$((procs + 1)); done
                  wait
                  for i in $(seq 1 20); do rmdir "$p/c$i" 2>/dev/null || { sleep 0.01; rmdir "$p/c$i"; }; done
                  echo "$procs $groups" > "$counts"
                done
                """.formatted(PROCESSES, CGROUPS);
        Process churn = new ProcessBuilder("bash", "-c", script, "race", parent.toString(), stop.toString(),
                counts.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("churn.log").toFile()).start();
        List<String> failures = new ArrayList<>();
        try {
            for (int i = 0; i < RUNS; i++) {
                run(failures, "mem", "--json");
                run(failures, "ps", "--pss", "--json", "--top", "0");
            }
        } finally {
            Files.writeString(stop, "");
            if (!churn.waitFor(120, TimeUnit.SECONDS)) {
                churn.descendants().forEach(ProcessHandle::destroy);
                churn.destroy();
            }
            try (Stream<Path> s = Files.list(parent)) {
                for (Path c : s.filter(Files::isDirectory).toList()) {
                    Files.delete(c);
                }
            }
            Files.delete(parent);
        }
        assertEquals(0, churn.exitValue(), Files.readString(dir.resolve("churn.log")));
        String[] made = Files.readString(counts).trim().split(" ");
        assertTrue(Integer.parseInt(made[0]) >= PROCESSES && Integer.parseInt(made[1]) >= CGROUPS,
                "made " + made[0] + " processes and " + made[1] + " cgroups");
        assertEquals(List.of(), failures.stream().limit(5).toList(), failures.size() + " of " + 2 * RUNS + " runs failed");
    }

    private static void run(List<String> failures, String... args) {
        Cli r = Cli.run(args);
        String cmd = "xray " + String.join(" ", args);
        if (r.exitCode() != 0 || !r.err().isEmpty()) {
            failures.add(cmd + ": exit " + r.exitCode() + ": " + r.err());
            return;
        }
        try {
            JsonNode doc = new ObjectMapper().readTree(r.out());
            List<String> negative = JsonChecks.negativeNumbers(doc);
            if (!negative.isEmpty() || !doc.get("warnings").isEmpty()) {
                failures.add(cmd + ": " + negative + " " + doc.get("warnings"));
            }
        } catch (Exception e) {
            failures.add(cmd + ": " + e);
        }
    }
}
