package xray.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class NamesTest {
    static final String ID = "1c8fa019edd4a1c8fa019edd4a1c8fa019edd4a1c8fa019edd4a1c8fa019edd4";

    @Test
    void namesPeopleRecognise() {
        assertEquals(new Names.Name("/", "root"), Names.of("/"));
        assertEquals(new Names.Name("docker 1c8fa019edd4", "container"), Names.of("/system.slice/docker-" + ID + ".scope"));
        assertEquals(new Names.Name("containerd 1c8fa019edd4", "container"),
                Names.of("/kubepods.slice/cri-containerd-" + ID + ".scope"));
        assertEquals(new Names.Name("cri-o 1c8fa019edd4", "container"), Names.of("/x/crio-" + ID + ".scope"));
        assertEquals(new Names.Name("podman 1c8fa019edd4", "container"), Names.of("/x/libpod-" + ID + ".scope"));
        assertEquals(new Names.Name("crio-conmon-" + ID + ".scope", "scope"), Names.of("/x/crio-conmon-" + ID + ".scope"));
        assertEquals(new Names.Name("pod 0c9b7f3e-1a2b-4c5d-8e9f-0a1b2c3d4e5f", "pod"),
                Names.of("/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod0c9b7f3e_1a2b_4c5d_8e9f_0a1b2c3d4e5f.slice"));
        assertEquals(new Names.Name("pod 0c9b7f3e-1a2b", "pod"), Names.of("/kubepods.slice/kubepods-pod0c9b7f3e_1a2b.slice"));
        assertEquals(new Names.Name("pod 0c9b7f3e-1a2b-4c5d-8e9f-0a1b2c3d4e5f", "pod"),
                Names.of("/kubepods/burstable/pod0c9b7f3e-1a2b-4c5d-8e9f-0a1b2c3d4e5f"));
        assertEquals(new Names.Name("docker 1c8fa019edd4", "container"), Names.of("/docker/" + ID));
        assertEquals(new Names.Name("container 1c8fa019edd4", "container"), Names.of("/kubepods/burstable/podx/" + ID));
        assertEquals(new Names.Name("foo.service", "service"), Names.of("/system.slice/foo.service"));
        assertEquals(new Names.Name("session-3.scope", "session"), Names.of("/user.slice/session-3.scope"));
        assertEquals(new Names.Name("user-1000.slice", "user"), Names.of("/user.slice/user-1000.slice"));
        assertEquals(new Names.Name("process_api", "cgroup"), Names.of("/process_api"));
    }

    /** Kubernetes: the QoS slices are slices, a pod's slice or cgroupfs directory is the pod, its containers by runtime. */
    @Test
    void kubepods() {
        String uid = "0c9b7f3e_1a2b_4c5d_8e9f_0a1b2c3d4e5f";
        String pods = "/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod" + uid + ".slice";
        assertEquals(new Names.Name("kubepods.slice", "slice"), Names.of("/kubepods.slice"));
        assertEquals(new Names.Name("kubepods-besteffort.slice", "slice"), Names.of("/kubepods.slice/kubepods-besteffort.slice"));
        assertEquals(new Names.Name("pod 0c9b7f3e-1a2b-4c5d-8e9f-0a1b2c3d4e5f", "pod"), Names.of(pods));
        assertEquals(new Names.Name("pod 0c9b7f3e-1a2b-4c5d-8e9f-0a1b2c3d4e5f", "pod"),
                Names.of("/kubepods.slice/kubepods-pod" + uid + ".slice"), "a guaranteed pod: no QoS class");
        assertEquals(new Names.Name("kubepods-Burstable-pod" + uid + ".slice", "slice"),
                Names.of("/kubepods.slice/kubepods-Burstable-pod" + uid + ".slice"), "QoS classes are lower case");
        assertEquals(new Names.Name("kubepods-besteffort-pod.slice", "slice"),
                Names.of("/kubepods.slice/kubepods-besteffort-pod.slice"), "no uid: no pod");
        assertEquals(new Names.Name("containerd 1c8fa019edd4", "container"), Names.of(pods + "/cri-containerd-" + ID + ".scope"));
        assertEquals(new Names.Name("cri-o 1c8fa019edd4", "container"), Names.of(pods + "/crio-" + ID + ".scope"));
        // cgroupfs driver: /kubepods/<qos>/pod<uid>/<container id>
        assertEquals(new Names.Name("burstable", "cgroup"), Names.of("/kubepods/burstable"));
        assertEquals(new Names.Name("pod 0c9b7f3e-1a2b-4c5d-8e9f-0a1b2c3d4e5f", "pod"),
                Names.of("/kubepods/besteffort/pod0c9b7f3e-1a2b-4c5d-8e9f-0a1b2c3d4e5f"));
        assertEquals(new Names.Name("container 1c8fa019edd4", "container"),
                Names.of("/kubepods/besteffort/pod0c9b7f3e-1a2b-4c5d-8e9f-0a1b2c3d4e5f/" + ID));
        assertEquals(new Names.Name("podcast", "cgroup"), Names.of("/podcast"), "pod + a word is no pod");
    }

    /** CRI-O, Podman and containerd scopes: the container by runtime and 12-character id; conmon, the monitor, as itself. */
    @Test
    void crioLibpodContainerdAndConmon() {
        assertEquals(new Names.Name("cri-o 1c8fa019edd4", "container"), Names.of("/machine.slice/crio-" + ID + ".scope"));
        assertEquals(new Names.Name("crio-conmon-" + ID + ".scope", "scope"),
                Names.of("/machine.slice/crio-conmon-" + ID + ".scope"));
        assertEquals(new Names.Name("podman 1c8fa019edd4", "container"), Names.of("/machine.slice/libpod-" + ID + ".scope"));
        assertEquals(new Names.Name("libpod-conmon-" + ID + ".scope", "scope"),
                Names.of("/machine.slice/libpod-conmon-" + ID + ".scope"));
        assertEquals(new Names.Name("libpod-payload-" + ID, "cgroup"),
                Names.of("/machine.slice/libpod-" + ID + ".scope/libpod-payload-" + ID),
                "podman's inner payload cgroup keeps its own name");
        assertEquals(new Names.Name("containerd 1c8fa019edd4", "container"),
                Names.of("/system.slice/cri-containerd-" + ID + ".scope"));
        assertEquals(new Names.Name("containerd.service", "service"), Names.of("/system.slice/containerd.service"));
        // An id must be 12 or more lower-case hex digits; anything else is an ordinary scope.
        assertEquals(new Names.Name("crio-1c8fa019edd.scope", "scope"), Names.of("/x/crio-1c8fa019edd.scope"), "11 digits");
        assertEquals(new Names.Name("cri-o 1c8fa019edd4", "container"), Names.of("/x/crio-1c8fa019edd4.scope"), "12 digits");
        assertEquals(new Names.Name("crio-1C8FA019EDD4.scope", "scope"), Names.of("/x/crio-1C8FA019EDD4.scope"), "upper case");
        assertEquals(new Names.Name("crio-" + ID + "x.scope", "scope"), Names.of("/x/crio-" + ID + "x.scope"), "not hex");
        assertEquals(new Names.Name("crio" + ID + ".scope", "scope"), Names.of("/x/crio" + ID + ".scope"), "no dash");
        assertEquals(new Names.Name("docker", "cgroup"), Names.of("/docker"));
        assertEquals(new Names.Name(ID.substring(0, 63), "cgroup"), Names.of("/docker/" + ID.substring(0, 63)), "63 digits");
    }

    /** The same answers as the regular expressions that described these names before. */
    @Test
    void agreesWithTheRegularExpressions() {
        List<String> pieces = List.of("docker", "cri-containerd", "crio", "libpod", "kubepods", "pod", "-", "_", ".scope",
                ".slice", ".service", "burstable", "-pod", "conmon-", "0c9b7f3e", "1a2b", "abcdef012345", ID, "g", "x",
                "session-", "user-", "", "P");
        Random rnd = new Random(15);
        for (int i = 0; i < 200_000; i++) {
            StringBuilder b = new StringBuilder();
            for (int n = rnd.nextInt(6) + 1; n > 0; n--) {
                b.append(pieces.get(rnd.nextInt(pieces.size())));
            }
            String path = "/a/" + (rnd.nextBoolean() ? "docker/" : "b/") + b;
            assertEquals(oracle(path), Names.of(path), path);
        }
    }

    private static final Pattern SCOPE_CONTAINER =
            Pattern.compile("(docker|cri-containerd|crio|libpod)-([0-9a-f]{12,})\\.scope");
    private static final Pattern K8S_POD_SLICE = Pattern.compile("kubepods(?:-[a-z]+)?-pod([0-9a-f_\\-]+)\\.slice");
    private static final Pattern CGROUPFS_POD = Pattern.compile("pod([0-9a-f]{8}[0-9a-f_\\-]{20,})");
    private static final Pattern HEX_ID = Pattern.compile("[0-9a-f]{64}");

    static Names.Name oracle(String path) {
        String base = path.substring(path.lastIndexOf('/') + 1);
        int end = path.lastIndexOf('/');
        String parentBase = path.substring(path.lastIndexOf('/', end - 1) + 1, end);
        Matcher m = SCOPE_CONTAINER.matcher(base);
        if (m.matches()) {
            String runtime = switch (m.group(1)) {
                case "cri-containerd" -> "containerd";
                case "crio" -> "cri-o";
                case "libpod" -> "podman";
                default -> m.group(1);
            };
            return new Names.Name(runtime + " " + m.group(2).substring(0, 12), "container");
        }
        if (base.startsWith("crio-conmon-") || base.startsWith("libpod-conmon-")) {
            return new Names.Name(base, "scope");
        }
        m = K8S_POD_SLICE.matcher(base);
        if (m.matches()) {
            return new Names.Name("pod " + m.group(1).replace('_', '-'), "pod");
        }
        m = CGROUPFS_POD.matcher(base);
        if (m.matches()) {
            return new Names.Name("pod " + m.group(1), "pod");
        }
        if (HEX_ID.matcher(base).matches()) {
            return new Names.Name((parentBase.equals("docker") ? "docker" : "container") + " " + base.substring(0, 12),
                    "container");
        }
        if (base.endsWith(".service")) {
            return new Names.Name(base, "service");
        }
        if (base.endsWith(".scope")) {
            return new Names.Name(base, base.startsWith("session-") ? "session" : "scope");
        }
        if (base.endsWith(".slice")) {
            return new Names.Name(base, base.startsWith("user-") ? "user" : "slice");
        }
        return new Names.Name(base, "cgroup");
    }
}
