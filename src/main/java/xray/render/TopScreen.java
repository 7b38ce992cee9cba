package xray.render;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import org.jline.keymap.BindingReader;
import org.jline.keymap.KeyMap;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.terminal.Attributes;
import org.jline.utils.InfoCmp.Capability;
import org.jline.utils.NonBlockingReader;
import xray.model.Cgroup;
import xray.model.TopFrame;
import xray.model.TopJvm;
import xray.model.TopProcess;

/**
 * {@code xray top} on a terminal, full screen, on JLine: raw mode (no echo, no line editing, no
 * signals from keys: Ctrl-C arrives as a key), the alternate screen, key bindings, redraws of what
 * changed only ({@link Display}), a new layout on every resize (SIGWINCH), and the terminal put
 * back as it was however the view ends: q, Ctrl-C, an exception, SIGINT, SIGTERM (a shutdown hook).
 */
public final class TopScreen {
    /** What a key does. */
    enum Op { QUIT, SORT, REVERSE, TREE, UP, DOWN, PAGE_UP, PAGE_DOWN, HOME, END, ENTER, BACK, PROCESSES, JVMS,
        FILTER, PAUSE, REDRAW, NONE }

    /** The longest the loop sleeps between looks at its flags (a resize, a quit from a signal). */
    private static final long TICK_MILLIS = 250;

    private final TopSource source;
    private final Style base;
    private final TopView view;
    private final long periodNanos;
    private final Spark spark;
    private final Object lock = new Object();

    private Terminal terminal;
    /** The terminal's modes before, as stty -g prints them. */
    private String saved;
    private String savedLine = "0";
    /** What each line of the screen shows now (its text with escape codes), to rewrite only lines that changed. */
    private final List<String> onScreen = new ArrayList<>();
    private boolean opened;
    private boolean restored;
    private volatile boolean quit;

    private TopFrame frame;
    private List<TopProcess> processes = List.of();
    private List<TopJvm> jvms = List.of();
    /** The rows of the list on screen, what each is (cgroup path, pid). */
    private List<String> keys = List.of();

    public TopScreen(TopSource source, Style base, TopView view, double seconds) {
        this.source = source;
        this.base = base;
        this.view = view;
        this.periodNanos = (long) (seconds * 1e9);
        this.spark = new Spark(seconds);
    }

    /** Runs until q or Ctrl-C; the terminal is restored before this returns or throws. */
    public void run() throws IOException {
        Thread hook = new Thread(this::restore, "xray-top-restore");
        Runtime.getRuntime().addShutdownHook(hook); // SIGTERM, SIGINT from kill, System.exit
        try {
            open();
            loop();
        } finally {
            restore();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down: the hook runs (and finds the terminal restored)
            }
        }
    }

    /**
     * Sets the terminal up. JLine drives the screen through a terminal on xray's own standard streams
     * (an ExternalTerminal: no pty of its own, no native code), not its system terminal: that one writes the terminal's modes back from its own
     * record on every read with a timeout and when it closes, and its record has no line speed and
     * no line discipline (they come back as speed 0, a hang-up on a serial line). The modes are
     * saved, set raw and restored with stty instead; the size comes from stty at the start and on
     * every SIGWINCH.
     */
    private void open() throws IOException {
        // JLine reports its fallbacks through java.util.logging, which would print on the screen.
        java.util.logging.Logger.getLogger("org.jline").setLevel(java.util.logging.Level.OFF);
        // The tree's box-drawing characters go out as they are (UTF-8), not through the terminal's
        // alternate character set, which some (tmux with TERM=screen) draw as letters.
        System.setProperty("org.jline.utils.disableAlternateCharset", "true");
        String type = System.getenv("TERM");
        if (type == null || type.isEmpty() || type.equals("dumb") || type.equals("unknown")) {
            throw new IOException("the terminal (TERM=" + (type == null ? "" : type) + ") cannot be driven full "
                    + "screen; use xray top -b");
        }
        saved = stty("-g").strip();
        savedLine = lineDiscipline(stty("-a"));
        Size size = size();
        terminal = new org.jline.terminal.impl.ExternalTerminal("xray top", type,
                new java.io.FileInputStream(java.io.FileDescriptor.in),
                new java.io.FileOutputStream(java.io.FileDescriptor.out),
                base.unicode() ? java.nio.charset.StandardCharsets.UTF_8 : java.nio.charset.Charset.defaultCharset());
        terminal.setSize(size);
        // JLine's own record of the modes, which it applies to the input it passes on: raw, no signals
        Attributes raw = terminal.enterRawMode();
        raw.setLocalFlag(Attributes.LocalFlag.ISIG, false);
        terminal.setAttributes(raw);
        synchronized (lock) {
            raw();
            terminal.puts(Capability.enter_ca_mode);
            terminal.puts(Capability.keypad_xmit);
            terminal.puts(Capability.cursor_invisible);
            terminal.flush();
            opened = true;
        }
        org.jline.utils.Signals.register("WINCH", this::repaint);
        org.jline.utils.Signals.register("CONT", () -> { // continued after a stop from outside: raw again
            try {
                raw();
            } catch (IOException e) {
                // the next keys may echo; q still quits
            }
            repaint();
        });
    }

    /** The terminal's modes raw: no echo, no line editing, no signals from keys (Ctrl-C, Ctrl-Z arrive as keys). */
    private static void raw() throws IOException {
        stty("-icanon", "-echo", "-isig", "-iexten", "-ixon", "-icrnl", "-inlcr", "min", "1", "time", "0");
    }

    /** The terminal's size from stty (rows columns), or 24x80 when it says nothing useful. */
    private static Size size() throws IOException {
        String[] rc = stty("size").trim().split("\\s+");
        try {
            int rows = Integer.parseInt(rc[0]);
            int cols = Integer.parseInt(rc[1]);
            if (rows > 0 && cols > 0) {
                return new Size(cols, rows);
            }
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            // below
        }
        return new Size(80, 24);
    }

    /** Puts the terminal back as it was: the normal screen and cursor, the saved modes. Once; from any thread. */
    void restore() {
        synchronized (lock) {
            if (restored || terminal == null) {
                restored = true;
                return;
            }
            restored = true;
            try {
                terminal.puts(Capability.cursor_normal);
                terminal.puts(Capability.keypad_local);
                terminal.puts(Capability.exit_ca_mode);
                terminal.flush();
            } catch (RuntimeException e) {
                // the modes below still matter most
            }
            if (saved != null && !saved.isEmpty()) {
                try {
                    stty(saved, "line", savedLine);
                } catch (IOException e) {
                    // nothing more can be done for the terminal; the caller reports the first failure
                }
            }
        }
    }

    /** The line discipline in stty -a's first line ("line = 0;"), which stty -g leaves out; "0" when not found. */
    static String lineDiscipline(String sttyA) {
        int at = sttyA.indexOf("line = ");
        int end = at < 0 ? -1 : sttyA.indexOf(';', at);
        String n = end < 0 ? "" : sttyA.substring(at + 7, end).trim();
        return !n.isEmpty() && n.chars().allMatch(Character::isDigit) ? n : "0";
    }

    /** Runs stty on the terminal (xray's own standard input) and returns what it printed. */
    static String stty(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(args.length + 1);
        cmd.add("stty");
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
        try {
            if (p.waitFor() != 0) {
                throw new IOException("stty " + String.join(" ", args) + " failed (exit " + p.exitValue() + ")");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running stty", e);
        }
        return out;
    }

    private KeyMap<Op> keys() {
        KeyMap<Op> k = new KeyMap<>();
        k.bind(Op.QUIT, "q", "Q", KeyMap.ctrl('C'));
        k.bind(Op.SORT, "s");
        k.bind(Op.REVERSE, "S");
        k.bind(Op.TREE, "t");
        k.bind(Op.UP, "k", "\033[A", "\033OA");
        k.bind(Op.DOWN, "\033[B", "\033OB");
        k.bind(Op.PAGE_UP, "\033[5~");
        k.bind(Op.PAGE_DOWN, "\033[6~");
        k.bind(Op.HOME, "\033[H", "\033OH", "\033[1~");
        k.bind(Op.END, "\033[F", "\033OF", "\033[4~");
        for (Object[] cap : new Object[][] {{Op.UP, Capability.key_up}, {Op.DOWN, Capability.key_down},
            {Op.PAGE_UP, Capability.key_ppage}, {Op.PAGE_DOWN, Capability.key_npage}, {Op.HOME, Capability.key_home},
            {Op.END, Capability.key_end}}) {
            String seq = KeyMap.key(terminal, (Capability) cap[1]);
            if (seq != null && !seq.isEmpty()) {
                k.bind((Op) cap[0], seq);
            }
        }
        k.bind(Op.ENTER, "\r", "\n");
        k.bind(Op.BACK, KeyMap.esc(), "h");
        k.bind(Op.PROCESSES, "p");
        k.bind(Op.JVMS, "j");
        k.bind(Op.FILTER, "/");
        k.bind(Op.PAUSE, " ");
        k.bind(Op.REDRAW, KeyMap.ctrl('L'));
        k.setNomatch(Op.NONE);
        k.setUnicode(Op.NONE);
        k.setAmbiguousTimeout(60); // Esc alone, or the start of an arrow key's sequence
        return k;
    }

    private void loop() throws IOException {
        KeyMap<Op> keyMap = keys();
        NonBlockingReader in = terminal.reader();
        BindingReader bindings = new BindingReader(in);
        sample();
        draw();
        long next = System.nanoTime() + periodNanos;
        while (!quit) {
            long now = System.nanoTime();
            if (source.live() && !view.paused && now >= next) {
                sample();
                next += periodNanos;
                if (next < now) {
                    next = now + periodNanos; // suspended, or a slow reading: no burst of catch-up frames
                }
                draw();
                continue;
            }
            long wait = source.live() && !view.paused ? Math.min(TICK_MILLIS, (next - now) / 1_000_000 + 1) : TICK_MILLIS;
            int c;
            try {
                c = in.peek(wait);
            } catch (InterruptedIOException e) {
                continue;
            }
            if (c == NonBlockingReader.READ_EXPIRED) {
                continue;
            }
            if (c == NonBlockingReader.EOF) {
                return; // the terminal went away
            }
            if (view.typing != null) {
                typed(in);
            } else {
                Op op = bindings.readBinding(keyMap, null, false);
                if (op == null) {
                    continue;
                }
                act(op);
                if (op == Op.PAUSE && !view.paused && now >= next) {
                    next = System.nanoTime(); // resumed: a fresh frame at once
                }
            }
            draw();
        }
    }

    /** One key while a filter is typed: a character, Backspace, Enter (apply) or Esc (cancel). */
    private void typed(NonBlockingReader in) throws IOException {
        int c = in.read(10);
        if (c < 0) {
            return;
        }
        if (c == '\r' || c == '\n') {
            view.filter = view.typing.isEmpty() ? null : view.typing;
            view.typing = null;
            view.selected = 0;
            view.scroll = 0;
        } else if (c == 27) {
            int more = in.peek(30);
            if (more >= 0) { // an arrow or function key: skip its sequence
                while (in.peek(5) >= 0) {
                    int x = in.read(5);
                    if (x >= 0x40 && x <= 0x7e && x != '[' && x != 'O') {
                        break;
                    }
                }
                return;
            }
            view.typing = null;
        } else if (c == 127 || c == 8) {
            view.typing = view.typing.isEmpty() ? view.typing : view.typing.substring(0, view.typing.length() - 1);
        } else if (c == 3) {
            quit = true;
        } else if (c >= 0x20 && view.typing.length() < 64) {
            view.typing += (char) c;
        }
    }

    private void act(Op op) {
        int page = Math.max(1, rows() - 9);
        switch (op) {
            case QUIT -> quit = true;
            case SORT -> view.nextSort();
            case REVERSE -> view.reverse = !view.reverse;
            case TREE -> {
                view.tree = !view.tree;
                view.selected = 0;
                view.scroll = 0;
            }
            case UP -> view.move(-1, keys.size());
            case DOWN -> view.move(1, keys.size());
            case PAGE_UP -> view.move(-page, keys.size());
            case PAGE_DOWN -> view.move(page, keys.size());
            case HOME -> view.move(-keys.size(), keys.size());
            case END -> view.move(keys.size(), keys.size());
            case ENTER -> {
                if (view.mode == TopView.Mode.CGROUPS && view.selected < keys.size()) {
                    view.show(TopView.Mode.CGROUP, keys.get(view.selected));
                    refreshLists();
                }
            }
            case BACK -> {
                if (view.filter != null && view.mode == TopView.Mode.CGROUPS) {
                    view.filter = null; // Esc first clears a filter
                } else {
                    view.back();
                }
            }
            case PROCESSES -> {
                view.show(view.mode == TopView.Mode.PROCESSES ? TopView.Mode.CGROUPS : TopView.Mode.PROCESSES, null);
                refreshLists();
            }
            case JVMS -> {
                view.show(view.mode == TopView.Mode.JVMS ? TopView.Mode.CGROUPS : TopView.Mode.JVMS, null);
                refreshLists();
            }
            case FILTER -> view.typing = view.filter == null ? "" : view.filter;
            case PAUSE -> view.paused = !view.paused;
            case REDRAW -> repaint();
            case NONE -> { }
            default -> throw new IllegalStateException(op.toString());
        }
    }

    /** A new frame, and what the view on screen lists besides the cgroups. */
    private void sample() {
        TopFrame f = source.frame();
        synchronized (lock) {
            frame = f;
            spark.add(f.hasRates() ? f.host().pressureSomePercent() : null);
        }
        refreshLists();
    }

    private void refreshLists() {
        switch (view.mode) {
            case CGROUP -> processes = source.processes(frame, view.drilled);
            case PROCESSES -> processes = source.processes(frame, null);
            case JVMS -> jvms = source.jvms();
            default -> { }
        }
    }

    private int rows() {
        return terminal.getSize().getRows();
    }

    /** Reads the size again, clears the screen and draws it whole (a resize, Ctrl-L, back from a stop). */
    private void repaint() {
        synchronized (lock) {
            if (restored || !opened) {
                return;
            }
            try {
                terminal.setSize(size());
            } catch (IOException e) {
                // the size as it was
            }
            terminal.puts(Capability.clear_screen);
            onScreen.clear();
            draw();
        }
    }

    /**
     * Lays the screen out for its size now and rewrites the lines that changed (each one whole: to its
     * start, cleared, written). From the loop and from the resize handler.
     */
    private void draw() {
        synchronized (lock) {
            if (restored || !opened || frame == null) {
                return;
            }
            Size size = terminal.getSize();
            int rows = size.getRows();
            int cols = size.getColumns();
            List<String> lines = screen(frame, rows, cols);
            java.io.PrintWriter w = terminal.writer();
            for (int i = 0; i < rows; i++) {
                // the last line stops a column short: writing the last cell of the screen may scroll it
                int width = i == rows - 1 ? cols - 1 : cols;
                String text = i < lines.size() ? AttributedString.fromAnsi(lines.get(i)).columnSubSequence(0, width)
                        .toAnsi(terminal) : "";
                if (i < onScreen.size() && onScreen.get(i).equals(text)) {
                    continue;
                }
                terminal.puts(Capability.cursor_address, i, 0);
                terminal.puts(Capability.clr_eol);
                w.write(text);
                if (i < onScreen.size()) {
                    onScreen.set(i, text);
                } else {
                    onScreen.add(text);
                }
            }
            while (onScreen.size() > rows) {
                onScreen.remove(onScreen.size() - 1);
            }
            terminal.flush();
        }
    }

    /** The whole screen, {@code rows} lines of at most {@code cols} columns: header, list, footer, help. */
    List<String> screen(TopFrame f, int rows, int cols) {
        TopText text = new TopText(new Style(base.color(), base.unicode(), cols));
        String state = view.paused ? "PAUSED" : source.live() ? "" : "SNAPSHOT: one reading, no rates";
        List<String> lines = new ArrayList<>(text.header(f, source.layout(), source.live() ? spark : null, state));
        TopText.Listing l;
        switch (view.mode) {
            case CGROUP -> {
                Cgroup cg = null;
                for (Cgroup c : f.report().cgroups()) {
                    if (c.path().equals(view.drilled)) {
                        cg = c;
                    }
                }
                if (cg == null) {
                    lines.add("");
                    lines.add(Sanitize.text(view.drilled) + " is gone (removed since it was chosen). Esc goes back.");
                    l = text.processes(List.of(), view, view.drilled);
                } else {
                    lines.addAll(text.cgroup(f, cg));
                    l = text.processes(processes, view, cg.path());
                }
            }
            case PROCESSES -> l = text.processes(processes, view, null);
            case JVMS -> l = text.jvms(jvms, view, f.sample().epochMillis());
            default -> l = text.cgroups(f, view);
        }
        keys = l.keys();
        lines.add("");
        lines.add(l.header());
        List<String> footer = text.footer(f, view, l, " (rows 1-1)"); // as long as it will be
        int room = Math.max(1, rows - lines.size() - footer.size() - 1);
        view.fit(l.rows().size(), room);
        for (int i = view.scroll; i < Math.min(l.rows().size(), view.scroll + room); i++) {
            String row = l.rows().get(i);
            if (i == view.selected && view.mode != TopView.Mode.JVMS) {
                int pad = Math.max(0, cols - Style.visibleLength(row));
                row = "\u001b[7m" + row.replace("\u001b[0m", "\u001b[0;7m") + " ".repeat(pad) + "\u001b[0m";
            }
            lines.add(row);
        }
        while (lines.size() < rows - footer.size() - 1) {
            lines.add("");
        }
        String position = l.rows().size() > room ? " (rows " + (view.scroll + 1) + "-"
                + Math.min(l.rows().size(), view.scroll + room) + ")" : "";
        lines.addAll(text.footer(f, view, l, position));
        lines.add(base.color() ? "\u001b[7m" + text.help(view) + "\u001b[0m" : text.help(view));
        while (lines.size() > rows) {
            lines.remove(0); // a screen too small for all of it: the header goes first, the list stays
        }
        return lines;
    }
}
