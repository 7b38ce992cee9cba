package xray.analysis;

import java.util.Comparator;
import java.util.function.Function;

/**
 * The orders of {@code --sort KEY} on every command: numbers largest first and names A to Z,
 * {@code reverse} the other way; an absent value last either way; ties broken by {@code tie}.
 */
public final class SortOrder {
    private SortOrder() {
    }

    /** By a number (a size, a count, a rate): largest first, or smallest first when {@code reverse}. */
    public static <T, N extends Comparable<? super N>> Comparator<T> numbers(Function<T, N> value, boolean reverse,
                                                                            Comparator<T> tie) {
        Comparator<N> order = reverse ? Comparator.naturalOrder() : Comparator.reverseOrder();
        return Comparator.comparing(value, Comparator.nullsLast(order)).thenComparing(tie);
    }

    /** By a name: A to Z, or Z to A when {@code reverse}. */
    public static <T> Comparator<T> texts(Function<T, String> value, boolean reverse, Comparator<T> tie) {
        Comparator<String> order = reverse ? Comparator.reverseOrder() : Comparator.naturalOrder();
        return Comparator.comparing(value, Comparator.nullsLast(order)).thenComparing(tie);
    }
}
