package xray.render;

/**
 * What {@code xray top} shows and how: the view (cgroups, one cgroup's processes, every process,
 * JVMs), tree or flat, the sort key and its direction, the filter, the selected row and the first
 * row on screen. Changed by keys (TopScreen), read by TopText. One thread at a time.
 */
public final class TopView {
    /** What the screen lists. */
    public enum Mode { CGROUPS, CGROUP, PROCESSES, JVMS }

    /** A sort key of the cgroup list: the constant is the JSON key of what it sorts by ({@code --sort}). */
    public enum Sort {
        realCost("REAL COST"), realCostPerSecond("ΔREAL/s"), refaultsPerSecond("REFAULT/s"), pressure("PSI10"),
        anon("ANON"), file("FILE"), kernel("KERNEL"), limitUse("USE"), oomKillsSinceStart("OOM"), name("CGROUP");

        final String title;

        Sort(String title) {
            this.title = title;
        }

        /** The column's title ("REAL COST"), which --sort takes too. */
        public String title() {
            return title;
        }
    }

    /** A sort key of the process views. */
    public enum ProcessSort {
        REAL_COST("REAL COST"), RSS_ANON("RSS ANON"), RSS_FILE("RSS FILE"), RSS_SHMEM("RSS SHMEM"), PID("PID"),
        NAME("NAME");

        final String title;

        ProcessSort(String title) {
            this.title = title;
        }
    }

    /** A sort key of the JVM view. */
    public enum JvmSort {
        HEAP_USED("HEAP USED"), GC("GC %"), RSS("RSS"), PID("PID");

        final String title;

        JvmSort(String title) {
            this.title = title;
        }
    }

    Mode mode = Mode.CGROUPS;
    /** The cgroup drilled into (Mode.CGROUP). */
    String drilled;
    /** The mode Esc goes back to from a drill-down. */
    Mode before = Mode.CGROUPS;
    boolean tree = true;
    Sort sort = Sort.realCost;
    ProcessSort processSort = ProcessSort.REAL_COST;
    JvmSort jvmSort = JvmSort.HEAP_USED;
    /** Smallest first (S). */
    boolean reverse;
    /** Case-insensitive part of a name or path; null for none. */
    String filter;
    /** The filter being typed after '/', or null. */
    String typing;
    boolean paused;
    /** The selected row of the list, and the first row shown. */
    int selected;
    int scroll;

    public Mode mode() {
        return mode;
    }

    public String drilled() {
        return drilled;
    }

    public boolean paused() {
        return paused;
    }

    public boolean tree() {
        return tree;
    }

    public Sort sort() {
        return sort;
    }

    public String filter() {
        return filter;
    }

    public TopView tree(boolean on) {
        tree = on;
        return this;
    }

    public TopView sort(Sort s) {
        sort = s;
        return this;
    }

    /** Smallest first (--reverse, or S). */
    public TopView reverse(boolean r) {
        reverse = r;
        return this;
    }

    /** s: the next sort key of the list on screen. */
    void nextSort() {
        switch (mode) {
            case CGROUPS -> sort = Sort.values()[(sort.ordinal() + 1) % Sort.values().length];
            case CGROUP, PROCESSES -> processSort = ProcessSort.values()[(processSort.ordinal() + 1)
                    % ProcessSort.values().length];
            case JVMS -> jvmSort = JvmSort.values()[(jvmSort.ordinal() + 1) % JvmSort.values().length];
            default -> throw new IllegalStateException(mode.toString());
        }
        selected = 0;
        scroll = 0;
    }

    /** Shows another list, from its top. */
    void show(Mode m, String cgroup) {
        if (m == Mode.CGROUP) {
            before = mode;
        }
        mode = m;
        drilled = cgroup;
        selected = 0;
        scroll = 0;
    }

    /** Esc: out of a drill-down to where it came from; from processes or JVMs to the cgroups. */
    void back() {
        show(mode == Mode.CGROUP ? before : Mode.CGROUPS, null);
    }

    /** Moves the selection by {@code rows} within a list of {@code size}. */
    void move(int rows, int size) {
        selected = Math.max(0, Math.min(size - 1, selected + rows));
    }

    /** Keeps the selected row within the {@code height} rows shown. */
    void fit(int size, int height) {
        selected = Math.max(0, Math.min(selected, size - 1));
        if (selected < scroll) {
            scroll = selected;
        } else if (height > 0 && selected >= scroll + height) {
            scroll = selected - height + 1;
        }
        scroll = Math.max(0, Math.min(scroll, Math.max(0, size - height)));
    }
}
