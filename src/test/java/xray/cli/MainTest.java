package xray.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import xray.testing.Cli;

class MainTest {
    @Test
    void versionNamesVersionCommitBuildAndJava() {
        Cli r = Cli.run("--version");
        assertEquals(0, r.exitCode());
        String[] lines = r.out().split("\n");
        assertTrue(lines[0].matches("xray \\d+\\.\\d+\\.\\d+ \\(commit ([0-9a-f]+|unknown), built .+\\)"), lines[0]);
        assertTrue(lines[0].contains(", built "), lines[0]);
        assertEquals("Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ", "
                + System.getProperty("java.vendor") + ")", lines[1]);
    }

    @Test
    void theFastVersionPathPrintsWhatPicocliPrints() throws Exception {
        Process p = new ProcessBuilder(System.getProperty("java.home") + "/bin/java", "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "--version").start();
        String fast = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
        assertEquals(Cli.run("--version").out(), fast);
    }

    @Test
    void noCommandIsBadUsage() {
        Cli r = Cli.run();
        assertEquals(2, r.exitCode());
        assertTrue(r.err().startsWith("xray: a command is needed"), r.err());
    }
}
