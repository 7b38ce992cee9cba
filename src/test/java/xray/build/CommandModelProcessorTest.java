package xray.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The annotation processor on small commands: what it knows becomes code, and what it does not
 * stops the compile with a message naming the thing and the processor (never a model that
 * silently lacks an option).
 */
class CommandModelProcessorTest {
    @TempDir
    Path tmp;

    record Compiled(boolean ok, String messages, Path out) {
    }

    Compiled compile(String source) throws IOException {
        Path src = tmp.resolve("src/demo/Demo.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, source, StandardCharsets.UTF_8);
        Path out = tmp.resolve("out");
        Files.createDirectories(out);
        String picocli = Path.of(CommandLine.class.getProtectionDomain().getCodeSource().getLocation().getPath())
                .toString();
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter messages = new StringWriter();
        boolean ok = javac.getTask(messages, null, null, List.of("-d", out.toString(), "-s", out.toString(),
                "-classpath", picocli, "-processorpath", System.getProperty("xray.buildClasses", "target/build-classes"),
                "-processor", "xray.build.CommandModelProcessor"), null,
                javac.getStandardFileManager(null, null, StandardCharsets.UTF_8).getJavaFileObjects(src.toFile())).call();
        return new Compiled(ok, messages.toString(), out);
    }

    @Test
    void writesTheModelOfACommand() throws IOException {
        Compiled c = compile("""
                package demo;
                import picocli.CommandLine.*;
                @Command(name = "demo", mixinStandardHelpOptions = true, subcommands = {Demo.Sub.class})
                public class Demo {
                    @Option(names = "--size", paramLabel = "N", defaultValue = "3") int size;
                    @Command(name = "sub") static class Sub {
                        @ParentCommand Demo parent;
                        @Parameters(arity = "0..1") String what;
                    }
                }
                """);
        assertTrue(c.ok(), c.messages());
        String model = Files.readString(c.out().resolve("demo/CommandModel.java"));
        assertTrue(model.contains("OptionSpec.builder(\"--size\")"), model);
        assertTrue(model.contains("static final java.util.List<String> demoSubcommands = java.util.List.of(\"sub\")"), model);
        assertTrue(model.contains("c.parent = parent;"), model);
    }

    @Test
    void aPrivateFieldStopsTheCompile() throws IOException {
        Compiled c = compile("""
                package demo;
                import picocli.CommandLine.*;
                @Command(name = "demo")
                public class Demo {
                    @Option(names = "--size") private int size;
                }
                """);
        assertEquals(false, c.ok());
        assertTrue(c.messages().contains("field size is private") && c.messages().contains("CommandModelProcessor"),
                c.messages());
    }

    @Test
    void anUnknownAnnotationFeatureStopsTheCompile() throws IOException {
        Compiled c = compile("""
                package demo;
                import picocli.CommandLine.*;
                @Command(name = "demo")
                public class Demo {
                    @ArgGroup Group group;
                    static class Group {
                        @Option(names = "--a") boolean a;
                    }
                }
                """);
        assertEquals(false, c.ok());
        assertTrue(c.messages().contains("@ArgGroup is not supported yet"), c.messages());
    }

    @Test
    void aTimeOptionWithoutAConverterStopsTheCompile() throws IOException {
        Compiled c = compile("""
                package demo;
                import picocli.CommandLine.*;
                @Command(name = "demo")
                public class Demo {
                    @Option(names = "--for") java.time.Duration time;
                }
                """);
        assertEquals(false, c.ok());
        assertTrue(c.messages().contains("needs a converter"), c.messages());
    }
}
