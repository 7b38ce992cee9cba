package xray.jvm;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The reply of {@code VM.flags}: the flags that differ from their defaults, on one line.
 * <pre>
 * -XX:CICompilerCount=2 -XX:MaxHeapSize=6320816128 -XX:NativeMemoryTracking=summary -XX:+UseG1GC
 * </pre>
 * Boolean flags map to "true"/"false".
 */
public record VmFlags(Map<String, String> flags) {
    public VmFlags {
        flags = Map.copyOf(flags);
    }

    public static VmFlags parse(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String token : text.trim().split("\\s+")) {
            if (!token.startsWith("-XX:") || token.length() < 5) {
                continue;
            }
            String f = token.substring(4);
            if (f.charAt(0) == '+' || f.charAt(0) == '-') {
                out.put(f.substring(1), f.charAt(0) == '+' ? "true" : "false");
            } else {
                int eq = f.indexOf('=');
                if (eq > 0) {
                    out.put(f.substring(0, eq), f.substring(eq + 1));
                }
            }
        }
        return new VmFlags(out);
    }

    public String get(String name) {
        return flags.get(name);
    }

    /** A numeric flag, or null when absent or not a number. */
    public Long number(String name) {
        String v = flags.get(name);
        if (v == null) {
            return null;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public boolean on(String name) {
        return "true".equals(flags.get(name));
    }

    /** The collector the flags select, as its people-facing name, or null when none is set. */
    public String collector() {
        String[][] names = {{"UseG1GC", "G1"}, {"UseZGC", "ZGC"}, {"UseShenandoahGC", "Shenandoah"},
            {"UseParallelGC", "Parallel"}, {"UseSerialGC", "Serial"}, {"UseEpsilonGC", "Epsilon"}};
        for (String[] n : names) {
            if (on(n[0])) {
                return n[1];
            }
        }
        return null;
    }
}
