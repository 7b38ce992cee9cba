package xray.model;

import java.util.List;

/**
 * Native Memory Tracking's summary ({@code VM.native_memory summary scale=B}), in bytes.
 * "Committed" is what the JVM asked the kernel for, not what is resident.
 *
 * @param malloc         bytes the JVM has malloc'ed and NMT tracks (the "malloc:" line under Total), or null
 * @param stackCommitted thread stacks, committed (inside the "Thread" category), or null
 */
public record NmtSample(long reserved, long committed, Long malloc, List<Category> categories,
                        Long stackReserved, Long stackCommitted) {
    public NmtSample {
        categories = List.copyOf(categories);
    }

    /** One NMT category in bytes. */
    public record Category(String name, long reserved, long committed) {
    }

    /** The committed bytes of a category by name ("Java Heap", "Other"), or null. */
    public Long committed(String category) {
        for (Category c : categories) {
            if (c.name().equals(category)) {
                return c.committed();
            }
        }
        return null;
    }
}
