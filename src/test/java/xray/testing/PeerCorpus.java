package xray.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The peer corpus ({@code ../shared/fixtures/peer-corpus}), read in place at run time and never
 * copied into the repository. Missing corpus: a loud skip, or a failure under CI.
 */
public final class PeerCorpus {
    private PeerCorpus() {
    }

    public static Path root() {
        String prop = System.getProperty("xray.peerCorpus");
        Path p = prop != null ? Path.of(prop) : Path.of("..", "shared", "fixtures", "peer-corpus");
        Live.require(Files.isDirectory(p), "the peer corpus is not at " + p.toAbsolutePath().normalize());
        return p.toAbsolutePath().normalize();
    }

    /** A file or directory of the corpus: {@code resolve("procfs/proc/meminfo")}. */
    public static Path resolve(String relative) {
        return root().resolve(relative);
    }
}
