package xray.model;

import java.util.function.Function;

/**
 * The columns of {@code xray ps}: the constant is the JSON key (a public contract: never rename)
 * and the value {@code --sort} takes; the title is the table header.
 */
public enum ProcessField {
    pid("PID", "pid", null, false),
    user("USER", "user", null, false),
    service("SERVICE", "service", null, false),
    program("PROGRAM", "program", null, false),
    rssAnon("RSS ANON", "RSS anon", ProcessFigures::rssAnon, false),
    rssFile("RSS FILE", "RSS file", ProcessFigures::rssFile, false),
    rssShmem("RSS SHMEM", "RSS shmem", ProcessFigures::rssShmem, false),
    swap("SWAP", "swap", ProcessFigures::swap, false),
    pss("PSS", "PSS", ProcessFigures::pss, true),
    pssAnon("PSS ANON", "PSS anon", ProcessFigures::pssAnon, true),
    pssFile("PSS FILE", "PSS file", ProcessFigures::pssFile, true),
    pssShmem("PSS SHMEM", "PSS shmem", ProcessFigures::pssShmem, true),
    uss("USS", "USS", ProcessFigures::uss, true),
    swapPss("SWAP PSS", "swap PSS", ProcessFigures::swapPss, true),
    realCost("REAL COST", "real cost", ProcessFigures::realCost, false);

    private final String title;
    private final String label;
    private final Function<ProcessFigures, Long> bytes;
    private final boolean fromPss;

    ProcessField(String title, String label, Function<ProcessFigures, Long> bytes, boolean fromPss) {
        this.title = title;
        this.label = label;
        this.bytes = bytes;
        this.fromPss = fromPss;
    }

    public String title() {
        return title;
    }

    /** The name in a sentence: "real cost", "PSS anon". */
    public String label() {
        return label;
    }

    /** True for byte columns (sorted largest first); false for pid and names. */
    public boolean isBytes() {
        return bytes != null;
    }

    /** True for the columns only --pss reads. */
    public boolean fromPss() {
        return fromPss;
    }

    /** The byte value, or null (absent, or not a byte column). */
    public Long of(ProcessFigures f) {
        return bytes == null ? null : bytes.apply(f);
    }
}
