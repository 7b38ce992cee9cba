package xray.jvm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The diagnostic-command replies captured from real JVMs by src/test/resources/xray/jvm/capture.sh. */
public final class Samples {
    private Samples() {
    }

    /** {@code text("jdk17", "thread-print.txt")}. */
    public static String text(String jdk, String file) {
        return new String(bytes(jdk, file), StandardCharsets.UTF_8);
    }

    public static byte[] bytes(String jdk, String file) {
        String name = "/xray/jvm/" + jdk + "/" + file;
        try (InputStream in = Samples.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("no test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
