package xray.render;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import xray.model.Cgroup;
import xray.model.CgroupField;
import xray.model.FoldedCgroups;
import xray.model.HostMemory;
import xray.model.HostSample;
import xray.model.JvmPerfCounters;
import xray.model.JvmReport;
import xray.model.Limit;
import xray.model.Pressure;
import xray.model.Psi;
import xray.model.ScrapeSample;
import xray.model.StatKey;

/**
 * What {@code xray serve} exports: every metric's name, type, HELP text and the field of the
 * memory model it reads, in one list ({@link #ALL}); the README's metrics reference is generated
 * from it (MetricsReferenceTest). A scrape becomes the Prometheus client's snapshots here; the
 * client writes them in the Prometheus or the OpenMetrics text format, as the scraper asks.
 * Counters are the kernel's (or the JVM's) counters as counted; Prometheus makes rates of them.
 */
public final class Metrics {
    private Metrics() {
    }

    /** What a metric describes, and so which labels its series carry. */
    public enum Subject {
        HOST(""), CGROUP("cgroup, and service, container or pod when the name is recognised"), JVM("pid, main_class"),
        EXPORTER("");

        final String labels;

        Subject(String labels) {
            this.labels = labels;
        }
    }

    /** One labelled value of a metric; {@code labels} are name/value pairs beyond the subject's own. */
    record Point(double value, String... labels) {
    }

    /**
     * One metric.
     *
     * @param name     the Prometheus name as exposed (counters end in _total)
     * @param counter  a counter (else a gauge)
     * @param source   the field of the memory model or the kernel key it reads, for the reference
     * @param additive whether "other" (the folded cgroups) may sum it: peaks, limits and stall
     *                 times are not sums of their parts
     * @param extra    the metric's own label beyond its subject's, or null
     */
    public record Def<T>(Subject subject, String name, boolean counter, String help, String source, boolean additive,
                         String extra, Function<T, List<Point>> points) {
        Unit unit() {
            String base = counter ? name.substring(0, name.length() - "_total".length()) : name;
            return base.endsWith("_bytes") ? Unit.BYTES : base.endsWith("_seconds") ? Unit.SECONDS : null;
        }
    }

    private static <T> Def<T> gauge(Subject s, String name, String help, String source, boolean additive,
                                    Function<T, Long> value) {
        return new Def<>(s, name, false, help, source, additive, null, t -> one(value.apply(t)));
    }

    private static <T> Def<T> counter(Subject s, String name, String help, String source, boolean additive,
                                      Function<T, Number> value) {
        return new Def<>(s, name, true, help, source, additive, null, t -> one(value.apply(t)));
    }

    private static List<Point> one(Number v) {
        return v == null ? List.of() : List.of(new Point(v.doubleValue()));
    }

    private static Def<Cgroup> bytes(String name, CgroupField field, boolean additive, String help) {
        return gauge(Subject.CGROUP, name, help, field.key(), additive, field::number);
    }

    private static Long limit(Limit l) {
        return l == null ? null : l.bytesOrNull();
    }

    /** A PSI line's total stall time as Prometheus counts time: the kernel's microseconds / 10^6. */
    private static Double stall(Pressure p, boolean full) {
        Psi psi = p == null ? null : full ? p.full() : p.some();
        return psi == null || psi.totalMicros() == null ? null : Long.divideUnsigned(psi.totalMicros(), 1_000_000)
                + Long.remainderUnsigned(psi.totalMicros(), 1_000_000) / 1e6;
    }

    /** The host as its metrics read it: what was read, and the figures of the memory model. */
    record Host(HostSample sample, HostMemory memory) {
    }

    static final List<Def<Host>> HOST = List.of(
            gauge(Subject.HOST, "xray_host_memory_total_bytes", "RAM the kernel manages (MemTotal).", "memTotal", false,
                    h -> h.memory().memTotal()),
            gauge(Subject.HOST, "xray_host_memory_free_bytes", "RAM nothing uses (MemFree).", "memFree", false,
                    h -> h.memory().memFree()),
            gauge(Subject.HOST, "xray_host_memory_available_bytes",
                    "RAM available for new work without swapping (MemAvailable).", "memAvailable", false,
                    h -> h.memory().memAvailable()),
            gauge(Subject.HOST, "xray_host_buff_cache_bytes", "Page cache, buffers and reclaimable slab, as free(1) "
                    + "prints buff/cache: Buffers + Cached + SReclaimable.", "buffCache", false,
                    h -> h.memory().buffCache()),
            gauge(Subject.HOST, "xray_host_used_bytes", "Used as free(1) printed it: MemTotal - MemFree - buff/cache.",
                    "used", false, h -> h.memory().used()),
            gauge(Subject.HOST, "xray_host_real_cost_bytes", "Memory that cannot be given back without swap or a kill: "
                    + "AnonPages + Shmem + SUnreclaim + KernelStack + PageTables + SecPageTables + Percpu.", "realCost",
                    false, h -> h.memory().realCost()),
            gauge(Subject.HOST, "xray_host_anon_bytes", "Anonymous memory (AnonPages).", "anon", false,
                    h -> h.memory().anon()),
            gauge(Subject.HOST, "xray_host_shmem_bytes", "Shared memory: tmpfs, /dev/shm, shared anonymous mappings "
                    + "(Shmem).", "shmem", false, h -> h.memory().shmem()),
            gauge(Subject.HOST, "xray_host_swap_total_bytes", "Swap space (SwapTotal).", "swapTotal", false,
                    h -> h.memory().swapTotal()),
            gauge(Subject.HOST, "xray_host_swap_free_bytes", "Swap space unused (SwapFree).", "swapFree", false,
                    h -> h.memory().swapFree()),
            gauge(Subject.HOST, "xray_host_ksm_sharing_bytes", "What KSM saves: pages_sharing x 4096, when KSM runs.",
                    "ksmSharing", false, h -> h.sample().ksmSharing()),
            counter(Subject.HOST, "xray_host_pressure_some_seconds_total", "Time in which some tasks stalled on memory "
                    + "(/proc/pressure/memory some total).", "pressure.some.total", false,
                    h -> stall(h.sample().pressure(), false)),
            counter(Subject.HOST, "xray_host_pressure_full_seconds_total", "Time in which all non-idle tasks stalled on "
                    + "memory at once (/proc/pressure/memory full total).", "pressure.full.total", false,
                    h -> stall(h.sample().pressure(), true)));

    static final List<Def<Cgroup>> CGROUP = List.of(
            bytes("xray_cgroup_current_bytes", CgroupField.CURRENT, true, "What the kernel charges the cgroup and "
                    + "compares with its limit (memory.current; v1 memory.usage_in_bytes)."),
            bytes("xray_cgroup_peak_bytes", CgroupField.PEAK, false, "The highest charge since the cgroup was made "
                    + "(memory.peak, 5.19+; v1 memory.max_usage_in_bytes)."),
            bytes("xray_cgroup_real_cost_bytes", CgroupField.REAL_COST, true, "Memory that cannot be given back "
                    + "without swap or a kill: anon + shmem + (kernel - slab_reclaimable) + sock + pinned file."),
            bytes("xray_cgroup_cache_hot_bytes", CgroupField.HOT_CACHE, true, "Page cache used recently (active_file): "
                    + "reclaimable, but refaults would cost I/O."),
            bytes("xray_cgroup_cache_cold_bytes", CgroupField.COLD_CACHE, true, "Cache and reclaimable kernel objects "
                    + "kept because nothing else wants the RAM: current - real cost - hot cache."),
            bytes("xray_cgroup_working_set_bytes", CgroupField.WORKING_SET, true, "current - inactive_file: what "
                    + "cAdvisor, docker stats and the kubelet call the working set, for comparison."),
            bytes("xray_cgroup_anon_bytes", CgroupField.ANON, true, "Anonymous memory (memory.stat anon; v1 total_rss)."),
            bytes("xray_cgroup_file_bytes", CgroupField.FILE, true, "Page cache, shmem included (memory.stat file; v1 "
                    + "total_cache)."),
            bytes("xray_cgroup_file_inactive_bytes", CgroupField.INACTIVE_FILE, true, "Page cache not used recently "
                    + "(inactive_file)."),
            bytes("xray_cgroup_shmem_bytes", CgroupField.SHMEM, true, "Shared memory (tmpfs, /dev/shm, shared anonymous "
                    + "mappings): in file, but reclaimable only by swapping, so real cost."),
            bytes("xray_cgroup_kernel_bytes", CgroupField.KERNEL, true, "Kernel memory made for the cgroup (memory.stat "
                    + "kernel, or its parts; v1 memory.kmem.usage_in_bytes, else current - rss - cache)."),
            bytes("xray_cgroup_swap_bytes", CgroupField.SWAP, true, "Swap used (memory.swap.current; v1 total_swap)."),
            gauge(Subject.CGROUP, "xray_cgroup_limit_max_bytes", "The hard limit (memory.max; v1 "
                    + "memory.limit_in_bytes); no series when unlimited.", "max", false,
                    cg -> limit(cg.sample().max())),
            gauge(Subject.CGROUP, "xray_cgroup_limit_high_bytes", "The throttling limit (memory.high, v2); no series "
                    + "when unlimited.", "high", false, cg -> limit(cg.sample().high())),
            new Def<>(Subject.CGROUP, "xray_cgroup_refaults_total", true, "Pages read back in soon after they were "
                    + "evicted, by type (file: page cache; anon: from swap): evidence that evicted memory was needed "
                    + "(memory.stat workingset_refault_file, _anon).", "workingset_refault_*", true, "type",
                    cg -> {
                        List<Point> p = new ArrayList<>(2);
                        Long file = cg.sample().refaultsFile();
                        Long anon = cg.sample().stat(StatKey.WORKINGSET_REFAULT_ANON);
                        if (file != null) {
                            p.add(new Point(file, "type", "file"));
                        }
                        if (anon != null) {
                            p.add(new Point(anon, "type", "anon"));
                        }
                        return p;
                    }),
            counter(Subject.CGROUP, "xray_cgroup_oom_kills_total", "Processes the OOM killer killed in the cgroup "
                    + "(memory.events oom_kill; v1 memory.oom_control oom_kill).", "oomKills", true, Cgroup::oomKills),
            counter(Subject.CGROUP, "xray_cgroup_pressure_some_seconds_total", "Time in which some of the cgroup's "
                    + "tasks stalled on memory (memory.pressure some total).", "pressure.some.total", false,
                    cg -> stall(cg.pressure(), false)),
            counter(Subject.CGROUP, "xray_cgroup_pressure_full_seconds_total", "Time in which all of the cgroup's "
                    + "non-idle tasks stalled on memory at once (memory.pressure full total).", "pressure.full.total",
                    false, cg -> stall(cg.pressure(), true)));

    static final List<Def<JvmPerfCounters>> JVM = List.of(
            gauge(Subject.JVM, "xray_jvm_heap_used_bytes", "Heap in use, from hsperfdata (G1 updates it at each GC "
                    + "only).", "sun.gc.generation.*.space.*.used", false, JvmPerfCounters::heapUsed),
            gauge(Subject.JVM, "xray_jvm_heap_committed_bytes", "Heap committed by the JVM's generations.",
                    "sun.gc.generation.*.capacity", false, JvmPerfCounters::heapCommitted),
            gauge(Subject.JVM, "xray_jvm_heap_max_bytes", "The largest the heap may grow (-Xmx).",
                    "sun.gc.generation.*.maxCapacity", false, j -> j.sample().heapMax()),
            new Def<>(Subject.JVM, "xray_jvm_gc_collections_total", true, "Collections by collector since the JVM "
                    + "started.", "sun.gc.collector.*.invocations", false, "gc", j -> gcPoints(j, false)),
            new Def<>(Subject.JVM, "xray_jvm_gc_seconds_total", true, "Time in collections by collector since the JVM "
                    + "started.", "sun.gc.collector.*.time", false, "gc", j -> gcPoints(j, true)),
            gauge(Subject.JVM, "xray_jvm_threads", "Live Java threads.", "java.threads.live", false,
                    j -> j.sample().threadsLive()),
            gauge(Subject.JVM, "xray_jvm_threads_daemon", "Live daemon threads.", "java.threads.daemon", false,
                    j -> j.sample().threadsDaemon()),
            counter(Subject.JVM, "xray_jvm_classes_loaded_total", "Classes loaded since the JVM started (shared ones "
                    + "included).", "java.cls.loadedClasses + sharedLoadedClasses", false,
                    j -> j.sample().classesLoaded()),
            counter(Subject.JVM, "xray_jvm_classes_unloaded_total", "Classes unloaded since the JVM started.",
                    "java.cls.unloadedClasses + sharedUnloadedClasses", false, j -> j.sample().classesUnloaded()));

    private static List<Point> gcPoints(JvmPerfCounters j, boolean seconds) {
        List<Point> out = new ArrayList<>();
        for (JvmReport.Collector c : j.sample().collectors()) {
            if (seconds && c.timeMillis() != null) {
                out.add(new Point(c.timeMillis() / 1000.0, "gc", c.name()));
            } else if (!seconds) {
                out.add(new Point(c.count(), "gc", c.name()));
            }
        }
        return out;
    }

    /** The exporter's own figures for one scrape. */
    record Exporter(ScrapeSample scrape, int folded) {
    }

    static final List<Def<Exporter>> EXPORTER = List.of(
            new Def<>(Subject.EXPORTER, "xray_scrape_duration_seconds", false, "How long this scrape's collection took.",
                    "", false, null, e -> List.of(new Point(e.scrape().seconds()))),
            gauge(Subject.EXPORTER, "xray_scrape_partial", "1 when this scrape's figures are partial: its time ran out "
                    + "(serve --timeout), so some cgroups or processes were not read.", "", false,
                    e -> e.scrape().partial() ? 1L : 0L),
            gauge(Subject.EXPORTER, "xray_scrape_skipped_cgroups", "Cgroups found but not read before the scrape's "
                    + "time ran out.", "", false, e -> (long) e.scrape().skippedCgroups()),
            gauge(Subject.EXPORTER, "xray_scrape_skipped_processes", "Processes not looked at for JVM perf data before "
                    + "the scrape's time ran out.", "", false, e -> (long) e.scrape().skippedProcesses()),
            gauge(Subject.EXPORTER, "xray_cgroups_folded", "Cgroups summed into the series labelled cgroup=other "
                    + "(serve --max-cgroups).", "", false, e -> (long) e.folded()));

    /** Every metric, in the order of the reference. */
    public static final List<Def<?>> ALL = all();

    private static List<Def<?>> all() {
        List<Def<?>> all = new ArrayList<>();
        all.addAll(HOST);
        all.addAll(CGROUP);
        all.addAll(JVM);
        all.addAll(EXPORTER);
        return List.copyOf(all);
    }

    // ---------------------------------------------------------------- a scrape as snapshots

    /** The label a folded remainder carries; no cgroup path lacks its leading '/'. */
    public static final String OTHER = "other";

    /**
     * One scrape as the client's snapshots.
     *
     * @param host    the host's figures, or null when the host was not read
     * @param cgroups every cgroup read, with its figures (the parents of the kept ones among them)
     * @param fold    the cgroups exported, and those summed into "other"
     */
    public static MetricSnapshots of(ScrapeSample scrape, HostMemory host, List<Cgroup> cgroups, FoldedCgroups fold) {
        Map<String, Cgroup> byPath = new HashMap<>();
        for (Cgroup cg : cgroups) {
            byPath.put(cg.path(), cg);
        }
        List<MetricSnapshot> out = new ArrayList<>();
        List<Host> hosts = scrape.host() == null || host == null ? List.of() : List.of(new Host(scrape.host(), host));
        for (Def<Host> d : HOST) {
            out.add(snapshot(d, hosts, h -> Labels.EMPTY));
        }
        for (Def<Cgroup> d : CGROUP) {
            List<Series> series = series(d, fold.kept(), cg -> cgroupLabels(cg, byPath));
            if (d.additive() && fold.folded() > 0) {
                otherPoints(d, fold, series);
            }
            out.add(build(d, series));
        }
        for (Def<JvmPerfCounters> d : JVM) {
            out.add(snapshot(d, scrape.jvms(), j -> Labels.of("pid", String.valueOf(j.pid()),
                    "main_class", j.mainClass() == null ? "" : j.mainClass())));
        }
        Exporter e = new Exporter(scrape, fold.folded());
        for (Def<Exporter> d : EXPORTER) {
            out.add(snapshot(d, List.of(e), x -> Labels.EMPTY));
        }
        return new MetricSnapshots(out);
    }

    /** The sums of the folded cgroups, per extra label value, as cgroup="other". */
    private static void otherPoints(Def<Cgroup> d, FoldedCgroups fold, List<Series> series) {
        Map<String, double[]> sums = new java.util.LinkedHashMap<>();
        Map<String, Labels> labels = new HashMap<>();
        for (Cgroup cg : fold.foldedTops()) {
            for (Point p : d.points().apply(cg)) {
                String key = String.join("\u0000", p.labels());
                sums.computeIfAbsent(key, k -> new double[1])[0] += p.value();
                labels.computeIfAbsent(key, k -> Labels.of("cgroup", OTHER).merge(Labels.of(p.labels())));
            }
        }
        sums.forEach((k, v) -> series.add(new Series(labels.get(k), v[0])));
    }

    private record Series(Labels labels, double value) {
    }

    private static <T> List<Series> series(Def<T> d, List<T> subjects, Function<T, Labels> labels) {
        List<Series> out = new ArrayList<>();
        for (T t : subjects) {
            Labels base = labels.apply(t);
            for (Point p : d.points().apply(t)) {
                out.add(new Series(p.labels().length == 0 ? base : base.merge(Labels.of(p.labels())), p.value()));
            }
        }
        return out;
    }

    private static <T> MetricSnapshot snapshot(Def<T> d, List<T> subjects, Function<T, Labels> labels) {
        return build(d, series(d, subjects, labels));
    }

    /**
     * The family of one metric. hsperfdata is written by each JVM's user, so a file can say anything:
     * a second series with the same labels (two collectors of one name) is dropped, as is a counter
     * below zero; either would make the client refuse the whole scrape.
     */
    private static MetricSnapshot build(Def<?> d, List<Series> series) {
        java.util.Set<Labels> seen = new java.util.HashSet<>();
        if (d.counter()) {
            CounterSnapshot.Builder b = CounterSnapshot.builder()
                    .name(d.name().substring(0, d.name().length() - "_total".length())).help(d.help()).unit(d.unit());
            for (Series s : series) {
                if (s.value() >= 0 && seen.add(s.labels())) {
                    b.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().value(s.value()).labels(s.labels())
                            .build());
                }
            }
            return b.build();
        }
        GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(d.name()).help(d.help()).unit(d.unit());
        for (Series s : series) {
            if (seen.add(s.labels())) {
                b.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(s.value()).labels(s.labels()).build());
            }
        }
        return b.build();
    }

    /**
     * cgroup="/path"; service="foo.service" for a systemd service, container="1c8fa019edd4" for a
     * container, pod="uid" for a pod and for the containers under one.
     */
    static Labels cgroupLabels(Cgroup cg, Map<String, Cgroup> byPath) {
        List<String> l = new ArrayList<>(List.of("cgroup", cg.path()));
        if (cg.parent() == null) {
            return Labels.of(l.toArray(new String[0])); // the top: the host's root, or a container's own
        }
        switch (cg.kind()) {
            case "service" -> l.addAll(List.of("service", cg.name()));
            case "container" -> l.addAll(List.of("container", afterSpace(cg.name())));
            case "pod" -> l.addAll(List.of("pod", afterSpace(cg.name())));
            default -> { }
        }
        if (cg.kind().equals("container")) {
            for (Cgroup a = byPath.get(cg.parent()); a != null; a = a.parent() == null ? null : byPath.get(a.parent())) {
                if (a.kind().equals("pod")) {
                    l.addAll(List.of("pod", afterSpace(a.name())));
                    break;
                }
            }
        }
        return Labels.of(l.toArray(new String[0]));
    }

    private static String afterSpace(String name) {
        return name.substring(name.indexOf(' ') + 1);
    }

    // ---------------------------------------------------------------- the reference

    /** The metrics reference of the README, as a Markdown table. */
    public static String reference() {
        StringBuilder b = new StringBuilder("| metric | type | labels | reads | meaning |\n|---|---|---|---|---|\n");
        for (Def<?> d : ALL) {
            String labels = d.subject().labels;
            if (d.extra() != null) {
                labels = labels.isEmpty() ? d.extra() : labels + "; " + d.extra();
            }
            b.append("| `").append(d.name()).append("` | ").append(d.counter() ? "counter" : "gauge").append(" | ")
                    .append(labels).append(" | ").append(d.source().isEmpty() ? "" : "`" + d.source() + "`")
                    .append(" | ").append(d.help().replace("|", "\\|")).append(d.subject() == Subject.CGROUP
                            && !d.additive() ? " Not summed into `other`." : "").append(" |\n");
        }
        return b.toString();
    }
}
