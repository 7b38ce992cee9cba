package xray.model;

/**
 * A column of a table: the field it shows, its title, and its priority when the terminal is too
 * narrow for all (a higher priority stays longer; the first column always stays).
 */
public record Column<F extends Field>(F field, String title, int priority) {
    /** The field under its own title. */
    public static <F extends Field> Column<F> of(F field, int priority) {
        return new Column<>(field, field.title(), priority);
    }
}
