package xray.locale;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileInputStream;
import java.io.FileNotFoundException;
import org.junit.jupiter.api.Test;
import xray.testing.Live;

/**
 * Runs only in the surefire execution 'de_DE' (LANG and LC_ALL de_DE.UTF-8): it proves that the
 * JVM there really reports errno texts in German, so the snapshot and live suites that run beside
 * it would have caught a decision made by English message text. Without the locale generated
 * (localedef, as .ci/run does) it skips loudly, and fails under CI.
 */
class GermanLocaleGuardTest {
    @Test
    void theJvmSpeaksGermanHere() {
        String text = "";
        try (FileInputStream in = new FileInputStream("/nonexistent/xray-locale-probe")) {
            text = "opened?";
        } catch (FileNotFoundException e) {
            text = String.valueOf(e.getMessage());
        } catch (java.io.IOException e) {
            text = e.toString();
        }
        Live.require(text.contains("Datei oder Verzeichnis nicht gefunden"),
                "the de_DE.UTF-8 locale is not generated (localedef -i de_DE -f UTF-8 de_DE.UTF-8): the JVM said '"
                        + text + "' under LANG=" + System.getenv("LANG"));
        assertTrue(text.contains("nicht gefunden"), text);
    }
}
