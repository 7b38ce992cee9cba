package xray.jvm;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * One request of the HotSpot attach protocol (version 1) over the JVM's Unix socket, bounded by a
 * deadline and in size. Request: {@code 1\0<command>\0<arg0>\0<arg1>\0<arg2>\0}. Reply: a status
 * line ({@code 0} = ok) and then text, up to the end of the stream, or up to the size cap, where
 * xray stops reading and closes the connection. The JVM serves one request per connection, one
 * connection at a time.
 */
final class AttachSocket {
    /** The status the JVM answered and the text after it; {@code cut} when the reply went past the cap. */
    record Reply(int status, String body, boolean cut) {
    }

    /** The socket took the request but no answer came before the deadline. */
    static final class NoAnswer extends IOException {
        NoAnswer() {
            super("no answer before the deadline", null);
        }
    }

    private static final int ARGS = 3;

    private AttachSocket() {
    }

    /**
     * Sends one request and reads the reply, at most {@code cap} bytes of it.
     *
     * @throws NoAnswer when the deadline passes first
     */
    static Reply request(Path socket, Deadline deadline, int cap, String command, String... args) throws IOException {
        ByteArrayOutputStream req = new ByteArrayOutputStream();
        req.write('1');
        req.write(0);
        req.writeBytes(command.getBytes(StandardCharsets.UTF_8));
        req.write(0);
        for (int i = 0; i < ARGS; i++) {
            if (i < args.length) {
                req.writeBytes(args[i].getBytes(StandardCharsets.UTF_8));
            }
            req.write(0);
        }
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX); Selector sel = Selector.open()) {
            ch.configureBlocking(false);
            if (!ch.connect(UnixDomainSocketAddress.of(socket))) {
                await(ch, sel, SelectionKey.OP_CONNECT, deadline);
                ch.finishConnect();
            }
            ByteBuffer out = ByteBuffer.wrap(req.toByteArray());
            while (out.hasRemaining()) {
                if (ch.write(out) == 0) {
                    await(ch, sel, SelectionKey.OP_WRITE, deadline);
                }
            }
            ByteArrayOutputStream reply = new ByteArrayOutputStream(8192);
            ByteBuffer in = ByteBuffer.allocate(64 * 1024);
            boolean cut = false;
            while (true) {
                in.limit(Math.min(in.capacity(), cap - reply.size() + 1)); // one byte past the cap tells it is longer
                int n = ch.read(in);
                if (n < 0) {
                    break;
                }
                if (n == 0) {
                    await(ch, sel, SelectionKey.OP_READ, deadline);
                    continue;
                }
                int keep = Math.min(in.position(), cap - reply.size());
                reply.write(in.array(), 0, keep);
                in.clear();
                if (reply.size() >= cap && keep < n) {
                    cut = true; // the rest is never read: closing the connection ends the JVM's writing
                    break;
                }
            }
            Reply r = decode(reply.toString(StandardCharsets.UTF_8));
            // A cut reply ends at its last whole line: half a line could read as a smaller number.
            return cut ? new Reply(r.status(), r.body().substring(0, r.body().lastIndexOf('\n') + 1), true) : r;
        }
    }

    private static void await(SocketChannel ch, Selector sel, int op, Deadline deadline) throws IOException {
        long ms = deadline.remainingMillis();
        if (ms <= 0) {
            throw new NoAnswer();
        }
        SelectionKey key = ch.register(sel, op);
        int ready = sel.select(ms);
        sel.selectedKeys().clear();
        key.cancel();
        sel.selectNow(); // deregisters the cancelled key before the next register
        if (ready == 0) {
            throw new NoAnswer();
        }
    }

    /** "0\nCommand executed successfully\n" → Reply(0, "Command executed successfully\n"). */
    static Reply decode(String text) throws IOException {
        if (text.isEmpty()) {
            throw new IOException("the JVM closed the connection without answering");
        }
        int nl = text.indexOf('\n');
        String status = (nl < 0 ? text : text.substring(0, nl)).trim();
        try {
            return new Reply(Integer.parseInt(status), nl < 0 ? "" : text.substring(nl + 1), false);
        } catch (NumberFormatException e) {
            throw new IOException("the JVM answered '" + (status.length() > 40 ? status.substring(0, 40) : status)
                    + "' where a status was expected");
        }
    }
}
