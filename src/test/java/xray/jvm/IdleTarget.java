package xray.jvm;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * A JVM that does nothing, for the live tests of refusals (attach disabled, -Xrs, stopped):
 * prints {@code ready}, then waits for {@code exit} (or the end of stdin).
 */
public final class IdleTarget {
    private IdleTarget() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("ready");
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            if (line.equals("exit")) {
                break;
            }
        }
    }
}
