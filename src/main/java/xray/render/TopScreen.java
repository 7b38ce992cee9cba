package xray.render;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import org.jline.keymap.BindingReader;
import org.jline.keymap.KeyMap;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.jline.utils.Display;
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
    private Attributes saved;
    private Display display;
    private boolean restored;
    private volatile boolean quit;
    private volatile boolean resized;

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

    private void open() throws IOException {
        // JLine reports its fallbacks through java.util.logging, which would print on the screen.
        java.util.logging.Logger.getLogger("org.jline").setLevel(java.util.logging.Level.OFF);
        terminal = TerminalBuilder.builder().system(true).nativeSignals(true).build();
        if (Terminal.TYPE_DUMB.equals(terminal.getType()) || Terminal.TYPE_DUMB_COLOR.equals(terminal.getType())) {
            terminal.close();
            throw new IOException("the terminal (TERM=" + System.getenv("TERM") + ") cannot be driven full screen; "
                    + "use xray top -b");
        }
        synchronized (lock) {
            saved = terminal.enterRawMode();
            Attributes raw = terminal.getAttributes();
            raw.setLocalFlag(Attributes.LocalFlag.ISIG, false); // Ctrl-C, Ctrl-Z, Ctrl-\ arrive as keys
            terminal.setAttributes(raw);
            terminal.puts(Capability.enter_ca_mode);
            terminal.puts(Capability.keypad_xmit);
            terminal.puts(Capability.cursor_invisible);
            terminal.flush();
            display = new Display(terminal, true);
        }
        terminal.handle(Terminal.Signal.WINCH, s -> {
            resized = true;
            draw();
        });
        terminal.handle(Terminal.Signal.INT, s -> quit = true);
        terminal.handle(Terminal.Signal.CONT, s -> {
            resized = true;
            draw();
        });
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
                if (saved != null) {
                    terminal.setAttributes(saved);
                }
                terminal.close();
            } catch (IOException | RuntimeException e) {
                // nothing more can be done for the terminal; the caller reports the first failure
            }
        }
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
            if (resized) {
                resized = false;
                draw();
            }
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
            case REDRAW -> {
                synchronized (lock) {
                    if (display != null) {
                        display.clear();
                    }
                }
            }
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
        Size s = terminal.getSize();
        return s.getRows() > 0 ? s.getRows() : 24;
    }

    /** Lays the screen out for its size now and shows what changed. From the loop and from the resize handler. */
    private void draw() {
        synchronized (lock) {
            if (restored || display == null || frame == null) {
                return;
            }
            Size size = terminal.getSize();
            int rows = size.getRows() > 0 ? size.getRows() : 24;
            int cols = size.getColumns() > 0 ? size.getColumns() : 80;
            List<String> lines = screen(frame, rows, cols);
            List<AttributedString> out = new ArrayList<>(lines.size());
            for (String line : lines) {
                out.add(AttributedString.fromAnsi(line).columnSubSequence(0, cols));
            }
            display.resize(rows, cols);
            display.update(out, size.cursorPos(rows - 1, 0));
            terminal.flush();
        }
    }

    /** The whole screen, {@code rows} lines of at most {@code cols} columns: header, list, footer, help. */
    List<String> screen(TopFrame f, int rows, int cols) {
        TopText text = new TopText(new Style(base.color(), base.unicode(), cols));
        String state = view.paused ? "PAUSED" : source.live() ? "" : "SNAPSHOT: one reading, no rates";
        List<String> lines = new ArrayList<>(text.header(f, source.layout(), spark, state));
        TopText.Listing l;
        switch (view.mode) {
            case CGROUP -> {
                Cgroup cg = null;
                for (Cgroup c : f.sample().cgroups()) {
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
        int room = Math.max(1, rows - lines.size() - 2);
        view.fit(l.rows().size(), room);
        for (int i = view.scroll; i < Math.min(l.rows().size(), view.scroll + room); i++) {
            String row = l.rows().get(i);
            if (i == view.selected && view.mode != TopView.Mode.JVMS) {
                int pad = Math.max(0, cols - Style.visibleLength(row));
                row = "\u001b[7m" + row.replace("\u001b[0m", "\u001b[0;7m") + " ".repeat(pad) + "\u001b[0m";
            }
            lines.add(row);
        }
        while (lines.size() < rows - 2) {
            lines.add("");
        }
        String more = l.rows().size() > room ? " · rows " + (view.scroll + 1) + "-"
                + Math.min(l.rows().size(), view.scroll + room) + " of " + l.rows().size() : "";
        lines.add(text.footer(f, view, l) + more);
        lines.add(base.color() ? "\u001b[7m" + text.help(view) + "\u001b[0m" : text.help(view));
        while (lines.size() > rows) {
            lines.remove(lines.size() - 3); // a screen too small for the header: rows go before the footer
        }
        return lines;
    }
}
