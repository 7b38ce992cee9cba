package xray.model;

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
        return new ByValue<>(value, reverse ? 1 : -1, tie);
    }

    /** By a name: A to Z, or Z to A when {@code reverse}. */
    public static <T> Comparator<T> texts(Function<T, String> value, boolean reverse, Comparator<T> tie) {
        return new ByValue<>(value, reverse ? -1 : 1, tie);
    }

    /**
     * One class for every order rather than the JDK's comparing/nullsLast/thenComparing: each of
     * those is a lambda the JVM spins at run time (an AOT cache does not keep the JDK's own), which
     * cost a cold {@code xray mem --json} on JDK 25 more than the sort itself.
     *
     * @param sign 1 for ascending, -1 for descending; an absent value is last either way
     */
    private record ByValue<T, N extends Comparable<? super N>>(Function<T, N> value, int sign, Comparator<T> tie)
            implements Comparator<T> {
        @Override
        public int compare(T a, T b) {
            N x = value.apply(a);
            N y = value.apply(b);
            if (x == null || y == null) {
                if (x != y) {
                    return x == null ? 1 : -1;
                }
            } else {
                int c = x.compareTo(y);
                if (c != 0) {
                    return sign * Integer.signum(c);
                }
            }
            return tie.compare(a, b);
        }
    }
}
