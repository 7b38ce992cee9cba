package xray.model;

/**
 * A memory limit: a number of bytes, or unlimited. A limit the kernel does not provide is a
 * null {@code Limit}, which is neither.
 */
public record Limit(long bytes) {
    public static final Limit UNLIMITED = new Limit(Long.MAX_VALUE);

    public static Limit of(long bytes) {
        return bytes == Long.MAX_VALUE ? UNLIMITED : new Limit(bytes);
    }

    public boolean isUnlimited() {
        return bytes == Long.MAX_VALUE;
    }

    /** Bytes, or null when unlimited (the JSON form). */
    public Long bytesOrNull() {
        return isUnlimited() ? null : bytes;
    }
}
