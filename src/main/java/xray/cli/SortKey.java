package xray.cli;

import java.util.Iterator;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;
import xray.model.CgroupField;
import xray.model.Field;
import xray.model.JvmField;
import xray.model.ProcessField;
import xray.render.Sanitize;

/**
 * {@code --sort KEY} and {@code -o FIELDS}: fields of a registry by any word that names them (the
 * JSON key, the column's title, an alias; without case, spaces or dashes: {@code rss},
 * {@code real-cost}, {@code "REAL COST"}, {@code realcost}), with "did you mean" when none does.
 */
final class SortKey {
    private SortKey() {
    }

    /** The field of {@code fields} that {@code word} names, else a conversion error that lists the keys. */
    static <F extends Field> F find(List<F> fields, String word, String what) {
        F f = Field.find(fields, word);
        if (f != null) {
            return f;
        }
        List<String> keys = Field.keys(fields);
        throw new TypeConversionException("'" + Sanitize.text(word) + "' is not " + what
                + Words.didYouMean(Field.normal(word), keys) + " (" + String.join(", ", keys) + ")");
    }

    /** The fields {@code -o WORDS} names, for {@code command}: a word that names none is bad usage (exit 2). */
    static <F extends Field> List<F> fields(picocli.CommandLine command, List<F> choices, String words, String what) {
        try {
            return list(choices, words, what);
        } catch (TypeConversionException e) {
            throw new picocli.CommandLine.ParameterException(command, "-o: " + e.getMessage());
        }
    }

    /** The fields a comma-separated list names, in its order, each once. */
    static <F extends Field> List<F> list(List<F> fields, String words, String what) {
        java.util.LinkedHashSet<F> out = new java.util.LinkedHashSet<>();
        for (String w : words.split(",")) {
            if (!w.isBlank()) {
                out.add(find(fields, w.strip(), what));
            }
        }
        if (out.isEmpty()) {
            throw new TypeConversionException("no field named in '" + Sanitize.text(words) + "'");
        }
        return List.copyOf(out);
    }

    /** xray ps --sort. */
    static final class Process implements ITypeConverter<ProcessField> {
        @Override
        public ProcessField convert(String value) {
            return find(ProcessField.sortFields(), value, "a sort key");
        }
    }

    /** xray mem --sort. */
    static final class Cgroup implements ITypeConverter<CgroupField> {
        @Override
        public CgroupField convert(String value) {
            return find(CgroupField.SORT, value, "a sort key");
        }
    }

    /** xray jvm --sort. */
    static final class Jvm implements ITypeConverter<JvmField> {
        @Override
        public JvmField convert(String value) {
            return find(JvmField.SORT, value, "a sort key");
        }
    }

    /** xray top --sort: its sort keys by name or by their column's title. */
    static final class Top implements ITypeConverter<xray.render.TopView.Sort> {
        @Override
        public xray.render.TopView.Sort convert(String value) {
            String w = Field.normal(value);
            for (xray.render.TopView.Sort s : xray.render.TopView.Sort.values()) {
                if (w.equals(Field.normal(s.name())) || w.equals(Field.normal(s.title()))) {
                    return s;
                }
            }
            List<String> keys = new java.util.ArrayList<>();
            for (xray.render.TopView.Sort s : xray.render.TopView.Sort.values()) {
                keys.add(s.name());
            }
            throw new TypeConversionException("'" + Sanitize.text(value) + "' is not a sort key"
                    + Words.didYouMean(w, keys) + " (" + String.join(", ", keys) + ")");
        }
    }

    /** ... for xray top --sort. */
    static final class TopKeys implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return java.util.Arrays.stream(xray.render.TopView.Sort.values()).map(Enum::name).iterator();
        }
    }

    /** The words help and shell completion offer for xray ps --sort. */
    static final class ProcessKeys implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return ProcessField.sortKeys().iterator();
        }
    }

    /** ... for xray ps -o. */
    static final class ProcessFields implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Field.keys(ProcessField.PROCESS_JSON).iterator();
        }
    }

    /** ... for xray mem --sort. */
    static final class CgroupKeys implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Field.keys(CgroupField.SORT).iterator();
        }
    }

    /** ... for xray mem -o. */
    static final class CgroupFields implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Field.keys(CgroupField.SELECTABLE).iterator();
        }
    }

    /** ... for xray jvm --sort. */
    static final class JvmKeys implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return JvmField.sortKeys().iterator();
        }
    }

    /** ... for xray jvm -o. */
    static final class JvmFields implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Field.keys(JvmField.all()).iterator();
        }
    }
}
