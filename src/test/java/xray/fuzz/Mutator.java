package xray.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Mutations of real kernel files, as a broken disk, a hostile snapshot or an unexpected kernel
 * would make them: truncation, emptiness, binary garbage, NUL bytes, CRLF, numbers at and past
 * 2^63 and 2^64, negative, "max", floats, dropped, duplicated and very long lines. Seeded: the same
 * seed gives the same mutations.
 */
final class Mutator {
    static final String[] NUMBERS = {"9223372036854775807", "9223372036854775808", "18446744073709551615",
        "18446744073709551616", "99999999999999999999999", "-1", "-9223372036854775808", "max", "1.5", "1e9", "0x10",
        "\uff19", "", " ", "4611686018427387904", "0"};

    private final Random random;

    Mutator(Random random) {
        this.random = random;
    }

    /** One named mutation of {@code text}: [name, result]. */
    String[] mutate(String text) {
        int kind = random.nextInt(13);
        return switch (kind) {
            case 0 -> new String[] {"truncate", text.substring(0, text.isEmpty() ? 0 : random.nextInt(text.length()))};
            case 1 -> new String[] {"empty", ""};
            case 2 -> new String[] {"garbage", garbage(1 + random.nextInt(200))};
            case 3 -> new String[] {"nul", insert(text, "\0".repeat(1 + random.nextInt(4)))};
            case 4 -> new String[] {"crlf", text.replace("\n", "\r\n")};
            case 5, 6 -> new String[] {"number", replaceNumber(text, NUMBERS[random.nextInt(NUMBERS.length)])};
            case 7 -> new String[] {"drop-line", dropLine(text)};
            case 8 -> new String[] {"duplicate-line", duplicateLine(text)};
            case 9 -> new String[] {"long-line", insert(text, "9".repeat(100_000) + "\n")};
            case 10 -> new String[] {"escape", insert(text, "\u001b[2J\u001b]0;x\u0007")};
            case 11 -> new String[] {"all-numbers", replaceAllNumbers(text, NUMBERS[random.nextInt(NUMBERS.length)])};
            default -> new String[] {"utf8", insert(text, "\u00e9\u202e\u4e2d")};
        };
    }

    String garbage(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private String insert(String text, String what) {
        int at = text.isEmpty() ? 0 : random.nextInt(text.length() + 1);
        return text.substring(0, at) + what + text.substring(at);
    }

    /** Replaces one run of digits with {@code value}. */
    private String replaceNumber(String text, String value) {
        List<int[]> runs = digitRuns(text);
        if (runs.isEmpty()) {
            return value + text;
        }
        int[] r = runs.get(random.nextInt(runs.size()));
        return text.substring(0, r[0]) + value + text.substring(r[1]);
    }

    private static String replaceAllNumbers(String text, String value) {
        return text.replaceAll("[0-9]+", value);
    }

    private static List<int[]> digitRuns(String text) {
        List<int[]> runs = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            if (Character.isDigit(text.charAt(i))) {
                int j = i;
                while (j < text.length() && Character.isDigit(text.charAt(j))) {
                    j++;
                }
                runs.add(new int[] {i, j});
                i = j;
            } else {
                i++;
            }
        }
        return runs;
    }

    private String dropLine(String text) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        if (lines.size() > 1) {
            lines.remove(random.nextInt(lines.size()));
        }
        return String.join("\n", lines);
    }

    private String duplicateLine(String text) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        int i = random.nextInt(lines.size());
        lines.add(random.nextInt(lines.size() + 1), lines.get(i));
        return String.join("\n", lines);
    }
}
