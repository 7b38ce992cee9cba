package xray.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import xray.kernel.KernelFs;
import xray.kernel.ReadFailure;
import xray.testing.HostFixtures;
import xray.testing.Tree;

/** A scrape reads when asked, never in between, and never past its time. */
class ScraperTest {
    /** A cgroup v2 host with {@code n} cgroups under ten slices. */
    static Tree wide(int n) {
        Tree t = new Tree().file("/proc/meminfo", HostFixtures.meminfo())
                .file("/proc/self/mountinfo", "30 23 0:26 / /sys/fs/cgroup rw - cgroup2 cgroup2 rw\n")
                .file("/sys/fs/cgroup/cgroup.controllers", "memory\n")
                .file("/sys/fs/cgroup/memory.stat", "anon 1\nfile 1\nshmem 0\n");
        for (int i = 0; i < n; i++) {
            String dir = "/sys/fs/cgroup/s-" + i % 10 + ".slice/u-" + i + ".service";
            t.file(dir + "/memory.current", "4096\n").file(dir + "/memory.stat", "anon 4096\nfile 0\nshmem 0\n");
        }
        return t;
    }

    @Test
    void aScrapeThatRunsOutOfTimeIsPartialAndSaysWhatItSkipped() {
        Tree t = wide(3000);
        try (Scraper s = new Scraper(t.kernelFs(), 3, Duration.ofNanos(1), w -> { })) {
            xray.model.ScrapeSample partial = s.scrape();
            assertTrue(partial.partial(), "cut short");
            assertTrue(partial.cgroups().size() < 3000, "not every cgroup: " + partial.cgroups().size());
        }
        try (Scraper s = new Scraper(t.kernelFs(), 3, Duration.ofSeconds(30), w -> { })) {
            xray.model.ScrapeSample whole = s.scrape();
            assertEquals(false, whole.partial());
            assertEquals(3000 + 10 + 1, whole.cgroups().size());
            assertEquals(0, whole.skippedCgroups());
        }
    }

    @Test
    void readsThatPassTheDeadlineAreCountedAsSkipped() {
        Tree t = wide(2000);
        // A deadline after the walk but before most reads: the walk of 2,011 directories is quick in memory.
        CgroupCollector c = new CgroupCollector(t.kernelFs(), MemCollector.layout(t.kernelFs(), new Warnings()),
                new Warnings(), false);
        var read = c.scan(null, 5, System.nanoTime() + Duration.ofMillis(3).toNanos());
        assertTrue(c.timedOut());
        assertTrue(c.skipped() > 0, "counted");
        assertTrue(read.size() + c.skipped() <= 2011, read.size() + " read, " + c.skipped() + " skipped");
        assertTrue(read.size() < 2011);
    }

    @Test
    void aReadStuckInTheKernelDoesNotHoldTheScrape() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        Scraper.Reading hangsOnce = (parts, deadline, warnings) -> {
            if (runs.incrementAndGet() == 1) {
                try {
                    release.await(); // as a read of a hung NFS mount or a process stuck in D state would
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        Tree t = HostFixtures.hybrid(new Tree());
        try (Scraper s = new Scraper(t.kernelFs(), 3, Duration.ofMillis(200), w -> { }, hangsOnce)) {
            long start = System.nanoTime();
            xray.model.ScrapeSample first = s.scrape();
            double took = (System.nanoTime() - start) / 1e9;
            assertTrue(first.partial());
            assertNull(first.host());
            assertTrue(took < 5, "answered after the timeout and its grace, not when the read ended: " + took + " s");
            xray.model.ScrapeSample second = s.scrape();
            assertTrue(second.partial());
            assertNotNull(second.error(), "says why it read nothing");
            assertEquals(1, runs.get(), "no second worker stacked behind the stuck one");
            release.countDown();
            Thread.sleep(100);
            xray.model.ScrapeSample third = s.scrape();
            assertEquals(false, third.partial());
            assertEquals(2, runs.get());
        }
    }

    @Test
    void nothingIsReadBetweenScrapes() throws Exception {
        Tree t = HostFixtures.hybrid(new Tree());
        AtomicInteger reads = new AtomicInteger();
        KernelFs counting = t.kernelFs().recording(new KernelFs.Recorder() {
            @Override
            public void read(Path file, byte[] bytes) {
                reads.incrementAndGet();
            }

            @Override
            public void failed(Path file, ReadFailure kind) {
                reads.incrementAndGet();
            }

            @Override
            public void names(Path dir, java.util.List<String> names) {
            }
        });
        try (Scraper s = new Scraper(counting, 3, Duration.ofSeconds(10), w -> { })) {
            Thread.sleep(300);
            assertEquals(0, reads.get(), "nothing before the first scrape");
            s.scrape();
            int one = reads.get();
            assertTrue(one > 20, "a scrape reads the host: " + one);
            Thread.sleep(300);
            assertEquals(one, reads.get(), "nothing between scrapes");
            s.scrape();
            assertEquals(2 * one, reads.get(), "each scrape reads the same files again");
        }
    }
}
