package xray.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Properties;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import picocli.CommandLine.IVersionProvider;

/** Version, commit and build date (written into the jar at build time), and the Java runtime. */
final class VersionProvider implements IVersionProvider {
    static final String FILE = "xray-version.properties";

    @Override
    public String[] getVersion() {
        Properties p = properties();
        return new String[] {
            "xray " + p.getProperty("version", "unknown") + " (commit " + p.getProperty("commit", "unknown")
                + ", built " + p.getProperty("built", "unknown") + ")",
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ", "
                + System.getProperty("java.vendor") + ")"
        };
    }

    /** The version for documents: "0.1.0+5d52ceb" (with the commit when it is known), or "unknown". */
    static String version() {
        Properties p = properties();
        String v = p.getProperty("version", "unknown");
        String commit = p.getProperty("commit", "unknown");
        return commit.equals("unknown") || commit.isEmpty() ? v : v + "+" + commit;
    }

    /**
     * The build's properties, read from the jar (or classes directory) this class came from. Not
     * through the class loader: a resource lookup asks the JDK's own loaders first, which opens the
     * JDK's module image and, on JDK 25, builds reflection support to do it: about half of a
     * {@code --version} run.
     */
    static Properties properties() {
        return Read.PROPERTIES;
    }

    /** Read once, when first asked for (xray top's frames, every JSON document of a run). */
    private static final class Read {
        static final Properties PROPERTIES = read();
    }

    private static Properties read() {
        Properties p = new Properties();
        try {
            CodeSource source = VersionProvider.class.getProtectionDomain().getCodeSource();
            Path where = source == null ? null : Path.of(source.getLocation().toURI());
            if (where != null && Files.isDirectory(where)) {
                try (InputStream in = Files.newInputStream(where.resolve(FILE))) {
                    p.load(in);
                }
            } else if (where != null) {
                try (JarFile jar = new JarFile(where.toFile(), false)) {
                    ZipEntry e = jar.getEntry(FILE);
                    if (e != null) {
                        try (InputStream in = jar.getInputStream(e)) {
                            p.load(in);
                        }
                    }
                }
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            // fall through: unknown version
        }
        return p;
    }
}
