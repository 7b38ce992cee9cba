package xray.kernel;

import xray.model.ProcSmaps;

/**
 * {@code /proc/PID/smaps_rollup} (4.14+): the sums of {@code /proc/PID/smaps} over every mapping,
 * after a header line that names the address range.
 * <pre>
 * 55b22b5a8000-7fff60755000 ---p 00000000 00:00 0                          [rollup]
 * Rss:                1744 kB
 * Pss:                 359 kB
 * Pss_Anon:            116 kB
 * Private_Dirty:       116 kB
 * SwapPss:               0 kB
 * </pre>
 * Pss_Anon, Pss_File and Pss_Shmem appeared in 5.7 (earlier rollups have only Pss: those keys
 * are absent, not zero). Reading the file walks the process's page tables under its mmap lock.
 */
public final class SmapsRollup {
    private SmapsRollup() {
    }

    /** The key/value lines (header dropped); garbled lines are problems, the rest stay valid. */
    public static KeyedValues parse(String text) {
        return ColonFields.parseNumbers(withoutHeader(text));
    }

    /** The values a process report needs; {@link Malformed} when there is no Rss or Pss line. */
    public static ProcSmaps of(KeyedValues v) {
        if (v.get("Rss") == null || v.get("Pss") == null) {
            throw new Malformed(v.problems().contains("empty file") ? "empty file" : "no Rss or Pss line");
        }
        return new ProcSmaps(v.get("Rss"), v.get("Pss"), v.get("Pss_Anon"), v.get("Pss_File"), v.get("Pss_Shmem"),
                v.get("Shared_Clean"), v.get("Shared_Dirty"), v.get("Private_Clean"), v.get("Private_Dirty"),
                v.get("Swap"), v.get("SwapPss"));
    }

    /** The first line is the rollup's address range, not a {@code Key: value} line. */
    private static String withoutHeader(String text) {
        int nl = text.indexOf('\n');
        String first = nl < 0 ? text : text.substring(0, nl);
        if (first.endsWith("[rollup]") || first.contains(" ---p ")) {
            return nl < 0 ? "" : text.substring(nl + 1);
        }
        return text;
    }
}
