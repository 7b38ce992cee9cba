package xray.model;

/** What a field's values are, for tables (alignment, human units) and JSON (the value's shape). */
public enum Unit {
    /** A byte count: JSON integer, table in KiB/MiB/GiB. */
    BYTES,
    /** A count (processes, OOM kills, a depth): JSON integer. */
    COUNT,
    /** An id (a pid): JSON integer, never summed. */
    ID,
    /** Words (a path, a name, a command line): JSON string, left-aligned. */
    TEXT,
    /** True or false. */
    FLAG,
    /** A limit: bytes, or JSON null for unlimited and absent alike. */
    LIMIT,
    /** Memory pressure: JSON {some, full} with avg10, avg60, avg300 (percent) and total (µs). */
    PRESSURE,
    /** A time in seconds: JSON number, table "1h 4m". */
    SECONDS,
    /** A percentage: JSON number, table with one decimal. */
    PERCENT
}
