package xray.cli;

import java.util.Iterator;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;
import xray.model.ProcessField;

/** {@code xray ps --sort KEY}: a field of the registry that sorts, by its JSON key. */
final class SortKey implements ITypeConverter<ProcessField> {
    @Override
    public ProcessField convert(String value) {
        for (ProcessField f : ProcessField.values()) {
            if (f.sortable() && f.name().equals(value)) {
                return f;
            }
        }
        throw new TypeConversionException("expected one of " + ProcessField.sortKeys() + " (case-sensitive) but was '"
                + value + "'");
    }

    /** The words help and shell completion offer: the sort keys of the registry. */
    static final class Candidates implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return ProcessField.sortKeys().iterator();
        }
    }
}
