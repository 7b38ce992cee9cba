package xray.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import xray.testing.Live;
import xray.testing.LoadCgroup;

/**
 * xray mem as a person sees it in an 80x24 terminal (tmux), on the real kernel: a workload cgroup
 * named orders-api.service, whose growing process the kernel's OOM killer killed at its 16 MiB limit, is
 * shown whole (its full name), with its OOM kill visible (the OOM column, or the line that names
 * what the width left out), every line at most 80 columns; then {@code xray mem orders-api} (the
 * unit's name as typed, without its suffix) shows it in full with the kill.
 */
class MemTmuxIT {
    static final long MIB = 1L << 20;
    static final int COLS = 80;
    static final int ROWS = 24;

    String session;

    @Test
    void anOomKilledServiceAt80x24() throws Exception {
        Live.require(Files.isExecutable(Path.of("/usr/bin/tmux")), "needs tmux (.ci/run installs it)");
        String parent = "xray-ux-it-" + ProcessHandle.current().pid();
        session = parent;
        try (LoadCgroup load = LoadCgroup.create(parent, "orders-api.service")) {
            load.limit(16 * MIB);
            Process p = load.start("grow", "8"); // 8 MiB more every half second: past 16 MiB in about a second
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the workload outlives its limit");
            assertEquals(137, p.exitValue(), "killed by SIGKILL (the OOM killer)");
            String oom = Files.readString(load.cgroup.resolve("memory.oom_control"));
            assertTrue(oom.contains("oom_kill 1"), "the kernel counts the kill: " + oom);

            tmux("new-session", "-d", "-s", session, "-x", String.valueOf(COLS), "-y", String.valueOf(ROWS),
                    "env -u COLUMNS -u LINES TERM=screen LANG=C.UTF-8 bash --norc --noprofile");
            keys("clear; bin/xray mem; echo XRAY-DONE-$((40 + 2))", "Enter");
            String screen = waitFor("XRAY-DONE-42", 120);
            TopTmuxIT.fits(screen, COLS);
            String row = screen.lines().filter(l -> l.contains("orders-api.service")).findFirst()
                    .orElseThrow(() -> new AssertionError("orders-api.service is not on the screen:\n" + screen));
            assertTrue(row.contains("└─ orders-api.service ") || row.contains("├─ orders-api.service "),
                    "its name whole, in the tree:\n" + screen);
            boolean column = screen.lines().anyMatch(l -> l.startsWith("CGROUP ") && l.contains(" OOM"))
                    && row.stripTrailing().matches(".*\\s1(\\s.*)?");
            assertTrue(column || screen.contains("1 OOM kill in orders-api.service"), "its OOM kill:\n" + screen);
            assertTrue(screen.lines().filter(l -> !l.isBlank()).count() <= ROWS, screen);

            // the drill-down is longer than the screen: what scrolled off is read back from tmux's history
            keys("clear", "Enter");
            tmux("clear-history", "-t", session);
            keys("bin/xray mem orders-api; echo XRAY-DONE-$((50 + 2))", "Enter");
            String detail = waitFor("XRAY-DONE-52", 60, "-S", "-");
            TopTmuxIT.fits(detail, COLS);
            assertTrue(detail.contains("/" + parent + "/orders-api.service\n"), "found as typed:\n" + detail);
            assertTrue(detail.lines().anyMatch(l -> l.matches("\\s*OOM kills\\s+1\\b.*")), detail);
        } finally {
            tmux("kill-session", "-t", session);
        }
    }

    String waitFor(String marker, int seconds, String... history) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        String screen = "";
        List<String> capture = new java.util.ArrayList<>(List.of("capture-pane", "-p", "-t", session));
        capture.addAll(List.of(history));
        while (System.nanoTime() < end) {
            screen = TopTmuxIT.tmux(capture.toArray(new String[0]));
            if (screen.contains(marker)) {
                return screen;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("waited " + seconds + " s for " + marker + "; the screen:\n" + screen);
    }

    void keys(String... keys) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("send-keys", "-t", session));
        cmd.addAll(List.of(keys));
        tmux(cmd.toArray(new String[0]));
    }

    static String tmux(String... args) throws Exception {
        return TopTmuxIT.tmux(args);
    }
}
