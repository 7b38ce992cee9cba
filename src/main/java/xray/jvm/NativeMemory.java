package xray.jvm;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import xray.kernel.Malformed;
import xray.model.NmtSample;
import xray.model.NmtSample.Category;

/**
 * The reply of {@code VM.native_memory summary scale=B} (Native Memory Tracking).
 * <pre>
 * Total: reserved=7939669492, committed=490610164
 *        malloc: 20966900 #10546, peak=21169193 #11706
 * -                 Java Heap (reserved=6320816128, committed=402653184)
 * -                    Thread (reserved=29459216, committed=2069264)
 *                             (stack: reserved=29360128, committed=1970176, peak=1970176)
 * </pre>
 * Sizes may also carry a unit (KB, MB, GB) when another scale was asked for. "Committed" is what
 * the JVM asked the kernel for, not what is resident: pages are touched lazily.
 */
public final class NativeMemory {
    private static final String SIZE = "(\\d+)(KB|MB|GB)?";
    private static final Pattern TOTAL = Pattern.compile("^Total: reserved=" + SIZE + ", committed=" + SIZE);
    private static final Pattern CATEGORY =
            Pattern.compile("^-\\s+(.+?) \\(reserved=" + SIZE + ", committed=" + SIZE + "[,)]");
    private static final Pattern MALLOC = Pattern.compile("^\\s+malloc: " + SIZE);
    private static final Pattern STACK =
            Pattern.compile("^\\s+\\(stack: reserved=" + SIZE + ", committed=" + SIZE + "[,)]");

    private NativeMemory() {
    }

    /** True for the reply of a JVM started without -XX:NativeMemoryTracking. */
    public static boolean notEnabled(String text) {
        return text.contains("Native memory tracking is not enabled");
    }

    /** The summary, or null when NMT is not enabled in the target. */
    public static NmtSample parse(String text) {
        if (notEnabled(text)) {
            return null;
        }
        Long reserved = null;
        long committed = 0;
        Long stackReserved = null;
        Long stackCommitted = null;
        Long malloc = null;
        List<Category> categories = new ArrayList<>();
        for (String line : text.split("\n")) {
            Matcher t = TOTAL.matcher(line);
            Matcher c = CATEGORY.matcher(line);
            Matcher s = STACK.matcher(line);
            Matcher m = MALLOC.matcher(line);
            if (t.find()) {
                reserved = bytes(t, 1);
                committed = bytes(t, 3);
            } else if (c.find()) {
                categories.add(new Category(c.group(1).trim(), bytes(c, 2), bytes(c, 4)));
            } else if (malloc == null && categories.isEmpty() && m.find()) {
                malloc = bytes(m, 1);
            } else if (s.find() && stackReserved == null) {
                stackReserved = bytes(s, 1);
                stackCommitted = bytes(s, 3);
            }
        }
        if (reserved == null) {
            throw new Malformed("no 'Total: reserved=…, committed=…' line");
        }
        return new NmtSample(reserved, committed, malloc, categories, stackReserved, stackCommitted);
    }

    private static long bytes(Matcher m, int group) {
        long v = Long.parseLong(m.group(group));
        String unit = m.group(group + 1);
        return unit == null ? v : switch (unit) {
            case "KB" -> v << 10;
            case "MB" -> v << 20;
            default -> v << 30;
        };
    }
}
