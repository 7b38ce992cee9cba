package xray.render;

import xray.model.Bytes;

/**
 * How a table prints sizes, as free(1) does: human units (the default, {@code -h}), or every size in
 * one unit ({@code -b}, {@code -k}, {@code -m}, {@code -g}: a whole number, rounded down, without a
 * unit); {@code --si} makes a kilo 1000 bytes instead of 1024. JSON and CSV always carry bytes.
 *
 * @param unit the bytes of one unit, or 0 for human units
 * @param si   powers of 1000 (kB, MB, GB) rather than of 1024 (KiB, MiB, GiB)
 */
public record Sizes(long unit, boolean si) {
    public static final Sizes HUMAN = new Sizes(0, false);

    /** {@code letter} one of b, k, m, g (one unit) or h (human). */
    public static Sizes of(char letter, boolean si) {
        long k = si ? 1000 : 1024;
        return switch (letter) {
            case 'b' -> new Sizes(1, si);
            case 'k' -> new Sizes(k, si);
            case 'm' -> new Sizes(k * k, si);
            case 'g' -> new Sizes(k * k * k, si);
            case 'h' -> new Sizes(0, si);
            default -> throw new IllegalArgumentException("no size unit " + letter);
        };
    }

    /** One size: "4.3 GiB" (human), "4.6 GB" (--si), "4402" (-m); null is "-". */
    public String format(Long bytes) {
        if (bytes == null) {
            return "-";
        }
        if (unit == 1) {
            return Long.toString(bytes);
        }
        if (unit > 1) {
            return Long.toString(Math.floorDiv(bytes, unit));
        }
        return si ? Bytes.si(bytes) : Bytes.human(bytes);
    }

    /** What a fixed unit is called, for a table's legend ("MiB", "kB"); null for human units. */
    public String unitName() {
        if (unit == 0) {
            return null;
        }
        if (unit == 1) {
            return "bytes";
        }
        int power = 0;
        for (long u = unit; u > 1; u /= si ? 1000 : 1024) {
            power++;
        }
        return Bytes.unit(power, si);
    }
}
