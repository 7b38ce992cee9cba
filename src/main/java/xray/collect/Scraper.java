package xray.collect;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import xray.kernel.KernelFs;
import xray.model.CgroupLayout;
import xray.model.CgroupSample;
import xray.model.FoldPlan;
import xray.model.HostSample;
import xray.model.ScrapeSample;

/**
 * One collection per scrape, for {@code xray serve}: the host, its cgroups down to a depth, and
 * the JVMs' perf counters, read when Prometheus asks and never in between. A scrape's reading is
 * capped in time: past the deadline no new cgroup or process is read (they are counted as
 * skipped), and should a read hang in the kernel, the scrape answers anyway with what was read
 * by then; while such a read stays stuck, later scrapes do not start another (they would stack
 * up behind it) and answer at once with the exporter's own figures.
 */
public final class Scraper implements AutoCloseable {
    /** The parts of a scrape as the worker finishes them; read by the scrape when time is up. */
    static final class Parts {
        volatile HostSample host;
        volatile CgroupLayout layout;
        volatile List<CgroupSample> cgroups;
        volatile FoldPlan fold;
        volatile int skippedCgroups;
        volatile boolean cgroupsCut;
        volatile JvmPerfScan.Result jvms;
        volatile String error;
    }

    /** Distinct warnings remembered (each said once); past this they may be said again. */
    static final int WARNED = 1000;

    /** How long past the deadline a scrape waits for the reads in flight to finish. */
    static final Duration GRACE = Duration.ofMillis(500);

    private final KernelFs fs;
    private final int depth;
    private final int maxCgroups;
    private final Function<List<CgroupSample>, FoldPlan> fold;
    private final Duration timeout;
    private final Consumer<String> warn;
    private final Set<String> warned = new LinkedHashSet<>();
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "xray-collect");
        t.setDaemon(true);
        return t;
    });
    private Future<?> stuck;
    /** What a scrape's worker does: {@link #collect} (tests put a read that hangs in its place). */
    private final Reading reading;

    interface Reading {
        void read(Parts parts, long deadline, Warnings warnings);
    }

    /**
     * @param depth   cgroups deeper than this below the top are not read
     * @param timeout the cap on a scrape's reading
     * @param warn    told each new warning once (a server that repeats one every scrape says nothing new)
     */
    public Scraper(KernelFs fs, int depth, Duration timeout, Consumer<String> warn) {
        this(fs, depth, timeout, Integer.MAX_VALUE, null, warn, null);
    }

    /**
     * A scraper that reads less of a tree with more than {@code maxCgroups} cgroups: their charges
     * first, then whole only the cgroups {@code fold} keeps and the tops of those it folds (see
     * {@link CgroupCollector#scan(Long, int, long, int, Function)}).
     */
    public Scraper(KernelFs fs, int depth, Duration timeout, int maxCgroups, Function<List<CgroupSample>, FoldPlan> fold,
                   Consumer<String> warn) {
        this(fs, depth, timeout, maxCgroups, fold, warn, null);
    }

    Scraper(KernelFs fs, int depth, Duration timeout, Consumer<String> warn, Reading reading) {
        this(fs, depth, timeout, Integer.MAX_VALUE, null, warn, reading);
    }

    private Scraper(KernelFs fs, int depth, Duration timeout, int maxCgroups, Function<List<CgroupSample>, FoldPlan> fold,
                    Consumer<String> warn, Reading reading) {
        this.fs = fs;
        this.depth = depth;
        this.maxCgroups = maxCgroups;
        this.fold = fold;
        this.timeout = timeout;
        this.warn = warn;
        this.reading = reading != null ? reading : this::collect;
    }

    public synchronized ScrapeSample scrape() {
        long start = System.nanoTime();
        if (stuck != null && !stuck.isDone()) {
            return new ScrapeSample(null, null, List.of(), null, List.of(), 0, 0, true, 0,
                    "an earlier scrape's read is still stuck in the kernel: nothing read");
        }
        stuck = null;
        long deadline = start + timeout.toNanos();
        Parts parts = new Parts();
        Warnings warnings = new Warnings();
        Future<?> work = workers.submit(() -> reading.read(parts, deadline, warnings));
        boolean timedOut = false;
        try {
            work.get(timeout.toNanos() + GRACE.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            timedOut = true;
            stuck = work;
        } catch (ExecutionException e) {
            parts.error = String.valueOf(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            timedOut = true;
        }
        for (String line : warnings.lines()) {
            if (warned.size() >= WARNED) {
                warned.clear(); // bounded: a long-running server on a host whose names churn keeps no history
            }
            if (warned.add(line)) {
                warn.accept(line);
            }
        }
        JvmPerfScan.Result jvms = parts.jvms;
        boolean cut = timedOut || parts.cgroupsCut || jvms != null && jvms.skipped() > 0;
        return new ScrapeSample(parts.host, parts.layout, parts.cgroups == null ? List.of() : parts.cgroups, parts.fold,
                jvms == null ? List.of() : jvms.jvms(), parts.skippedCgroups, jvms == null ? 0 : jvms.skipped(), cut,
                (System.nanoTime() - start) / 1e9, parts.error);
    }

    private void collect(Parts parts, long deadline, Warnings warnings) {
        try {
            HostSample host = HostCollector.collect(fs, warnings);
            parts.host = host;
            CgroupLayout layout = MemCollector.layout(fs, warnings);
            parts.layout = layout;
            CgroupCollector cgroups = new CgroupCollector(fs, layout, warnings, false).withoutProcesses();
            parts.cgroups = cgroups.scan(HostCollector.memoryAndSwap(host.meminfo()), depth, deadline, maxCgroups, fold);
            parts.fold = cgroups.plan();
            parts.skippedCgroups = cgroups.skipped();
            parts.cgroupsCut = cgroups.timedOut();
            parts.jvms = JvmPerfScan.scan(fs, deadline);
        } catch (HostCollector.Unreadable e) {
            parts.error = e.getMessage();
        }
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
