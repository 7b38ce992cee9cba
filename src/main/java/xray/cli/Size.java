package xray.cli;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A size option: "64GiB", "64G", "512 MiB", "1.5g", "4096" (bytes); binary multiples. */
final class Size implements ITypeConverter<Long> {
    /**
     * The largest RSS of a process whose page tables xray walks by default (smaps_rollup for
     * {@code ps --pss} and {@code mem --pss}, smaps for {@code jvm PID}): walking a bigger one could
     * stall it, as the walk holds its memory-map lock.
     */
    static final String PAGE_WALK_MAX_RSS = "64GiB";
    /** The same in bytes, for the commands that have no option for it (PsCommandTest.sizes holds the two equal). */
    static final long PAGE_WALK_MAX_RSS_BYTES = 64L << 30;

    @Override
    public Long convert(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT).replace(" ", "");
        String unit = v.replaceFirst("^[0-9.]+", "");
        String number = v.substring(0, v.length() - unit.length());
        int shift = switch (unit) {
            case "", "b" -> 0;
            case "k", "kb", "kib" -> 10;
            case "m", "mb", "mib" -> 20;
            case "g", "gb", "gib" -> 30;
            case "t", "tb", "tib" -> 40;
            default -> -1;
        };
        try {
            double n = Double.parseDouble(number);
            double bytes = n * (1L << shift);
            if (shift < 0 || n < 0 || bytes >= Long.MAX_VALUE) {
                throw new NumberFormatException();
            }
            return (long) bytes;
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a size (like 64GiB, 512M or 4096)");
        }
    }
}
