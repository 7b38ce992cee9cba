package xray.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import xray.testing.Live;
import xray.testing.LoadCgroup;
import xray.testing.Command;

/**
 * xray top in a real terminal: bin/xray top in a tmux session of a given size, driven by keys like a
 * person would. A cgroup of the test's own grows while it runs (8 MiB of anonymous memory every half
 * second); it must appear, and move to the top when the list is flat and sorted by Δ real cost. Then a
 * drill-down into it and back, a resize to the other size, q, and the terminal's modes must be what
 * they were before (stty -a, less the size).
 */
class TopTmuxIT {
    @TempDir
    Path tmp;

    String session;

    @ParameterizedTest
    @CsvSource({"80,24,160,50", "160,50,80,24"})
    void aRealSession(int cols, int rows, int cols2, int rows2) throws Exception {
        Live.require(Files.isExecutable(Path.of("/usr/bin/tmux")), "needs tmux (.ci/run installs it)");
        session = "xray-top-it-" + ProcessHandle.current().pid() + "-" + cols;
        try (LoadCgroup load = LoadCgroup.create("xray-top-it-" + ProcessHandle.current().pid() + "-" + cols, "grow")) {
            load.binary();
            Path before = tmp.resolve("stty-before");
            Path after = tmp.resolve("stty-after");
            tmux("new-session", "-d", "-s", session, "-x", String.valueOf(cols), "-y", String.valueOf(rows),
                    "env -u COLUMNS -u LINES TERM=screen LANG=C.UTF-8 bash --norc --noprofile");
            keys("stty -a > " + before + "; bin/xray top; stty -a > " + after + "; echo XRAY-TOP-$((40 + 2))", "Enter"); // the typed line does not say 42
            String screen = waitFor(s -> s.contains("xray top · ") && s.contains("CGROUP"), 120, "the first frame");
            assertTrue(screen.contains("q:quit") || screen.contains("q quit"), "the help line:\n" + screen);
            fits(screen, cols);

            load.start("grow", "8");
            keys("t"); // flat
            keys("s"); // sort: Δ real cost
            // the growing cgroup is listed, under the ones it is part of (they grow by as much) at most
            screen = waitFor(s -> rowsAbove(s, load.path) >= 0 && rowsAbove(s, load.path) <= 2
                    && s.contains("ΔREAL/s↓"), 30, load.path + " at the top, sorted by Δ real cost");
            int above = rowsAbove(screen, load.path);
            for (String line : dataRows(screen).subList(0, above)) {
                String path = line.split("\\s+")[0];
                // a path cut in the middle ("/a/b…/c") is a parent when what is left of its start is one
                String head = path.contains("…") ? path.substring(0, path.indexOf('…')) : path;
                assertTrue(path.equals("/") || load.path.startsWith(head), "only its parents may be above it:\n" + screen);
            }

            // drill in: select its row, Enter; its processes are listed; Esc goes back
            for (int i = 0; i < above; i++) {
                keys("Down");
            }
            keys("Enter");
            screen = waitFor(s -> s.contains("xray-load") && s.contains("PID"), 15, "the drill-down with its process");
            assertTrue(screen.contains(load.path) || screen.contains("grow"), screen);
            keys("Escape");
            waitFor(s -> s.contains("CGROUP (PATH)"), 15, "back to the cgroups");

            // resize: laid out again at once for the new size
            tmux("resize-window", "-t", session, "-x", String.valueOf(cols2), "-y", String.valueOf(rows2));
            screen = waitFor(s -> s.lines().count() >= rows2 - 1 && maxWidth(s) > Math.min(cols, cols2) == (cols2 > cols)
                    && s.contains("CGROUP (PATH)"), 15, "the screen laid out for " + cols2 + "x" + rows2);
            fits(screen, cols2);
            if (cols2 >= 160) {
                assertTrue(screen.contains("KERNEL") && screen.contains("OOM"), "wide: every column\n" + screen);
            } else {
                assertTrue(screen.contains("not shown at this width"), "narrow: says what it leaves out\n" + screen);
            }

            keys("q");
            waitFor(s -> s.contains("XRAY-TOP-42"), 15, "xray top to quit");
            assertEquals(withoutSize(Files.readString(before)), withoutSize(Files.readString(after)),
                    "the terminal's modes are restored");
        } finally {
            tmux("kill-session", "-t", session);
        }
    }

    /** The lines of the list: those after the table's header line, up to the first blank one. */
    static List<String> dataRows(String screen) {
        List<String> out = new ArrayList<>();
        boolean in = false;
        for (String line : screen.split("\n")) {
            if (line.startsWith("CGROUP")) {
                in = true;
                continue;
            }
            if (in) {
                if (line.isBlank()) {
                    break;
                }
                out.add(line);
            }
        }
        return out;
    }

    /** How many list rows are above {@code path}'s, or −1 when it is not on screen. */
    static int rowsAbove(String screen, String path) {
        List<String> rows = dataRows(screen);
        String leaf = path.substring(path.lastIndexOf('/') + 1);
        for (int i = 0; i < rows.size(); i++) {
            String first = rows.get(i).split("\\s+")[0];
            if (first.equals(path) || (first.endsWith("/" + leaf) && first.contains("…"))) {
                return i;
            }
        }
        return -1;
    }

    static int maxWidth(String screen) {
        return screen.lines().mapToInt(l -> l.stripTrailing().codePointCount(0, l.stripTrailing().length())).max().orElse(0);
    }

    static void fits(String screen, int cols) {
        for (String line : screen.split("\n")) {
            String l = line.stripTrailing();
            assertTrue(l.codePointCount(0, l.length()) <= cols, "wider than " + cols + ": " + l);
        }
    }

    static String withoutSize(String sttyA) {
        return sttyA.replaceAll("rows \\d+; columns \\d+;", "");
    }

    String waitFor(Predicate<String> ok, int seconds, String what) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        String screen = "";
        while (System.nanoTime() < end) {
            screen = capture();
            if (ok.test(screen)) {
                return screen;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("waited " + seconds + " s for " + what + "; the screen:\n" + screen);
    }

    String capture() throws Exception {
        return tmux("capture-pane", "-p", "-t", session);
    }

    void keys(String... keys) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("send-keys", "-t", session));
        cmd.addAll(List.of(keys));
        tmux(cmd.toArray(new String[0]));
        Thread.sleep(200);
    }

    static String tmux(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add("tmux");
        cmd.addAll(List.of(args));
        return Command.run(cmd).out(); // tmux's own failures (no such session yet) are the caller's to read
    }
}
