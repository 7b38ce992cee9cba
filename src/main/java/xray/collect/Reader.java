package xray.collect;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import xray.kernel.FileProblem;
import xray.kernel.KernelFs;
import xray.kernel.KeyedValues;
import xray.kernel.Malformed;

/**
 * Reads one file and parses it, turning every failure into an absent value: absent and
 * not-supported files give null without a word, files this user may not read are counted for the
 * summary line, malformed and unreadable ones give one warning naming the file (see
 * {@link Warnings#add(FileProblem)}); the rest of the report goes on.
 */
final class Reader {
    private final KernelFs fs;
    private final Warnings warnings;
    /**
     * With {@link #Reader(KernelFs, Warnings, boolean) memo}: the last text of each file and what it
     * parsed to, so a file read again (xray top) is parsed again only when its text changed.
     */
    private final Map<Path, Memo> memo;
    private volatile long round;

    private record Memo(String text, Object value, long round) {
    }

    Reader(KernelFs fs, Warnings warnings) {
        this(fs, warnings, false);
    }

    Reader(KernelFs fs, Warnings warnings, boolean memo) {
        this.fs = fs;
        this.warnings = warnings;
        this.memo = memo ? new java.util.concurrent.ConcurrentHashMap<>() : null;
    }

    /**
     * Starts another round of reads (one frame of xray top): what the memo holds of files not read in
     * the round before is let go, so cgroups and processes that are gone leave nothing behind.
     */
    void nextRound() {
        if (memo != null) {
            long r = ++round;
            memo.values().removeIf(m -> m.round() < r - 1);
        }
    }

    KernelFs fs() {
        return fs;
    }

    /** The parsed file, or null when it is absent, unreadable or malformed. */
    <T> T read(Path file, Function<String, T> parse) {
        return parse(file.getParent(), file.getFileName().toString(), parse, false);
    }

    /**
     * The same for {@code dir/name}, a file the kernel prints in one piece (see
     * {@link KernelFs#read(Path, String)}): the form the cgroup scan uses.
     */
    <T> T read(Path dir, String name, Function<String, T> parse) {
        return parse(dir, name, parse, true);
    }

    private <T> T parse(Path dir, String name, Function<String, T> parse, boolean onePiece) {
        Optional<String> text;
        try {
            text = onePiece ? fs.read(dir, name) : fs.read(dir.resolve(name));
        } catch (FileProblem p) {
            warnings.add(p);
            return null;
        }
        if (text.isEmpty()) {
            return null;
        }
        if (memo == null) {
            return parsed(dir, name, text.get(), parse);
        }
        Path file = dir.resolve(name);
        Memo m = memo.get(file);
        long r = round;
        if (m != null && m.text().equals(text.get())) {
            if (m.round() != r) {
                memo.put(file, new Memo(m.text(), m.value(), r));
            }
            @SuppressWarnings("unchecked")
            T same = (T) m.value();
            return same;
        }
        T value = parsed(dir, name, text.get(), parse);
        memo.put(file, new Memo(text.get(), value, r));
        return value;
    }

    private <T> T parsed(Path dir, String name, String text, Function<String, T> parse) {
        try {
            return parse.apply(text);
        } catch (Malformed m) {
            warnings.add(FileProblem.malformed(dir.resolve(name), m));
            return null;
        }
    }

    /**
     * A keyed file as a map; lines that could not be read, duplicate keys (the first wins) and
     * values beyond 2^63 − 1 (a u64 no byte count reaches: an underflowed counter) are warned
     * about and left out.
     */
    Map<String, Long> keyed(Path file, Function<String, KeyedValues> parse) {
        return keyed(file.getParent(), file.getFileName().toString(), parse);
    }

    Map<String, Long> keyed(Path dir, String name, Function<String, KeyedValues> parse) {
        KeyedValues kv = read(dir, name, parse);
        if (kv == null) {
            return null;
        }
        for (String p : kv.problems()) {
            warnings.add(dir.resolve(name) + ": " + p);
        }
        if (kv.size() == 0) {
            return null;
        }
        Map<String, Long> out = null;
        for (Map.Entry<String, Long> e : kv.values().entrySet()) {
            if (KeyedValues.isBeyondLong(e.getValue())) {
                if (out == null) {
                    out = new HashMap<>(kv.values());
                }
                out.remove(e.getKey());
                warnings.add(dir.resolve(name) + ": " + e.getKey() + " " + Long.toUnsignedString(e.getValue())
                        + " is beyond 2^63 (an underflowed counter?); shown as absent");
            }
        }
        return out == null ? kv.values() : out;
    }
}
