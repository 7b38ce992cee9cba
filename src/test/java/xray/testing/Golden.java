package xray.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files under src/test/resources/golden/. A mismatch fails with a diff-friendly message;
 * {@code mvn test -Dxray.updateGolden=true} rewrites them (then review the change with git diff).
 */
public final class Golden {
    private static final Path DIR = Path.of("src", "test", "resources", "golden");

    private Golden() {
    }

    public static void assertMatches(String name, String actual) {
        Path file = DIR.resolve(name);
        try {
            if (Boolean.getBoolean("xray.updateGolden") || !Files.exists(file)) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, actual, StandardCharsets.UTF_8);
                if (!Boolean.getBoolean("xray.updateGolden")) {
                    throw new AssertionError("golden file " + file + " did not exist; written now: review and commit it");
                }
                return;
            }
            String expected = Files.readString(file, StandardCharsets.UTF_8);
            assertEquals(expected, actual, "output differs from " + file
                    + "; if the change is intended, regenerate with mvn test -Dxray.updateGolden=true and review git diff");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
