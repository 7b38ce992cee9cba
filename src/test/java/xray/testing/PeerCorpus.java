package xray.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The peer corpus ({@code ../shared/fixtures/peer-corpus}), read in place at run time and never
 * copied into the repository. It is plain files, not the live kernel, so {@code -Dxray.live=false}
 * does not turn these tests off. A missing corpus is a loud skip, or a failure under CI.
 */
public final class PeerCorpus {
    private PeerCorpus() {
    }

    public static Path root() {
        String prop = System.getProperty("xray.peerCorpus");
        Path p = prop != null ? Path.of(prop) : Path.of("..", "shared", "fixtures", "peer-corpus");
        if (!Files.isDirectory(p)) {
            String what = "the peer corpus is not at " + p.toAbsolutePath().normalize();
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail("CORPUS TEST CANNOT RUN IN CI: " + what);
            }
            System.err.println("*** CORPUS TEST SKIPPED: " + what);
            Assumptions.abort("CORPUS TEST SKIPPED: " + what);
        }
        return p.toAbsolutePath().normalize();
    }

    /** A file or directory of the corpus: {@code resolve("procfs/proc/meminfo")}. */
    public static Path resolve(String relative) {
        return root().resolve(relative);
    }
}
