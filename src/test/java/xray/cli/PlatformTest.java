package xray.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xray.testing.Cli;
import xray.testing.HostFixtures;
import xray.testing.Tree;

/** xray run inside a container's cgroup namespace. */
class PlatformTest {
    @TempDir
    Path dir;

    @Test
    void insideACgroupNamespaceTheContainerIsTheRoot() throws Exception {
        // What a container with its own cgroup namespace sees: cgroup2 at /sys/fs/cgroup, root "/",
        // and a memory.current at the top, which the real root of a host never has.
        Tree t = Tree.onDisk(dir).file("/proc/meminfo", HostFixtures.meminfo())
                .file("/proc/self/mountinfo",
                        "1200 1100 0:26 / /sys/fs/cgroup ro,nosuid,nodev,noexec,relatime - cgroup2 cgroup rw,nsdelegate\n")
                .file("/proc/self/cgroup", "0::/\n")
                .file("/sys/fs/cgroup/cgroup.controllers", "cpu io memory pids\n")
                .file("/sys/fs/cgroup/cgroup.procs", "1\n7\n")
                .file("/sys/fs/cgroup/memory.current", "73400320\n")
                .file("/sys/fs/cgroup/memory.max", "536870912\n")
                .file("/sys/fs/cgroup/memory.stat", "anon 52428800\nfile 20971520\nshmem 0\nactive_file 4194304\n"
                        + "inactive_file 16777216\nkernel 1048576\nslab_reclaimable 262144\nsock 0\n");
        Cli r = Cli.run("mem", "--root", dir.toString(), "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertTrue(doc.get("host").get("inContainer").asBoolean());
        JsonNode top = doc.get("cgroups").get(0);
        assertEquals("/ (this container)", top.get("name").asText());
        assertEquals("container", top.get("kind").asText());
        assertEquals(73400320L, top.get("current").asLong(), "its own memory.current, not the host's");
        assertEquals(536870912L, top.get("max").asLong());
        assertEquals(52428800L + 1048576L - 262144L, top.get("realCost").asLong());
        Cli table = Cli.run("mem", "--root", dir.toString());
        assertTrue(table.out().contains("Inside a container: its own cgroup is shown as the root."), table.out());
        assertTrue(table.out().contains("/ (this container)"), table.out());
    }
}
