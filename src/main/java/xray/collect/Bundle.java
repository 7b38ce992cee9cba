package xray.collect;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.GZIPOutputStream;
import xray.kernel.ReadFailure;
import xray.kernel.ReadLog;
import xray.model.CaptureSummary.Skipped;

/**
 * A capture bundle: the files xray's readers read, as they read them, in a tar.gz under one
 * directory ({@code HOST-TIME/}), with {@code manifest.json} first. Made from a {@link ReadLog}:
 * every file read whole goes in unless {@link Contents} leaves it out; every name a reader kept
 * from a listing (the hsperfdata files) goes in as an empty file; everything left out or unreadable
 * is named in the manifest with the reason.
 *
 * @param files    host path → bytes, what goes into the bundle
 * @param names    host paths that go in as names only (empty files)
 * @param skipped  what a reader read or tried to read that the bundle does not hold, and why
 * @param absent   how many files the readers looked for that the host does not have (a kernel
 *                 without memory.peak, a process gone mid-scan): absent from the bundle too
 */
public record Bundle(Map<String, byte[]> files, List<String> names, List<Skipped> skipped, int absent) {

    /**
     * What goes into a bundle from what the readers read. {@code ownPid}: xray capture's own
     * process (its files are left out: xray is no workload of the host it captures), or null.
     */
    public static Bundle of(ReadLog log, Integer ownPid) {
        String own = ownPid == null ? null : "/proc/" + ownPid + "/";
        Map<String, byte[]> files = new TreeMap<>();
        List<Skipped> skipped = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : log.files().entrySet()) {
            String why = own != null && e.getKey().startsWith(own) ? "xray capture's own process"
                    : BundleContents.leftOut(e.getKey());
            if (why == null) {
                files.put(e.getKey(), e.getValue());
            } else {
                skipped.add(new Skipped(e.getKey(), why));
            }
        }
        int absent = 0;
        for (Map.Entry<String, ReadFailure> e : log.failures().entrySet()) {
            if (e.getValue() == ReadFailure.ABSENT || e.getValue() == ReadFailure.NOT_SUPPORTED) {
                absent++; // the host has no such file (or will not print it): --root finds none either
            } else if (own == null || !e.getKey().startsWith(own)) {
                skipped.add(new Skipped(e.getKey(), e.getValue().words()));
            }
        }
        TreeSet<String> names = new TreeSet<>();
        for (Map.Entry<String, List<String>> e : log.names().entrySet()) {
            if (!BundleContents.keepsNames(e.getKey())) {
                continue;
            }
            for (String n : e.getValue()) {
                String path = e.getKey() + "/" + n;
                if (!files.containsKey(path) && !log.names().containsKey(path)) {
                    names.add(path);
                }
            }
        }
        skipped.sort(java.util.Comparator.comparing(Skipped::path));
        return new Bundle(files, List.copyOf(names), List.copyOf(skipped), absent);
    }

    /** The manifest of a capture that made this bundle. */
    public xray.model.CaptureSummary summary(String time, xray.model.HostIdentity host, String xray, boolean pss,
                                             int cgroups, int processes) {
        return new xray.model.CaptureSummary(time, host, xray, pss, cgroups, processes, files.size(), bytes(),
                names.size(), absent, skipped);
    }

    /** Bytes of file content the bundle holds. */
    public long bytes() {
        long n = 0;
        for (byte[] b : files.values()) {
            n += b.length;
        }
        return n;
    }

    /**
     * Writes the bundle as a tar.gz: {@code top/manifest.json}, then each directory once before
     * what it holds, then the files and names in path order.
     */
    public void write(OutputStream out, String top, byte[] manifest, long mtimeSeconds) throws IOException {
        GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16);
        Tar.Writer tar = new Tar.Writer(gz, mtimeSeconds);
        tar.directory(top);
        tar.file(top + "/manifest.json", manifest);
        TreeSet<String> entries = new TreeSet<>(files.keySet());
        entries.addAll(names);
        TreeSet<String> made = new TreeSet<>();
        for (String path : entries) {
            for (int slash = path.indexOf('/', 1); slash > 0; slash = path.indexOf('/', slash + 1)) {
                String dir = path.substring(0, slash);
                if (made.add(dir)) {
                    tar.directory(top + dir);
                }
            }
            byte[] data = files.get(path);
            tar.file(top + path, data == null ? new byte[0] : data);
        }
        tar.finish();
        gz.finish();
        out.flush();
    }
}
