package xray.analysis;

import xray.model.CgroupPath;

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

    /** A cgroup by its path, with its name and kind. */
    public record Named(String path, String name, String kind) {
    }

    private static final String[] SCOPE_RUNTIMES = {"docker", "cri-containerd", "crio", "libpod"};

    public static Name of(String path) {
        if (path.equals("/") || path.isEmpty()) {
            return new Name("/", "root");
        }
        String base = CgroupPath.base(path);
        String parentBase = parentBase(path);
        // Plain string tests, no regular expressions: this runs for every cgroup and process.
        // docker-<id>.scope, cri-containerd-<id>.scope, crio-<id>.scope, libpod-<id>.scope (id: 12+ hex)
        if (base.endsWith(".scope")) {
            for (String runtime : SCOPE_RUNTIMES) {
                int from = runtime.length() + 1;
                int to = base.length() - ".scope".length();
                if (base.startsWith(runtime) && base.length() > from && base.charAt(runtime.length()) == '-'
                        && to - from >= 12 && all(base, from, to, HEX)) {
                    return new Name(runtime(runtime) + " " + base.substring(from, from + 12), "container");
                }
            }
        }
        if (base.startsWith("crio-conmon-") || base.startsWith("libpod-conmon-")) {
            return new Name(base, "scope");
        }
        String podSlice = k8sPodSlice(base);
        if (podSlice != null) {
            return new Name("pod " + podSlice.replace('_', '-'), "pod");
        }
        // pod<uid> (cgroupfs driver): 8 hex, then 20 or more of hex, '_' and '-'
        if (base.startsWith("pod") && base.length() >= 3 + 28 && all(base, 3, 11, HEX)
                && all(base, 11, base.length(), UID)) {
            return new Name("pod " + base.substring(3), "pod");
        }
        if (base.length() == 64 && all(base, 0, 64, HEX)) {
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

    /**
     * The pod uid of a systemd pod slice, {@code kubepods[-<qos>]-pod<uid>.slice} (qos in a-z, uid
     * of hex, '_' and '-'), or null.
     */
    private static String k8sPodSlice(String base) {
        if (!base.startsWith("kubepods") || !base.endsWith(".slice")) {
            return null;
        }
        int end = base.length() - ".slice".length();
        int at = "kubepods".length();
        // without the qos part: kubepods-pod<uid>.slice
        if (base.startsWith("-pod", at) && end > at + 4 && all(base, at + 4, end, UID)) {
            return base.substring(at + 4, end);
        }
        // with it: kubepods-burstable-pod<uid>.slice
        if (at < end && base.charAt(at) == '-') {
            int letters = at + 1;
            while (letters < end && base.charAt(letters) >= 'a' && base.charAt(letters) <= 'z') {
                letters++;
            }
            if (letters > at + 1 && base.startsWith("-pod", letters) && end > letters + 4
                    && all(base, letters + 4, end, UID)) {
                return base.substring(letters + 4, end);
            }
        }
        return null;
    }

    private static final String HEX = "0123456789abcdef";
    private static final String UID = "0123456789abcdef_-";

    /** Whether every character of s[from, to) is one of {@code allowed}. */
    private static boolean all(String s, int from, int to, String allowed) {
        if (from > to || to > s.length()) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (allowed.indexOf(s.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
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
