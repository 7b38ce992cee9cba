package xray.collect;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import xray.kernel.ColonFields;
import xray.kernel.FileProblem;
import xray.kernel.KernelFs;
import xray.kernel.KeyedValues;
import xray.kernel.PsiFormat;
import xray.kernel.SingleValue;
import xray.model.Bytes;
import xray.model.HostIdentity;
import xray.model.HostSample;
import xray.model.Pressure;
import xray.model.PressureMissing;

/** Reads the host: /proc/meminfo, /proc/pressure/memory, identity, MGLRU and KSM. */
public final class HostCollector {
    /** The page size for KSM figures; every Linux architecture xray runs on uses 4 KiB base pages. */
    static final long PAGE_SIZE = 4096;

    private HostCollector() {
    }

    /** Thrown when nothing useful can be shown: /proc/meminfo is missing or unreadable. */
    public static final class Unreadable extends RuntimeException {
        public Unreadable(String message) {
            super(message, null, false, false);
        }
    }

    /** True on the live host of a system that is not Linux: no /proc to read. */
    static boolean notLinux(KernelFs fs) {
        return fs.isLive() && !System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux");
    }

    public static HostSample collect(KernelFs fs, Warnings warnings) {
        return collect(fs, warnings, null);
    }

    /** The same; with {@code known} (xray top, from a reading before) the identity files are not read again. */
    public static HostSample collect(KernelFs fs, Warnings warnings, HostIdentity known) {
        Reader r = new Reader(fs, warnings);
        Path meminfoPath = fs.path("/proc/meminfo");
        KeyedValues mi;
        try {
            Optional<String> text = fs.read(meminfoPath);
            if (text.isEmpty()) {
                throw new Unreadable(meminfoPath + ": no such file; is " + fs + " a Linux root?");
            }
            mi = ColonFields.parseNumbers(text.get());
        } catch (FileProblem p) {
            throw new Unreadable(p.file() + ": " + p.problem());
        }
        for (String p : mi.problems()) {
            warnings.add(meminfoPath + ": " + p);
        }
        if (mi.get("MemTotal") == null || mi.get("MemTotal") <= 0) {
            throw new Unreadable(meminfoPath + ": no MemTotal line");
        }
        mi = possible(mi, meminfoPath, warnings);

        Pressure pressure = null;
        PressureMissing missing = null;
        Path psi = fs.path("/proc/pressure/memory");
        try {
            Optional<String> text = fs.read(psi);
            if (text.isEmpty()) {
                missing = PressureMissing.of(PressureMissing.Reason.NO_FILE);
            } else {
                pressure = PsiFormat.parse(text.get());
            }
        } catch (FileProblem p) {
            missing = switch (p.kind()) {
                case NOT_SUPPORTED -> PressureMissing.of(PressureMissing.Reason.DISABLED);
                case NOT_PERMITTED -> PressureMissing.of(PressureMissing.Reason.DENIED);
                default -> new PressureMissing(PressureMissing.Reason.UNREADABLE, p.problem());
            };
            warnings.add(p);
        } catch (xray.kernel.Malformed m) {
            warnings.add(psi + ": " + m.getMessage());
            missing = PressureMissing.of(PressureMissing.Reason.MALFORMED);
        }

        String lru = r.read(fs.path("/sys/kernel/mm/lru_gen/enabled"), String::strip);
        Boolean mglru = lru == null ? null : !lru.isEmpty() && !lru.equals("0x0000") && !lru.equals("0");
        return new HostSample(known != null ? known : identity(fs, r), mi.values(), pressure, missing, mglru,
                ksm(fs, r, warnings));
    }

    /**
     * MemTotal + SwapTotal of a host: no count of one of its cgroups can be more (the bound the
     * cgroup reader checks what it reads against); null when unknown or past 2^63.
     */
    static Long memoryAndSwap(java.util.Map<String, Long> meminfo) {
        Long total = meminfo.get("MemTotal");
        Long swap = meminfo.get("SwapTotal");
        if (total == null) {
            return null;
        }
        long sum = total + (swap == null ? 0 : swap); // both at most 2^63 − 1: a wrap shows as negative
        return sum < 0 ? null : sum;
    }

    /** The /proc/meminfo keys that are parts of RAM: none can be more than MemTotal. */
    private static final List<String> PARTS_OF_RAM = List.of("MemFree", "MemAvailable", "Buffers", "Cached",
            "SReclaimable", "SUnreclaim", "Shmem", "AnonPages", "Active(file)", "Inactive(file)", "KernelStack",
            "PageTables", "SecPageTables", "Percpu");

    /**
     * meminfo without the values that cannot be true: a part of RAM above MemTotal, SwapFree above
     * SwapTotal. Each is dropped (absent) with one warning, so no sum or difference built on it
     * prints an impossible or negative size.
     */
    static KeyedValues possible(KeyedValues mi, Path file, Warnings warnings) {
        Map<String, Long> values = new HashMap<>(mi.values());
        long total = mi.get("MemTotal");
        for (String key : PARTS_OF_RAM) {
            Long v = values.get(key);
            if (v != null && (v < 0 || v > total)) {
                values.remove(key);
                warnings.add(file + ": " + key + " " + Bytes.human(v) + " is more than MemTotal " + Bytes.human(total)
                        + "; shown as absent");
            }
        }
        for (String key : List.of("SwapTotal", "SwapFree")) {
            Long v = values.get(key);
            if (v != null && v < 0) { // a plain number past 2^63 where the kernel prints kB
                values.remove(key);
                warnings.add(file + ": " + key + " " + Long.toUnsignedString(v) + " is beyond 2^63; shown as absent");
            }
        }
        Long swapTotal = values.get("SwapTotal");
        Long swapFree = values.get("SwapFree");
        if (swapFree != null && swapTotal != null && swapFree > swapTotal) {
            values.remove("SwapFree");
            warnings.add(file + ": SwapFree " + Bytes.human(swapFree) + " is more than SwapTotal "
                    + Bytes.human(swapTotal) + "; shown as absent");
        }
        return values.size() == mi.size() ? mi : new KeyedValues(values, mi.problems());
    }

    /** What KSM saves: pages_sharing × page size when KSM runs, else null. */
    static Long ksm(KernelFs fs, Reader r, Warnings warnings) {
        String run = r.read(fs.path("/sys/kernel/mm/ksm/run"), String::strip);
        if (!"1".equals(run)) {
            return null;
        }
        Path file = fs.path("/sys/kernel/mm/ksm/pages_sharing");
        Long pages = r.read(file, SingleValue::parseBytes);
        if (pages == null) {
            return null;
        }
        try {
            return Math.multiplyExact(pages, PAGE_SIZE);
        } catch (ArithmeticException e) {
            warnings.add(file + ": " + pages + " pages are more than any memory; shown as absent");
            return null;
        }
    }

    static HostIdentity identity(KernelFs fs, Reader r) {
        String hostname = hostname(fs, r);
        String release = r.read(fs.path("/proc/sys/kernel/osrelease"), String::strip);
        String os = r.read(fs.path("/etc/os-release"), HostCollector::prettyName);
        Integer cpus = r.read(fs.path("/sys/devices/system/cpu/online"), HostCollector::countCpus);
        return new HostIdentity(hostname, os, release, cpus);
    }

    /** The host's name (/proc/sys/kernel/hostname under the root; on a live host without it, $HOSTNAME), or null. */
    public static String hostname(KernelFs fs) {
        return hostname(fs, new Reader(fs, new Warnings()));
    }

    private static String hostname(KernelFs fs, Reader r) {
        String hostname = r.read(fs.path("/proc/sys/kernel/hostname"), String::strip);
        if (hostname == null && fs.isLive()) {
            hostname = System.getenv("HOSTNAME");
        }
        return hostname;
    }

    static String prettyName(String osRelease) {
        for (String line : osRelease.split("\n")) {
            if (line.startsWith("PRETTY_NAME=")) {
                return line.substring(12).replace("\"", "").strip();
            }
        }
        return null;
    }

    /** "0-3,8-11" → 8. */
    static Integer countCpus(String list) {
        int n = 0;
        for (String part : list.strip().split(",")) {
            if (part.isEmpty()) {
                continue;
            }
            int dash = part.indexOf('-');
            try {
                n += dash < 0 ? 1 : Integer.parseInt(part.substring(dash + 1)) - Integer.parseInt(part.substring(0, dash)) + 1;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return n == 0 ? null : n;
    }
}
