package xray.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import xray.analysis.LiveRates;
import xray.collect.JvmWatch;
import xray.collect.TopSampler;
import xray.model.Cgroup;
import xray.model.CgroupLayout;
import xray.model.CgroupPath;
import xray.model.CgroupProcess;
import xray.model.CgroupSample;
import xray.model.JvmPerf;
import xray.model.TopFrame;
import xray.model.TopJvm;
import xray.model.TopProcess;
import xray.render.TopSource;

/** xray top's frames: the readings (collect) turned into rates (analysis), for the screen or batch mode. */
final class TopFrames implements TopSource {
    static final String SNAPSHOT = "a snapshot (--root): one reading, so no rates; they need two readings of a live host";

    private final TopSampler sampler;
    private final boolean live;
    private LiveRates.State state = LiveRates.State.START;
    private TopFrame snapshot;
    private JvmWatch jvmWatch;
    private Map<Integer, JvmPerf> jvmsBefore = Map.of();

    TopFrames(TopSampler sampler) {
        this.sampler = sampler;
        this.live = sampler.isLive();
    }

    @Override
    public TopFrame frame() {
        if (!live) {
            if (snapshot == null) {
                snapshot = LiveRates.snapshot(sampler.sample(), SNAPSHOT);
            }
            return snapshot;
        }
        LiveRates.Step step = LiveRates.step(state, sampler.sample());
        state = step.next();
        return step.frame();
    }

    @Override
    public boolean live() {
        return live;
    }

    @Override
    public CgroupLayout layout() {
        return sampler.layout();
    }

    @Override
    public List<TopProcess> processes(TopFrame frame, String cgroup) {
        List<CgroupSample> subtree = new ArrayList<>();
        for (Cgroup cg : frame.report().cgroups()) {
            if (cgroup == null || CgroupPath.under(cg.path(), cgroup)) {
                subtree.add(cg.sample());
            }
        }
        List<CgroupProcess> read = cgroup == null ? sampler.allProcesses(subtree) : sampler.processes(subtree);
        List<TopProcess> out = new ArrayList<>(read.size());
        for (CgroupProcess p : read) {
            out.add(LiveRates.process(p.cgroup(), p.status()));
        }
        return out;
    }

    @Override
    public List<TopJvm> jvms() {
        if (jvmWatch == null) {
            jvmWatch = new JvmWatch(sampler.fs(), sampler.warnings());
        }
        List<JvmPerf> now = jvmWatch.read();
        Map<Integer, JvmPerf> next = new HashMap<>();
        List<TopJvm> out = new ArrayList<>(now.size());
        for (JvmPerf p : now) {
            out.add(new TopJvm(p, LiveRates.gcPercent(jvmsBefore.get(p.pid()), p)));
            next.put(p.pid(), p);
        }
        jvmsBefore = next;
        return out;
    }

    @Override
    public List<String> warnings() {
        return sampler.warnings().lines();
    }
}
