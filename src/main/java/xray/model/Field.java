package xray.model;

/**
 * A field of a registry ({@link CgroupField}, {@link ProcessField}): what every table, JSON writer
 * and option that lists fields reads of it. The JSON key is a public contract: never renamed.
 */
public interface Field {
    /**
     * @param key   the JSON key, and the word options take
     * @param title the table header
     * @param label the name in the drill-down and in sentences ("charged (current)", "RSS anon")
     */
    record Info(String key, String title, String label, Unit unit) {
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
}
