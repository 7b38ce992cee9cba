package xray.kernel;

import java.util.ArrayList;
import java.util.List;
import xray.model.Mapping;

/**
 * {@code /proc/PID/smaps}: every mapping of a process, a header line and then its colon-kB lines.
 * <pre>
 * 7f09a0603000-7f09a06ff000 rw-p 00000000 00:00 0
 * Size:               1008 kB
 * Rss:                  48 kB
 * Anonymous:            48 kB
 * VmFlags: rd wr mr mw me ac sd
 * 7f09a06ff000-7f09a0700000 ---p 00000000 00:00 0
 * </pre>
 * Only Rss and Anonymous are kept. Reading it walks the process's page tables under its mmap lock,
 * like smaps_rollup, once per mapping.
 */
public final class Smaps {
    private Smaps() {
    }

    public static List<Mapping> parse(String text) {
        return parse(java.util.Arrays.asList(text.split("\n")));
    }

    /**
     * The mappings from the lines as they are read: a JVM with many threads or mapped files has
     * tens of thousands of mappings, and its smaps is larger than any other kernel file xray reads.
     */
    public static List<Mapping> parse(Iterable<String> lines) {
        List<Mapping> out = new ArrayList<>();
        long start = 0;
        long end = 0;
        String perms = null;
        String name = null;
        long rss = 0;
        long anon = 0;
        int lineNo = 0;
        for (String line : lines) {
            lineNo++;
            if (line.isEmpty()) {
                continue;
            }
            int colon = line.indexOf(':');
            int dash = line.indexOf('-');
            if (dash > 0 && (colon < 0 || dash < colon) && isHex(line, 0, dash)) {
                if (perms != null) {
                    out.add(new Mapping(start, end, perms, name, rss, anon));
                }
                String[] f = line.split("\\s+", 6);
                if (f.length < 5) {
                    throw new Malformed("line " + lineNo + " '" + Keyed.clip(line) + "' is not a mapping");
                }
                start = Long.parseUnsignedLong(f[0].substring(0, dash), 16);
                String e = f[0].substring(dash + 1);
                if (!isHex(e, 0, e.length())) {
                    throw new Malformed("line " + lineNo + " '" + Keyed.clip(line) + "' has no end address");
                }
                end = Long.parseUnsignedLong(e, 16);
                perms = f[1];
                name = f.length == 6 ? f[5].strip() : "";
                rss = 0;
                anon = 0;
            } else if (perms != null && line.startsWith("Rss:")) {
                rss = kB(line, lineNo);
            } else if (perms != null && line.startsWith("Anonymous:")) {
                anon = kB(line, lineNo);
            }
        }
        if (perms != null) {
            out.add(new Mapping(start, end, perms, name, rss, anon));
        }
        return out;
    }

    private static long kB(String line, int lineNo) {
        String v = line.substring(line.indexOf(':') + 1).trim();
        if (v.endsWith(" kB")) {
            v = v.substring(0, v.length() - 3).trim();
        }
        Long n = Numbers.parseCount(v);
        if (n == null || n > Long.MAX_VALUE >> 10) {
            throw new Malformed("line " + lineNo + " '" + Keyed.clip(line) + "' has no size in kB");
        }
        return n << 10;
    }

    private static boolean isHex(String s, int from, int to) {
        if (to - from < 1 || to - from > 16) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
