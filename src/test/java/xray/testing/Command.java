package xray.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real tool run to its end for a test (jcmd, ps, tmux, python3): its output, standard error merged. */
public final class Command {
    private Command() {
    }

    public record Result(int exitCode, String out) {
    }

    /** Runs {@code cmd} and waits for it, 30 s at most (the test fails past that). */
    public static Result run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), String.join(" ", cmd) + " did not end within 30 s");
        return new Result(p.exitValue(), out);
    }

    /** The output of {@code cmd}, which must exit 0. */
    public static String output(List<String> cmd) throws IOException, InterruptedException {
        Result r = run(cmd);
        assertEquals(0, r.exitCode(), String.join(" ", cmd) + ": " + r.out());
        return r.out();
    }

    public static String output(String... cmd) throws IOException, InterruptedException {
        return output(List.of(cmd));
    }
}
