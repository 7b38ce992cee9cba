package xray.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A field of a registry ({@link CgroupField}, {@link HostField}, {@link ProcessField},
 * {@link JvmField}): what every table, JSON writer and option that lists fields reads of it. The
 * JSON key is a public contract: never renamed.
 */
public interface Field {
    /**
     * @param key     the JSON key, and the word options take
     * @param title   the table header
     * @param label   the name in the drill-down and in sentences ("charged (current)", "RSS anon")
     * @param aliases other words options take for it ("cost" for realCost, "args" for cmdline)
     */
    record Info(String key, String title, String label, Unit unit, List<String> aliases) {
        public Info(String key, String title, String label, Unit unit) {
            this(key, title, label, unit, List.of());
        }

        public Info {
            aliases = List.copyOf(aliases);
        }
    }

    Info info();

    default String key() {
        return info().key();
    }

    default String title() {
        return info().title();
    }

    default String label() {
        return info().label();
    }

    default Unit unit() {
        return info().unit();
    }

    /**
     * Whether a word someone typed names this field: its key, its title or an alias, compared
     * without case, spaces, dashes, underscores or brackets ("real-cost", "REAL COST", "realcost"
     * and "realCost" are one word).
     */
    default boolean named(String word) {
        String w = normal(word);
        if (w.isEmpty()) {
            return false;
        }
        if (w.equals(normal(key())) || w.equals(normal(title()))) {
            return true;
        }
        for (String a : info().aliases()) {
            if (w.equals(normal(a))) {
                return true;
            }
        }
        return false;
    }

    /** The first of {@code fields} that {@code word} names, or null. */
    static <F extends Field> F find(List<F> fields, String word) {
        for (F f : fields) {
            if (f.named(word)) {
                return f;
            }
        }
        return null;
    }

    /** The keys of these fields, in order: the words help and completion offer. */
    static List<String> keys(List<? extends Field> fields) {
        List<String> out = new ArrayList<>(fields.size());
        for (Field f : fields) {
            out.add(f.key());
        }
        return out;
    }

    /** A word as {@link #named} compares it: lower case, letters and digits only. */
    static String normal(String word) {
        StringBuilder b = new StringBuilder(word.length());
        for (char c : word.toLowerCase(Locale.ROOT).toCharArray()) {
            if (Character.isLetterOrDigit(c) || c == '%') {
                b.append(c);
            }
        }
        return b.toString();
    }
}
