package xray.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A finding as data, for people and for alerting alike: the sentence a person reads is made from
 * this record in {@code render}, and nowhere else; JSON carries the record with that sentence.
 *
 * @param code     a stable id in kebab-case ({@code close-to-limit}, {@code hot-thread}): a public
 *                 contract, listed in the README; never renamed
 * @param severity how much it matters
 * @param subject  what it is about: a cgroup path, a thread name, a class name
 * @param figures  the values it rests on, by name, in the order a sentence names them: bytes and
 *                 counts as {@link Long}, percentages as {@link Double}, and the few facts that are
 *                 not numbers (which limit file) as {@link String}
 */
public record Verdict(String code, Severity severity, String subject, Map<String, Object> figures) {
    /** How much a verdict matters; JSON writes the lower-case name. */
    public enum Severity {
        /** A fact worth knowing; nothing to do. */
        INFO,
        /** Worth a look: it may turn into trouble. */
        WARN,
        /** Trouble now: a kill, a deadlock, a limit about to be hit. */
        CRIT;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Figures in the order given: "name", value, "name", value, … (a value may be null: absent). */
    public static Map<String, Object> figuresOf(Object... pairs) {
        Map<String, Object> f = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            f.put((String) pairs[i], pairs[i + 1]);
        }
        return f;
    }

    public Verdict {
        for (Object v : figures.values()) {
            if (!(v == null || v instanceof Long || v instanceof Double || v instanceof String)) {
                throw new IllegalArgumentException("figure of type " + v.getClass().getSimpleName() + " in " + code);
            }
        }
        figures = Collections.unmodifiableMap(new LinkedHashMap<>(figures));
    }
}
