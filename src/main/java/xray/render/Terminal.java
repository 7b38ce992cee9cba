package xray.render;

import java.nio.charset.Charset;
import java.util.Locale;
import java.util.Map;

/**
 * What the output is: a terminal (width, colour) or a pipe/file, and its character set. The width
 * comes from COLUMNS (bin/xray passes the terminal's), else from {@code stty} asked about the
 * terminal stdout is, only when stdout is one: piped runs pay nothing for it, and nothing writes the
 * terminal's modes back (JLine's system terminal did, without their line speed).
 */
public final class Terminal {
    private Terminal() {
    }

    /** How colour is chosen ({@code --color}). */
    public enum ColorMode { auto, always, never }

    /**
     * The style for output that is a terminal (width from COLUMNS or the terminal, colour unless
     * turned off) or not (no width limit unless COLUMNS, no colour unless asked for).
     */
    public static Style style(boolean terminal, ColorMode mode, Map<String, String> env) {
        return new Style(color(mode, terminal, env), unicode(env), terminal ? width(env) : columnsEnv(env));
    }

    /**
     * The style of a full screen (xray top) on the terminal: colour and glyphs as for any terminal,
     * and no width, which the screen takes from the terminal on every frame. The terminal is not asked
     * for its width here: JLine's system terminal, closed again, writes the terminal's modes back
     * without their line speed.
     */
    public static Style screen(ColorMode mode, Map<String, String> env) {
        return new Style(color(mode, true, env), unicode(env), 0);
    }

    static boolean color(ColorMode mode, boolean tty, Map<String, String> env) {
        if (mode == ColorMode.never) {
            return false;
        }
        if (mode == ColorMode.always) {
            return true;
        }
        String noColor = env.get("NO_COLOR");
        if (noColor != null && !noColor.isEmpty()) {
            return false;
        }
        return tty && !"dumb".equals(env.get("TERM"));
    }

    /**
     * A UTF-8 locale → Unicode glyphs (tree lines, "·", "…"); otherwise (the C locale) their ASCII
     * stand-ins. The locale is the first of LC_ALL, LC_CTYPE and LANG that is set, as the C library
     * reads it; with none, the JVM's reading of it (native.encoding: the default charset is UTF-8 on
     * JDK 18 and later whatever the locale).
     */
    static boolean unicode(Map<String, String> env) {
        for (String k : new String[] {"LC_ALL", "LC_CTYPE", "LANG"}) {
            String v = env.get(k);
            if (v != null && !v.isEmpty()) {
                String u = v.toUpperCase(Locale.ROOT);
                return u.contains("UTF-8") || u.contains("UTF8");
            }
        }
        return outputCharset().name().toUpperCase(Locale.ROOT).contains("UTF");
    }

    /**
     * The character set of the output: the locale's (stdout.encoding from JDK 19, native.encoding
     * from 17), not the JVM's default, which is UTF-8 from JDK 18 whatever the locale.
     */
    public static Charset outputCharset() {
        for (String property : new String[] {"stdout.encoding", "native.encoding"}) {
            String name = System.getProperty(property);
            if (name != null && !name.isEmpty()) {
                try {
                    return Charset.forName(name);
                } catch (IllegalArgumentException e) {
                    // an encoding this JVM does not know: the next guess
                }
            }
        }
        return Charset.defaultCharset();
    }

    /**
     * Whether stdout is a terminal: what /proc/self/fd/1 links to is one (a pty, a tty, the
     * console). System.console() would also ask that stdin is one (JDK 17), or say yes in a pipe
     * (JDK 22 and later); without /proc it is the answer.
     */
    public static boolean stdoutIsTerminal() {
        String tty = stdoutTerminal();
        return tty != null || (!java.nio.file.Files.isDirectory(java.nio.file.Path.of("/proc/self/fd"))
                && System.console() != null);
    }

    /** The terminal device stdout is ("/dev/pts/3"), or null. */
    private static String stdoutTerminal() {
        try {
            String target = java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/fd/1")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console")
                    ? target : null;
        } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
            return null;
        }
    }

    private static int columnsEnv(Map<String, String> env) {
        try {
            String c = env.get("COLUMNS");
            return c == null ? 0 : Math.max(0, Integer.parseInt(c.trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int width(Map<String, String> env) {
        int fromEnv = columnsEnv(env);
        if (fromEnv > 0) {
            return fromEnv;
        }
        int w = sttyColumns(stdoutTerminal());
        return w > 0 ? w : 80;
    }

    /**
     * The columns of a terminal device, from {@code stty -F DEVICE size} ("24 80"), which only reads
     * them (TIOCGWINSZ); 0 when it cannot tell.
     */
    static int sttyColumns(String device) {
        if (device == null) {
            return 0;
        }
        try {
            Process p = new ProcessBuilder("stty", "-F", device, "size").redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            String text = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
            if (!p.waitFor(2, java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroy();
                return 0;
            }
            String[] rowsColumns = text.strip().split(" ");
            return rowsColumns.length == 2 ? Math.max(0, Integer.parseInt(rowsColumns[1])) : 0;
        } catch (java.io.IOException | NumberFormatException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }
}
