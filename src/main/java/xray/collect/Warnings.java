package xray.collect;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.Map;
import xray.kernel.FileProblem;

/**
 * What went wrong while reading, collected (from any thread) and printed once: one line per file
 * that was malformed or could not be read (the same line twice is shown once); files that needed
 * more permission, counted for one summary line; processes and cgroups that vanished mid-scan,
 * counted for {@code -v}.
 */
public final class Warnings {
    private final Set<String> lines = new LinkedHashSet<>();
    private final Set<String> denied = new LinkedHashSet<>();
    private final Map<String, Integer> gone = new TreeMap<>();

    public synchronized void add(String line) {
        lines.add(line);
    }

    /**
     * A failed read, by its kind: not permitted is counted for the summary; the kernel refusing a
     * file it lists (not supported) is absent without a word; the rest is a line naming the file.
     */
    public void add(FileProblem p) {
        switch (p.kind()) {
            case NOT_PERMITTED -> denied(p.file());
            case NOT_SUPPORTED, ABSENT -> { }
            case MALFORMED, IO_ERROR -> add(p.file() + ": " + p.problem());
        }
    }

    /** A file this user may not read (another user's process, a root-only file). */
    public synchronized void denied(Path file) {
        denied.add(file.toString());
    }

    /** A process or cgroup ({@code what}) that vanished between listing and reading. */
    public synchronized void gone(String what) {
        gone.merge(what, 1, Integer::sum);
    }

    public synchronized List<String> lines() {
        return new ArrayList<>(lines);
    }

    public synchronized boolean isEmpty() {
        return lines.isEmpty();
    }

    /**
     * One line for every file that could not be read for want of permission, or null when there
     * were none: "12 processes of other users could not be read in full: run as root for all".
     */
    public synchronized String deniedSummary() {
        if (denied.isEmpty()) {
            return null;
        }
        Set<String> pids = new LinkedHashSet<>();
        List<String> files = new ArrayList<>();
        for (String f : denied) {
            String pid = pidOf(f);
            if (pid != null) {
                pids.add(pid);
            } else {
                files.add(f);
            }
        }
        List<String> parts = new ArrayList<>();
        if (!pids.isEmpty()) {
            parts.add(pids.size() + (pids.size() == 1 ? " process of another user" : " processes of other users"));
        }
        if (!files.isEmpty()) {
            parts.add(files.size() == 1 ? files.get(0) : files.size() + " files (" + files.get(0) + ", …)");
        }
        return String.join(" and ", parts) + " could not be read in full: permission denied; run as root for all";
    }

    /** "3 processes and 1 cgroup vanished during the scan", or null. */
    public synchronized String goneSummary() {
        if (gone.isEmpty()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        gone.forEach((what, n) -> parts.add(n + " " + (n == 1 ? what : plural(what))));
        return String.join(" and ", parts) + " vanished during the scan and were skipped";
    }

    private static String plural(String what) {
        return what.endsWith("s") ? what + "es" : what + "s";
    }

    /** "1234" for a path with a /proc/1234/ segment, else null. */
    static String pidOf(String path) {
        int at = path.indexOf("/proc/");
        while (at >= 0) {
            int from = at + 6;
            int to = from;
            while (to < path.length() && Character.isDigit(path.charAt(to))) {
                to++;
            }
            if (to > from && (to == path.length() || path.charAt(to) == '/')) {
                return path.substring(from, to);
            }
            at = path.indexOf("/proc/", from);
        }
        return null;
    }
}
