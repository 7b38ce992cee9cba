package xray.render;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import xray.model.Limit;
import xray.model.Pressure;
import xray.model.Psi;

/**
 * A thin wrapper over Jackson's streaming generator: null-aware writes of the value shapes xray
 * uses (bytes, limits, pressure), so every command writes JSON the same way.
 */
public final class JsonOut implements AutoCloseable {
    private static final JsonFactory FACTORY = new JsonFactory().setCharacterEscapes(new Escapes());

    /**
     * JSON escapes control characters below U+0020 by its own rules; DEL, the C1 controls and the
     * Unicode format characters (bidi overrides) are escaped as \\uXXXX too, so a document printed on a
     * terminal cannot carry a control sequence either (see {@link Sanitize}).
     */
    private static final class Escapes extends com.fasterxml.jackson.core.io.CharacterEscapes {
        private final int[] ascii = standardAsciiEscapesForJSON();

        Escapes() {
            ascii[0x7f] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public com.fasterxml.jackson.core.SerializableString getEscapeSequence(int ch) {
            if (Sanitize.needsEscape((char) ch)) {
                return new com.fasterxml.jackson.core.io.SerializedString(unicodeEscape(ch));
            }
            return null;
        }

        /** "\\u202e": four hex digits, without the Formatter (see the start-up notes in the README). */
        private static String unicodeEscape(int ch) {
            String hex = Integer.toHexString(ch);
            return "\\u" + "0000".substring(Math.min(4, hex.length())) + hex;
        }
    }
    private final JsonGenerator g;

    /**
     * How a document is written: indented over many lines, or one compact line; and with every
     * character past ASCII escaped ({@code \u00e9}), for an output whose character set has no
     * Unicode (the C locale), where it would otherwise print as '?'.
     */
    public record Format(boolean pretty, boolean ascii) {
        public static final Format PRETTY = new Format(true, false);
        public static final Format COMPACT = new Format(false, false);
    }

    public JsonOut(Writer out) {
        this(out, Format.PRETTY);
    }

    public JsonOut(Writer out, Format format) {
        try {
            g = FACTORY.createGenerator(out);
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET); // the caller owns the writer
            if (format.pretty()) {
                g.setPrettyPrinter(new DefaultPrettyPrinter());
            }
            if (format.ascii()) {
                g.enable(JsonGenerator.Feature.ESCAPE_NON_ASCII);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Opens a document with its header: {@code schema}, {@code time} (RFC 3339, UTC), {@code hostname}
     * and {@code xrayVersion}, the keys every xray document starts with.
     */
    public JsonOut document(String schema, xray.model.Origin origin) {
        return begin().str("schema", schema).str("time", time(origin.epochMillis()))
                .str("hostname", origin.hostname()).str("xrayVersion", origin.xrayVersion());
    }

    /**
     * RFC 3339 in UTC, to the millisecond: "2026-12-01T10:15:30.123Z" (no fraction when it is 0),
     * as Instant.toString writes it, by arithmetic: java.time's formatter costs a cold run about
     * 60 classes and their set-up. Years outside 0000–9999 go to Instant.toString.
     */
    public static String time(long epochMillis) {
        long seconds = Math.floorDiv(epochMillis, 1000L);
        int millis = (int) Math.floorMod(epochMillis, 1000L);
        long days = Math.floorDiv(seconds, 86_400L);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
        // the civil date of a day count (proleptic Gregorian): eras of 400 years from 0000-03-01
        long z = days + 719_468L;
        long era = Math.floorDiv(z, 146_097L);
        long dayOfEra = z - era * 146_097L;
        long yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long monthFromMarch = (5 * dayOfYear + 2) / 153;
        long day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1;
        long month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
        long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        if (year < 0 || year > 9999) {
            return java.time.Instant.ofEpochMilli(epochMillis).toString();
        }
        StringBuilder b = new StringBuilder(24);
        digits(b, year, 4).append('-');
        digits(b, month, 2).append('-');
        digits(b, day, 2).append('T');
        digits(b, secondOfDay / 3600, 2).append(':');
        digits(b, secondOfDay / 60 % 60, 2).append(':');
        digits(b, secondOfDay % 60, 2);
        if (millis != 0) {
            digits(b.append('.'), millis, 3);
        }
        return b.append('Z').toString();
    }

    private static StringBuilder digits(StringBuilder b, long value, int width) {
        String v = Long.toString(value);
        for (int i = v.length(); i < width; i++) {
            b.append('0');
        }
        return b.append(v);
    }

    /**
     * {@code "truncated": {"shown": N, "total": M}} when a --top limit left rows out, else
     * {@code "truncated": null}.
     */
    public JsonOut truncated(int shown, int total) {
        if (shown >= total) {
            return str("truncated", null);
        }
        return begin("truncated").num("shown", shown).num("total", total).end();
    }

    public JsonOut begin() {
        return mark(Mark.OBJECT, null);
    }

    public JsonOut begin(String key) {
        return mark(Mark.OBJECT, key);
    }

    public JsonOut end() {
        return mark(Mark.END_OBJECT, null);
    }

    public JsonOut beginArray(String key) {
        return mark(Mark.ARRAY, key);
    }

    public JsonOut endArray() {
        return mark(Mark.END_ARRAY, null);
    }

    public JsonOut num(String key, Long v) {
        return field(key, v);
    }

    public JsonOut num(String key, Integer v) {
        return field(key, v == null ? null : (long) v);
    }

    public JsonOut dec(String key, Double v) {
        return field(key, v);
    }

    public JsonOut str(String key, String v) {
        return field(key, v);
    }

    public JsonOut bool(String key, Boolean v) {
        return field(key, v);
    }

    // Two writers with a switch rather than one taking a lambda per call site: on JDK 17 linking
    // a lambda costs about a quarter of a millisecond the first time, and a run writes each once.

    private enum Mark { OBJECT, END_OBJECT, ARRAY, END_ARRAY }

    private JsonOut mark(Mark m, String key) {
        try {
            switch (m) {
                case OBJECT -> {
                    if (key == null) {
                        g.writeStartObject();
                    } else {
                        g.writeObjectFieldStart(key);
                    }
                }
                case END_OBJECT -> g.writeEndObject();
                case ARRAY -> g.writeArrayFieldStart(key);
                case END_ARRAY -> g.writeEndArray();
                default -> throw new IllegalArgumentException(m.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** {@code "key": value}, null as JSON null; a Long, Double, Boolean or String. */
    private JsonOut field(String key, Object v) {
        try {
            if (v == null) {
                g.writeNullField(key);
            } else if (v instanceof Long l) {
                g.writeNumberField(key, l);
            } else if (v instanceof Double d) {
                g.writeNumberField(key, d);
            } else if (v instanceof Boolean b) {
                g.writeBooleanField(key, b);
            } else {
                g.writeStringField(key, (String) v);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** An unsigned 64-bit counter (PSI total, a u64 the kernel keeps), printed as the kernel does. */
    public JsonOut unsigned(String key, Long v) {
        if (v == null || v >= 0) {
            return num(key, v);
        }
        try {
            g.writeFieldName(key);
            g.writeNumber(new java.math.BigInteger(Long.toUnsignedString(v)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** A limit: bytes, or null for unlimited and for absent alike (the JSON contract). */
    public JsonOut limit(String key, Limit l) {
        return num(key, l == null ? null : l.bytesOrNull());
    }

    /** A string in an array. */
    public JsonOut value(String v) {
        try {
            g.writeString(v);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public JsonOut strings(String key, List<String> values) {
        beginArray(key);
        for (String v : values) {
            value(v);
        }
        return endArray();
    }

    /**
     * One verdict: {"code", "severity", "subject", "figures": {name: number or string, …}, "text"},
     * the text being the sentence made from the record; under {@code key}, or in an array when null.
     */
    public JsonOut verdict(String key, xray.model.Verdict v, String text) {
        begin(key).str("code", v.code()).str("severity", v.severity().key()).str("subject", v.subject()).begin("figures");
        for (java.util.Map.Entry<String, Object> f : v.figures().entrySet()) {
            field(f.getKey(), f.getValue());
        }
        return end().str("text", text).end();
    }

    /** The newline that ends a document, and the flush. */
    public static void newline(Writer out) {
        try {
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {"some":{"avg10":..,"avg60":..,"avg300":..,"total":..},"full":{...}} or null. */
    public JsonOut pressure(String key, Pressure p) {
        if (p == null) {
            return str(key, null);
        }
        begin(key);
        psi("some", p.some());
        psi("full", p.full());
        return end();
    }

    private void psi(String key, Psi psi) {
        if (psi == null) {
            str(key, null);
            return;
        }
        begin(key).dec("avg10", psi.avg10()).dec("avg60", psi.avg60()).dec("avg300", psi.avg300())
                .unsigned("total", psi.totalMicros()).end();
    }

    @Override
    public void close() {
        try {
            g.flush();
            g.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
