package xray.collect;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import xray.kernel.FileProblem;

/**
 * Problems met while reading, one line each, naming the file. Collected (from any thread)
 * and printed once; the same line twice is shown once.
 */
public final class Warnings {
    private final Set<String> lines = new LinkedHashSet<>();

    public synchronized void add(String line) {
        lines.add(line);
    }

    public void add(FileProblem p) {
        add(p.file() + ": " + p.problem());
    }

    public synchronized List<String> lines() {
        return new ArrayList<>(lines);
    }

    public synchronized boolean isEmpty() {
        return lines.isEmpty();
    }
}
