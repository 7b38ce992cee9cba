package xray.model;

/** A process listed under a cgroup: the cgroup it is a direct member of, and its status. */
public record CgroupProcess(String cgroup, ProcStatus status) {
}
