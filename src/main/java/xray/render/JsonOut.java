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
                return new com.fasterxml.jackson.core.io.SerializedString(String.format("\\u%04x", ch));
            }
            return null;
        }
    }
    private final JsonGenerator g;

    public JsonOut(Writer out) {
        try {
            g = FACTORY.createGenerator(out);
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET); // the caller owns the writer
            g.setPrettyPrinter(new DefaultPrettyPrinter());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JsonGenerator generator() {
        return g;
    }

    public JsonOut begin() {
        return io(g::writeStartObject);
    }

    public JsonOut begin(String key) {
        return io(() -> g.writeObjectFieldStart(key));
    }

    public JsonOut end() {
        return io(g::writeEndObject);
    }

    public JsonOut beginArray(String key) {
        return io(() -> g.writeArrayFieldStart(key));
    }

    public JsonOut endArray() {
        return io(g::writeEndArray);
    }

    public JsonOut num(String key, Long v) {
        return io(() -> {
            if (v == null) {
                g.writeNullField(key);
            } else {
                g.writeNumberField(key, v);
            }
        });
    }

    public JsonOut num(String key, Integer v) {
        return num(key, v == null ? null : (long) v);
    }

    public JsonOut dec(String key, Double v) {
        return io(() -> {
            if (v == null) {
                g.writeNullField(key);
            } else {
                g.writeNumberField(key, v);
            }
        });
    }

    public JsonOut str(String key, String v) {
        return io(() -> {
            if (v == null) {
                g.writeNullField(key);
            } else {
                g.writeStringField(key, v);
            }
        });
    }

    public JsonOut bool(String key, Boolean v) {
        return io(() -> {
            if (v == null) {
                g.writeNullField(key);
            } else {
                g.writeBooleanField(key, v);
            }
        });
    }

    /** An unsigned 64-bit counter (PSI total, a u64 the kernel keeps), printed as the kernel does. */
    public JsonOut unsigned(String key, Long v) {
        if (v == null || v >= 0) {
            return num(key, v);
        }
        return io(() -> {
            g.writeFieldName(key);
            g.writeNumber(new java.math.BigInteger(Long.toUnsignedString(v)));
        });
    }

    /** A limit: bytes, or null for unlimited and for absent alike (the JSON contract). */
    public JsonOut limit(String key, Limit l) {
        return num(key, l == null ? null : l.bytesOrNull());
    }

    public JsonOut strings(String key, List<String> values) {
        return io(() -> {
            g.writeArrayFieldStart(key);
            for (String v : values) {
                g.writeString(v);
            }
            g.writeEndArray();
        });
    }

    /** {"some":{"avg10":..,"avg60":..,"avg300":..,"total":..},"full":{...}} or null. */
    public JsonOut pressure(String key, Pressure p) {
        if (p == null) {
            return io(() -> g.writeNullField(key));
        }
        begin(key);
        psi("some", p.some());
        psi("full", p.full());
        return end();
    }

    private void psi(String key, Psi psi) {
        if (psi == null) {
            io(() -> g.writeNullField(key));
            return;
        }
        begin(key).dec("avg10", psi.avg10()).dec("avg60", psi.avg60()).dec("avg300", psi.avg300())
                .unsigned("total", psi.totalMicros()).end();
    }

    @Override
    public void close() {
        io(() -> {
            g.flush();
            g.close();
        });
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private JsonOut io(IoAction a) {
        try {
            a.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }
}
