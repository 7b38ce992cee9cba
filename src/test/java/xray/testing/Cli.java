package xray.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import xray.cli.Main;

/** Runs xray through {@code Main.run(out, err, args)} and keeps what it printed. */
public record Cli(int exitCode, String out, String err) {
    public static Cli run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc;
        try (PrintWriter o = new PrintWriter(out); PrintWriter e = new PrintWriter(err)) {
            rc = Main.run(o, e, args);
        }
        return new Cli(rc, out.toString(), err.toString());
    }
}
