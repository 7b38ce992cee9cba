package xray.kernel;

import xray.model.Pressure;
import xray.model.Psi;

/**
 * Pressure files: {@code /proc/pressure/memory}, cgroup {@code memory.pressure}.
 * <pre>
 * some avg10=0.10 avg60=2.00 avg300=3.85 total=15
 * full avg10=0.20 avg60=3.00 avg300=4.95 total=25
 * </pre>
 * Also the legacy pre-upstream format that early PSI kernels wrote
 * ({@code aggr N}, {@code some 1.11 2.22 3.33}, debug lines of bare numbers).
 * Lines with another leading word are ignored; a bad number makes the whole file malformed.
 */
public final class PsiFormat {
    private PsiFormat() {
    }

    public static Pressure parse(String text) {
        Psi some = null;
        Psi full = null;
        boolean any = false;
        for (String raw : (Iterable<String>) text.lines()::iterator) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            any = true;
            boolean isSome = line.startsWith("some ");
            if (!isSome && !line.startsWith("full ")) {
                continue;
            }
            String[] f = fields(line);
            Psi psi = f.length > 1 && f[1].indexOf('=') > 0 ? keyed(line, f) : positional(line, f);
            if (isSome) {
                some = psi;
            } else {
                full = psi;
            }
        }
        if (!any) {
            throw new Malformed("empty file");
        }
        if (some == null && full == null) {
            throw new Malformed("no 'some' or 'full' line");
        }
        return new Pressure(some, full);
    }

    /** Splits on runs of spaces and tabs (no regular expression: this runs once per cgroup). */
    private static String[] fields(String line) {
        java.util.List<String> out = new java.util.ArrayList<>(6);
        int i = 0;
        int n = line.length();
        while (i < n) {
            while (i < n && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
                i++;
            }
            int j = i;
            while (j < n && line.charAt(j) != ' ' && line.charAt(j) != '\t') {
                j++;
            }
            if (j > i) {
                out.add(line.substring(i, j));
            }
            i = j;
        }
        return out.toArray(new String[0]);
    }

    private static Psi keyed(String line, String[] f) {
        Double a10 = null;
        Double a60 = null;
        Double a300 = null;
        Long total = null;
        for (int i = 1; i < f.length; i++) {
            int eq = f[i].indexOf('=');
            if (eq <= 0) {
                throw new Malformed("'" + Keyed.clip(line) + "': '" + f[i] + "' is not key=value");
            }
            String k = f[i].substring(0, eq);
            String v = f[i].substring(eq + 1);
            switch (k) {
                case "avg10" -> a10 = percent(line, v);
                case "avg60" -> a60 = percent(line, v);
                case "avg300" -> a300 = percent(line, v);
                case "total" -> {
                    total = Numbers.parseU64(v);
                    if (total == null) {
                        throw new Malformed("'" + Keyed.clip(line) + "': total '" + v + "' is not a number");
                    }
                }
                default -> { } // a key from a newer kernel
            }
        }
        if (a10 == null || a60 == null || a300 == null) {
            throw new Malformed("'" + Keyed.clip(line) + "' lacks avg10/avg60/avg300");
        }
        return new Psi(a10, a60, a300, total);
    }

    private static Psi positional(String line, String[] f) {
        if (f.length < 4) {
            throw new Malformed("'" + Keyed.clip(line) + "' lacks avg10/avg60/avg300");
        }
        return new Psi(percent(line, f[1]), percent(line, f[2]), percent(line, f[3]), null);
    }

    private static double percent(String line, String v) {
        try {
            double d = Double.parseDouble(v);
            if (!Double.isFinite(d) || d < 0) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new Malformed("'" + Keyed.clip(line) + "': '" + v + "' is not a percentage");
        }
    }
}
