package xray.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** Version, commit and build date (written into the jar at build time), and the Java runtime. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/xray-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // fall through: unknown version
        }
        return new String[] {
            "xray " + p.getProperty("version", "unknown") + " (commit " + p.getProperty("commit", "unknown")
                + ", built " + p.getProperty("built", "unknown") + ")",
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ", "
                + System.getProperty("java.vendor") + ")"
        };
    }
}
