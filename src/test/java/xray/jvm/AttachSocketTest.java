package xray.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The protocol client against a stand-in for the JVM's attach listener on a real Unix socket. */
class AttachSocketTest {
    static final int CAP = 8 << 20;

    Path dir;
    Path socket;
    ServerSocketChannel server;

    @BeforeEach
    void listen() throws IOException {
        dir = Files.createTempDirectory("xray-attach");
        socket = dir.resolve(".java_pid4242");
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
    }

    @AfterEach
    void close() throws IOException {
        server.close();
        Files.deleteIfExists(socket);
        Files.delete(dir);
    }

    /** Serves one connection: reads the request (up to its 5th NUL), answers what {@code reply} says. */
    CompletableFuture<String> serve(Function<String, String> reply) {
        return CompletableFuture.supplyAsync(() -> {
            try (SocketChannel c = server.accept()) {
                ByteArrayOutputStream req = new ByteArrayOutputStream();
                ByteBuffer b = ByteBuffer.allocate(1);
                int nuls = 0;
                while (nuls < 5 && c.read(b) > 0) {
                    req.write(b.get(0));
                    nuls += b.get(0) == 0 ? 1 : 0;
                    b.clear();
                }
                String request = req.toString(StandardCharsets.UTF_8);
                String answer = reply.apply(request);
                if (answer == null) {
                    Thread.sleep(3000); // a stopped JVM: never answers
                } else {
                    c.write(ByteBuffer.wrap(answer.getBytes(StandardCharsets.UTF_8)));
                }
                return request;
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void sendsVersionOneRequestsAndReadsTheStatus() throws Exception {
        CompletableFuture<String> seen = serve(r -> "0\n-XX:MaxHeapSize=268435456 -XX:+UseG1GC\n");
        AttachSocket.Reply r = AttachSocket.request(socket, Deadline.after(Duration.ofSeconds(5)), CAP, "jcmd", "VM.flags");
        assertEquals("1\0jcmd\0VM.flags\0\0\0", seen.get());
        assertEquals(0, r.status());
        assertEquals("-XX:MaxHeapSize=268435456 -XX:+UseG1GC\n", r.body());
    }

    @Test
    void aFailedCommandKeepsItsStatusAndMessage() throws Exception {
        serve(r -> "-1\njava.lang.IllegalArgumentException: Unknown diagnostic command\n");
        AttachSocket.Reply r = AttachSocket.request(socket, Deadline.after(Duration.ofSeconds(5)), CAP, "jcmd", "VM.nosuch");
        assertEquals(-1, r.status());
        assertTrue(r.body().startsWith("java.lang.IllegalArgumentException"));
    }

    @Test
    void aLargeReplyArrivesWhole() throws Exception {
        String body = "x".repeat(3_000_000) + "\n";
        serve(r -> "0\n" + body);
        assertEquals(body, AttachSocket.request(socket, Deadline.after(Duration.ofSeconds(5)), CAP, "jcmd",
                "GC.class_histogram -all").body());
    }

    @Test
    void aReplyOverTheCapIsCutAtItsLastWholeLineAndNotReadFurther() throws Exception {
        String line = "   1:          1085          17360  pkg.Cls$Inner\n"; // 50 bytes
        CompletableFuture<String> served = serve(r -> "0\n" + line.repeat(100_000)); // 5 MB
        AttachSocket.Reply r = AttachSocket.request(socket, Deadline.after(Duration.ofSeconds(5)), 1000, "jcmd",
                "GC.class_histogram -all");
        assertTrue(r.cut());
        assertEquals(line.repeat(19), r.body(), "998 bytes after the status line: 19 whole lines, the 20th cut off");
        served.handle((ok, e) -> null).get(); // the stand-in's write fails once xray has closed: nothing hangs
    }

    @Test
    void aReplyOfExactlyTheCapIsWhole() throws Exception {
        serve(r -> "0\n" + "x".repeat(998));
        AttachSocket.Reply r = AttachSocket.request(socket, Deadline.after(Duration.ofSeconds(5)), 1000, "jcmd", "VM.info");
        assertEquals(false, r.cut());
        assertEquals("x".repeat(998), r.body());
    }

    @Test
    void silenceEndsAtTheDeadline() {
        serve(r -> null);
        long t0 = System.nanoTime();
        assertThrows(AttachSocket.NoAnswer.class,
                () -> AttachSocket.request(socket, Deadline.after(Duration.ofMillis(300)), CAP, "jcmd", "VM.flags"));
        double s = (System.nanoTime() - t0) / 1e9;
        assertTrue(s >= 0.25 && s < 2, s + " s");
    }

    @Test
    void aConnectionClosedWithoutAnswerIsAnError() {
        serve(r -> ""); // what the JVM does to a peer of the wrong user
        IOException e = assertThrows(IOException.class,
                () -> AttachSocket.request(socket, Deadline.after(Duration.ofSeconds(5)), CAP, "jcmd", "VM.flags"));
        assertEquals("the JVM closed the connection without answering", e.getMessage());
    }

    @Test
    void decode() throws IOException {
        assertEquals(new AttachSocket.Reply(0, "", false), AttachSocket.decode("0"));
        assertEquals(new AttachSocket.Reply(0, "Command executed successfully\n", false),
                AttachSocket.decode("0\nCommand executed successfully\n"));
        assertThrows(IOException.class, () -> AttachSocket.decode("Operation bogus not recognized!"));
    }
}
