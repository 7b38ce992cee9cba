package xray.model;

/**
 * Addresses {@code [start, end)} of the JVM's own memory, as the JVM reports them: the heap, a code
 * heap, the class space, the class-data archive, a GC structure.
 */
public record AddressRange(String name, long start, long end) {
    public AddressRange {
        if (Long.compareUnsigned(end, start) < 0) {
            throw new IllegalArgumentException(name + " ends before it starts");
        }
    }
}
