package xray.model;

/**
 * One mapping of {@code /proc/PID/smaps}: its addresses {@code [start, end)}, permissions, what is
 * mapped (a file, {@code [heap]}, {@code [stack]}, or empty for anonymous memory), and how much of
 * it is resident (Rss) and anonymous (Anonymous: private pages not backed by a file, copies of
 * file pages included), in bytes.
 */
public record Mapping(long start, long end, String perms, String name, long rss, long anonymous) {
    public boolean contains(long address) {
        return Long.compareUnsigned(address, start) >= 0 && Long.compareUnsigned(address, end) < 0;
    }
}
