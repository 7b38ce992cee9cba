package xray.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import xray.model.ProcStatus;

/**
 * {@code /proc/PID/status}.
 * <pre>
 * Name:   java
 * Uid:    1000    1000    1000    1000
 * NSpid:  26235   1
 * RssAnon:           99284 kB
 * SigCgt: 0000000181005ccf
 * </pre>
 */
public final class StatusFile {
    private StatusFile() {
    }

    public static ProcStatus parse(int pid, String text) {
        Map<String, String> f = ColonFields.parseText(text);
        if (f.isEmpty()) {
            throw new Malformed(text.isBlank() ? "empty file" : "no 'Key: value' lines");
        }
        return new ProcStatus(
                pid,
                f.get("Name"),
                ints(f.get("Uid")),
                ints(f.get("NSpid")),
                kb(f, "VmRSS"),
                kb(f, "RssAnon"),
                kb(f, "RssFile"),
                kb(f, "RssShmem"),
                kb(f, "VmSwap"),
                kb(f, "VmPTE"),
                hex(f.get("SigCgt")),
                intOr(f.get("Threads"), 0),
                intOr(f.get("Tgid"), pid),
                f.get("State") == null || f.get("State").isBlank() ? null : f.get("State").strip().substring(0, 1));
    }

    private static Long kb(Map<String, String> f, String key) {
        String raw = f.get(key);
        if (raw == null) {
            return null;
        }
        Long v = ColonFields.bytes(raw);
        if (v == null) {
            throw new Malformed(key + " '" + Keyed.clip(raw) + "' is not a size");
        }
        return v;
    }

    private static List<Integer> ints(String raw) {
        List<Integer> out = new ArrayList<>(4);
        if (raw == null) {
            return out;
        }
        for (String s : raw.trim().split("\\s+")) {
            if (!s.isEmpty()) {
                try {
                    out.add(Integer.parseInt(s));
                } catch (NumberFormatException e) {
                    throw new Malformed("'" + Keyed.clip(raw) + "' is not a list of numbers");
                }
            }
        }
        return out;
    }

    private static int intOr(String raw, int dflt) {
        if (raw == null) {
            return dflt;
        }
        try {
            return Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    private static Long hex(String raw) {
        if (raw == null) {
            return null;
        }
        try {
            return Long.parseUnsignedLong(raw.trim(), 16);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
