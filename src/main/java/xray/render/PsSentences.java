package xray.render;

import static xray.model.Bytes.human;

import xray.model.PsNote;

/** The sentences of {@code xray ps}'s notes, made from data (the same text in the table and the JSON). */
public final class PsSentences {
    private PsSentences() {
    }

    public static String note(PsNote n) {
        int k = n.processes();
        return switch (n.code()) {
            case PSS_KEPT_FROM_ROOT -> count(k) + (k == 1 ? " keeps its" : " keep their")
                    + " PSS even from root (holding capabilities xray lacks): " + pids(n) + "; "
                    + (k == 1 ? "its" : "their") + " real cost is counted from RSS";
            case PSS_NEEDS_ROOT -> count(k) + (k == 1 ? " needs root for PSS: its" : " need root for PSS: their")
                    + " real cost is counted from RSS";
            case PSS_TOO_BIG -> count(k) + " above --pss-max-rss " + human(n.bytes())
                    + " not walked for PSS (walking could stall " + (k == 1 ? "it" : "them") + "): " + pids(n);
            case NO_SMAPS_ROLLUP -> "no /proc/PID/smaps_rollup (it came in Linux 4.14)" + (n.all() ? "" : " for " + count(k))
                    + ": real cost is counted from RSS";
            case PSS_UNSPLIT -> "this kernel's smaps_rollup has no Pss_Anon or Pss_Shmem (they came in Linux 5.7): "
                    + "real cost is counted from RSS";
        };
    }

    private static String count(int n) {
        return n + (n == 1 ? " process" : " processes");
    }

    /** "pid 1" or "pids 12, 13, ..." (the first eight). */
    private static String pids(PsNote n) {
        StringBuilder b = new StringBuilder(n.processes() == 1 ? "pid " : "pids ");
        for (int i = 0; i < n.pids().size(); i++) {
            b.append(i == 0 ? "" : ", ").append(n.pids().get(i));
        }
        return b.append(n.processes() > n.pids().size() ? ", ..." : "").toString();
    }
}
