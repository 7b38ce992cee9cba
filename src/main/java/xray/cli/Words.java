package xray.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** "Did you mean": the words closest to one someone typed, for messages. */
final class Words {
    private Words() {
    }

    /**
     * The choice closest to {@code word}, or null when none is close: one that starts with it or that
     * it starts with, then one that holds it, then the nearest by edit distance (at most a third of
     * the word's length, and at least 1 or 2 edits), compared without case.
     */
    static String closest(String word, Collection<String> choices) {
        List<String> ranked = ranked(word, choices);
        return ranked.isEmpty() ? null : ranked.get(0);
    }

    /** Every close choice, best first (see {@link #closest}). */
    static List<String> ranked(String word, Collection<String> choices) {
        String w = word.toLowerCase(Locale.ROOT);
        record Scored(String choice, int rank, int distance) {
        }
        List<Scored> scored = new ArrayList<>();
        int limit = Math.max(w.length() <= 4 ? 1 : 2, w.length() / 3);
        for (String c : choices) {
            String l = c.toLowerCase(Locale.ROOT);
            int d = distance(w, l);
            int rank = l.startsWith(w) || (w.startsWith(l) && l.length() >= 2) ? 0 : l.contains(w) && w.length() >= 2 ? 1
                    : d <= limit ? 2 : 3;
            if (rank < 3 && !l.equals(w)) {
                scored.add(new Scored(c, rank, d));
            }
        }
        scored.sort(Comparator.comparingInt(Scored::rank).thenComparingInt(Scored::distance)
                .thenComparing(Scored::choice));
        List<String> out = new ArrayList<>();
        scored.forEach(s -> out.add(s.choice()));
        return out;
    }

    /** "; did you mean 'x'?" or "". */
    static String didYouMean(String word, Collection<String> choices) {
        String c = closest(word, choices);
        return c == null ? "" : "; did you mean '" + c + "'?";
    }

    /** Levenshtein distance: the fewest one-character insertions, deletions and substitutions from a to b. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
