package xray.render;

import java.util.List;
import xray.model.CgroupLayout;
import xray.model.TopFrame;
import xray.model.TopJvm;
import xray.model.TopProcess;

/** Where {@code xray top}'s screen gets what it shows (the command wires the readers and the rates in). */
public interface TopSource {
    /** A new frame: a new reading of a live host; the one frame of a snapshot. */
    TopFrame frame();

    /** False for a snapshot (--root): one frame, no refresh. */
    boolean live();

    CgroupLayout layout();

    /** The processes of {@code cgroup} and the cgroups below it in {@code frame}, or of the host when null. */
    List<TopProcess> processes(TopFrame frame, String cgroup);

    /** The JVMs, read from their perf data, with their share of time in GC since the last call. */
    List<TopJvm> jvms();

    /** What could not be read so far, one line each. */
    List<String> warnings();
}
