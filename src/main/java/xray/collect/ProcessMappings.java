package xray.collect;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import xray.jvm.Deadline;
import xray.kernel.KernelFs;
import xray.kernel.Malformed;
import xray.kernel.Smaps;
import xray.model.JvmSample.Residency;
import xray.model.JvmSample.Skipped;
import xray.model.Mapping;
import xray.model.ProcStatus;

/**
 * /proc/PID/smaps and the threads' stack pointers, for residency by address range. Reading smaps
 * walks the page tables of every mapping under the process's mmap lock, so it is skipped for a
 * process larger than a limit, and given only the time the audit has left: a read that has not
 * finished by then is abandoned (it goes on in the background and is thrown away).
 */
final class ProcessMappings {
    private ProcessMappings() {
    }

    static Residency read(KernelFs fs, ThreadSampler threads, ProcStatus status, long limit, Deadline deadline) {
        long t0 = System.nanoTime();
        if (status.vmRss() != null && status.vmRss() > limit) {
            return skipped(Skipped.OVER_LIMIT, limit, t0);
        }
        int pid = status.pid();
        java.nio.file.Path smaps = fs.path("/proc/" + pid + "/smaps");
        CompletableFuture<List<Mapping>> read = CompletableFuture.supplyAsync(() -> lines(smaps), daemon());
        List<Mapping> mappings;
        try {
            mappings = read.get(Math.max(1, deadline.remainingMillis() / 2), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            read.cancel(true);
            return skipped(Skipped.DEADLINE, limit, t0);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Malformed) {
                return skipped(Skipped.UNREADABLE, limit, t0);
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return skipped(Skipped.DEADLINE, limit, t0);
        }
        if (mappings == null || mappings.isEmpty()) {
            return skipped(Skipped.UNREADABLE, limit, t0);
        }
        return new Residency(mappings, threads.stackPointers(), null, limit, millis(t0));
    }

    /**
     * smaps line by line (it may be far larger than the files KernelFs reads whole); null when the
     * process is gone or xray may not read it.
     */
    private static List<Mapping> lines(java.nio.file.Path smaps) {
        try (java.io.BufferedReader r = java.nio.file.Files.newBufferedReader(smaps,
                java.nio.charset.StandardCharsets.ISO_8859_1)) {
            return Smaps.parse(() -> r.lines().iterator());
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return null;
        }
    }

    private static Residency skipped(Skipped why, long limit, long t0) {
        return new Residency(List.of(), Map.of(), why, limit, millis(t0));
    }

    private static double millis(long t0) {
        return (System.nanoTime() - t0) / 1e6;
    }

    /** A thread of its own per read, a daemon, so that an abandoned read never keeps xray alive. */
    private static java.util.concurrent.Executor daemon() {
        return r -> {
            Thread t = new Thread(r, "xray-smaps");
            t.setDaemon(true);
            t.start();
        };
    }
}
