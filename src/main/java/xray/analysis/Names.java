package xray.analysis;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names people recognise for cgroup paths (MEMORY-MODEL "Names"): systemd units as they
 * are, containers by runtime and 12-character id, pods by uid.
 */
public final class Names {
    private Names() {
    }

    /** A display name and a kind for one cgroup. */
    public record Name(String name, String kind) {
    }

    private static final Pattern SCOPE_CONTAINER =
            Pattern.compile("(docker|cri-containerd|crio|libpod)-([0-9a-f]{12,})\\.scope");
    private static final Pattern K8S_POD_SLICE =
            Pattern.compile("kubepods(?:-[a-z]+)?-pod([0-9a-f_\\-]+)\\.slice");
    private static final Pattern CGROUPFS_POD = Pattern.compile("pod([0-9a-f]{8}[0-9a-f_\\-]{20,})");
    private static final Pattern HEX_ID = Pattern.compile("[0-9a-f]{64}");

    public static Name of(String path) {
        if (path.equals("/") || path.isEmpty()) {
            return new Name("/", "root");
        }
        String base = path.substring(path.lastIndexOf('/') + 1);
        String parentBase = parentBase(path);
        Matcher m = SCOPE_CONTAINER.matcher(base);
        if (m.matches()) {
            return new Name(runtime(m.group(1)) + " " + m.group(2).substring(0, 12), "container");
        }
        if (base.startsWith("crio-conmon-") || base.startsWith("libpod-conmon-")) {
            return new Name(base, "scope");
        }
        m = K8S_POD_SLICE.matcher(base);
        if (m.matches()) {
            return new Name("pod " + m.group(1).replace('_', '-'), "pod");
        }
        m = CGROUPFS_POD.matcher(base);
        if (m.matches()) {
            return new Name("pod " + m.group(1), "pod");
        }
        if (HEX_ID.matcher(base).matches()) {
            // /docker/<id> (cgroupfs driver), /kubepods/burstable/pod<uid>/<id>
            String runtime = parentBase.equals("docker") ? "docker" : "container";
            return new Name(runtime + " " + base.substring(0, 12), "container");
        }
        if (base.endsWith(".service")) {
            return new Name(base, "service");
        }
        if (base.endsWith(".scope")) {
            return new Name(base, base.startsWith("session-") ? "session" : "scope");
        }
        if (base.endsWith(".slice")) {
            return new Name(base, base.startsWith("user-") ? "user" : "slice");
        }
        return new Name(base, "cgroup");
    }

    private static String parentBase(String path) {
        int end = path.lastIndexOf('/');
        if (end <= 0) {
            return "";
        }
        return path.substring(path.lastIndexOf('/', end - 1) + 1, end);
    }

    private static String runtime(String prefix) {
        return switch (prefix) {
            case "cri-containerd" -> "containerd";
            case "crio" -> "cri-o";
            case "libpod" -> "podman";
            default -> prefix;
        };
    }
}
