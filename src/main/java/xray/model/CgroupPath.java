package xray.model;

/** Cgroup paths as the kernel names them: "/" is the top, "/system.slice/foo.service" a child of "/system.slice". */
public final class CgroupPath {
    private CgroupPath() {
    }

    /** The parent's path ("/" for a child of the top); the top's own parent is given as "/" too. */
    public static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    /** The last part: "foo.service" for "/system.slice/foo.service", "" for "/". */
    public static String base(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** 0 for "/", 1 for "/a", 2 for "/a/b". */
    public static int depth(String path) {
        if (path.equals("/")) {
            return 0;
        }
        int d = 0;
        for (int i = 0; i < path.length(); i++) {
            if (path.charAt(i) == '/') {
                d++;
            }
        }
        return d;
    }

    /** True when {@code path} is {@code top} or below it. */
    public static boolean under(String path, String top) {
        if (path == null) {
            return false;
        }
        return top.equals("/") || path.equals(top) || path.startsWith(top + "/");
    }

    /**
     * {@code path} as seen from {@code base}: "." for the base itself, the rest below it, or the whole
     * path when it is not below it (or there is no base).
     */
    public static String relative(String base, String path) {
        if (base == null) {
            return path;
        }
        if (path.equals(base)) {
            return ".";
        }
        String prefix = base.equals("/") ? "/" : base + "/";
        return path.startsWith(prefix) ? path.substring(prefix.length()) : path;
    }
}
