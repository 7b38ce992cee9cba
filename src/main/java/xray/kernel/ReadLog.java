package xray.kernel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every read made through a {@link KernelFs#recording recording} KernelFs: the bytes of each file
 * read (the first read wins, so every reader of a file saw what the log holds), the files whose
 * read failed and how, and the names readers kept from listings. Paths are host paths
 * ("/proc/meminfo"), relative to the root read. Thread-safe: the scans read in parallel.
 */
public final class ReadLog implements KernelFs.Recorder {
    private final Path root;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, ReadFailure> failures = new ConcurrentHashMap<>();
    private final Map<String, List<String>> names = new ConcurrentHashMap<>();

    public ReadLog(Path root) {
        this.root = root;
    }

    private String host(Path p) {
        return "/" + root.relativize(p.toAbsolutePath()).toString();
    }

    @Override
    public void read(Path file, byte[] bytes) {
        files.putIfAbsent(host(file), bytes);
    }

    @Override
    public void failed(Path file, ReadFailure kind) {
        failures.putIfAbsent(host(file), kind);
    }

    @Override
    public void names(Path dir, List<String> kept) {
        names.merge(host(dir), List.copyOf(kept), (a, b) -> {
            List<String> both = new ArrayList<>(a);
            b.stream().filter(n -> !a.contains(n)).forEach(both::add);
            return both;
        });
    }

    /** The files read, by host path, in path order. */
    public Map<String, byte[]> files() {
        return new TreeMap<>(files);
    }

    /** The files whose read failed and why, for those never read whole, in path order. */
    public Map<String, ReadFailure> failures() {
        Map<String, ReadFailure> out = new TreeMap<>(failures);
        out.keySet().removeAll(files.keySet());
        return out;
    }

    /** Names kept from directory listings ("/tmp/hsperfdata_app" → ["4242"]), in path order. */
    public Map<String, List<String>> names() {
        return new TreeMap<>(names);
    }
}
