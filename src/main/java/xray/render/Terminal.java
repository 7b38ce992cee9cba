package xray.render;

import java.nio.charset.Charset;
import java.util.Locale;
import java.util.Map;

/**
 * What the output is: a terminal (width, colour) or a pipe/file. JLine asks the terminal for
 * its size only when stdout is one, so piped runs pay nothing for it.
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

    /** UTF-8 locale (or UTF-8 default charset) → Unicode tree glyphs; otherwise ASCII. */
    static boolean unicode(Map<String, String> env) {
        for (String k : new String[] {"LC_ALL", "LC_CTYPE", "LANG"}) {
            String v = env.get(k);
            if (v != null && !v.isEmpty()) {
                String u = v.toUpperCase(Locale.ROOT);
                return u.contains("UTF-8") || u.contains("UTF8");
            }
        }
        return Charset.defaultCharset().name().toUpperCase(Locale.ROOT).contains("UTF");
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
        // JLine reports its fallbacks through java.util.logging, which would print on stderr.
        java.util.logging.Logger.getLogger("org.jline").setLevel(java.util.logging.Level.OFF);
        try (org.jline.terminal.Terminal t = org.jline.terminal.TerminalBuilder.builder()
                .system(true).dumb(true).nativeSignals(false).build()) {
            int w = t.getWidth();
            return w > 0 ? w : 80;
        } catch (Exception | LinkageError e) {
            return 80;
        }
    }
}
