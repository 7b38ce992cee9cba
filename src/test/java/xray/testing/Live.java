package xray.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Gate for tests that need root, the live kernel or real JVMs. Where such a test cannot run it
 * says so loudly on stderr; under CI ({@code CI=true}) it fails instead of skipping, so a green
 * CI run always means the live tests ran. {@code -Dxray.live=false} skips them on purpose.
 */
public final class Live {
    private Live() {
    }

    /** The writable cgroup v1 memory hierarchy, or a loud skip/failure. */
    public static Path cgroupV1Memory() {
        requireRoot("creates cgroups");
        Path mem = Path.of("/sys/fs/cgroup/memory");
        require(Files.isWritable(mem) && Files.exists(mem.resolve("memory.usage_in_bytes")),
                "needs the cgroup v1 memory controller writable at " + mem);
        return mem;
    }

    public static void requireRoot(String why) {
        require(isRoot(), "needs root (" + why + ")");
    }

    /** Whether a program of this name is on the PATH (for a {@link #require} of a tool a test runs). */
    public static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    public static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** Skips loudly, or fails under CI, unless {@code condition} holds. */
    public static void require(boolean condition, String what) {
        if ("false".equals(System.getProperty("xray.live"))) {
            loud("-Dxray.live=false");
            Assumptions.abort("live tests turned off with -Dxray.live=false");
        }
        if (condition) {
            return;
        }
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail("LIVE TEST CANNOT RUN IN CI: " + what);
        }
        loud(what);
        Assumptions.abort("LIVE TEST SKIPPED: " + what);
    }

    private static void loud(String what) {
        System.err.println("*** LIVE TEST SKIPPED: " + what + " (" + caller() + ")");
    }

    private static String caller() {
        for (StackTraceElement e : new Throwable().getStackTrace()) {
            if (!e.getClassName().equals(Live.class.getName())) {
                return e.getClassName() + "." + e.getMethodName();
            }
        }
        return "?";
    }
}
