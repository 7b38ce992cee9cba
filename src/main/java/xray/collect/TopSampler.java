package xray.collect;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import xray.kernel.Keyed;
import xray.kernel.KernelFs;
import xray.kernel.KeyedValues;
import xray.kernel.TaskCpu;
import xray.model.CgroupLayout;
import xray.model.CgroupProcess;
import xray.model.CgroupSample;
import xray.model.HostIdentity;
import xray.model.HostSample;
import xray.model.ProcStatus;
import xray.model.TopSample;

/**
 * The readings of {@code xray top}, one per frame, made cheap to repeat: the cgroup layout and the
 * host's identity are read once; a cgroup directory is listed again only when it changed, and a
 * file is parsed again only when its text did (see {@link CgroupCollector}). Not thread-safe: one
 * frame at a time.
 */
public final class TopSampler {
    /** The /proc/vmstat counters used: refaults (one counter before 5.9, then file and anon). */
    private static final Keyed.Keys VMSTAT = new Keyed.Keys(Set.of("workingset_refault_file",
            "workingset_refault_anon", "workingset_refault"));

    private final KernelFs fs;
    private final Warnings warnings;
    private final CgroupLayout layout;
    private final CgroupCollector cgroups;
    private final Reader reader;
    private final Reader own;
    private final ProcessCollector processes;
    private final Integer self;
    private HostIdentity identity;

    public TopSampler(KernelFs fs, Warnings warnings) {
        this.fs = fs;
        this.warnings = warnings;
        this.layout = MemCollector.layout(fs, warnings);
        this.cgroups = new CgroupCollector(fs, layout, warnings, false, true);
        this.reader = new Reader(fs, warnings); // /proc/vmstat changes every frame: nothing to keep
        this.own = new Reader(KernelFs.live(), warnings);
        this.processes = new ProcessCollector(fs, warnings);
        this.self = ProcessCollector.self(fs);
    }

    public CgroupLayout layout() {
        return layout;
    }

    /** True on the running host; false for a snapshot (--root), which one reading says all about. */
    public boolean isLive() {
        return fs.isLive();
    }

    public KernelFs fs() {
        return fs;
    }

    public Warnings warnings() {
        return warnings;
    }

    /** One reading: the host, /proc/vmstat, every cgroup, and xray's own CPU and memory. */
    public TopSample sample() {
        HostSample host = HostCollector.collect(fs, warnings, identity);
        identity = host.identity();
        KeyedValues vm = reader.read(fs.path("/proc/vmstat"), text -> Keyed.parse(text, VMSTAT));
        List<CgroupSample> all = cgroups.scan(HostCollector.memoryAndSwap(host.meminfo()));
        return new TopSample(System.nanoTime(), System.currentTimeMillis(), host,
                vm == null ? Map.of() : vm.values(), layout, all, cgroups.inodes(), ownUsage());
    }

    /** xray's own CPU time and RSS, from the live /proc whatever --root says: it is this process's. */
    private TopSample.OwnUsage ownUsage() {
        KernelFs live = KernelFs.live();
        Long cpu = own.read(live.path("/proc/self/stat"), TaskCpu::parseStat);
        ProcStatus st = own.read(live.path("/proc/self/status"), t -> xray.kernel.StatusFile.parse(0, t));
        return new TopSample.OwnUsage(cpu, st == null ? null : st.vmRss());
    }

    /**
     * The processes of {@code cgroups} (each listed in its own cgroup.procs), xray itself left out;
     * those that exit meanwhile are skipped.
     */
    public List<CgroupProcess> processes(Collection<CgroupSample> cgroups) {
        List<CgroupProcess> out = new ArrayList<>();
        for (CgroupSample cg : cgroups) {
            if (cg.procs() == null) {
                continue;
            }
            for (int pid : cg.procs()) {
                ProcStatus s = Integer.valueOf(pid).equals(self) ? null : processes.status(pid);
                if (s != null && !s.isKernelThread()) {
                    out.add(new CgroupProcess(cg.path(), s));
                }
            }
        }
        return out;
    }

    /** Every process of the host: those of every cgroup, or of /proc when there are no memory cgroups. */
    public List<CgroupProcess> allProcesses(List<CgroupSample> cgroups) {
        if (!cgroups.isEmpty()) {
            return processes(cgroups);
        }
        List<CgroupProcess> out = new ArrayList<>();
        for (int pid : ProcessCollector.pids(fs)) {
            ProcStatus s = Integer.valueOf(pid).equals(self) ? null : processes.status(pid);
            if (s != null && !s.isKernelThread()) {
                out.add(new CgroupProcess(null, s));
            }
        }
        return out;
    }
}
