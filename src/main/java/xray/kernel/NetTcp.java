package xray.kernel;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code /proc/PID/net/tcp} and {@code tcp6}: the TCP sockets of a network namespace, one per line.
 * <pre>
 *   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
 *    0: 00000000:A653 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 2918731 1 ...
 *    0: 00000000000000000000000000000000:A653 00000000000000000000000000000000:0000 0A ...
 * </pre>
 * Addresses are hexadecimal 32-bit words in the kernel's byte order (little-endian here), the port
 * big-endian; state {@code 0A} is LISTEN.
 */
public final class NetTcp {
    /** A socket: its local address as people write it ("*:42579", "127.0.0.1:8080"), whether it listens, its inode. */
    public record Socket(String local, boolean listening, long inode) {
    }

    private static final String LISTEN = "0A";

    private NetTcp() {
    }

    public static List<Socket> parse(String text) {
        List<Socket> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 10 || !f[0].endsWith(":") || !f[1].contains(":")) {
                continue; // the header, or a line cut short
            }
            try {
                out.add(new Socket(address(f[1]), f[3].equals(LISTEN), Long.parseLong(f[9])));
            } catch (IllegalArgumentException e) {
                throw new Malformed("line '" + line.trim() + "' is not a socket");
            }
        }
        return out;
    }

    /** "0100007F:1F90" → "127.0.0.1:8080"; any address (0.0.0.0 or ::) → "*". */
    static String address(String hex) {
        int colon = hex.indexOf(':');
        String ip = hex.substring(0, colon);
        int port = Integer.parseInt(hex.substring(colon + 1), 16);
        if (ip.chars().allMatch(c -> c == '0')) {
            return "*:" + port;
        }
        byte[] b = new byte[ip.length() / 2];
        if (b.length != 4 && b.length != 16) {
            throw new IllegalArgumentException(hex);
        }
        for (int w = 0; w < b.length / 4; w++) {
            long word = Long.parseLong(ip.substring(w * 8, w * 8 + 8), 16);
            for (int i = 0; i < 4; i++) {
                b[w * 4 + i] = (byte) (word >> (8 * i)); // each word in little-endian order
            }
        }
        try {
            java.net.InetAddress a = java.net.InetAddress.getByAddress(b);
            String s = a.getHostAddress();
            return (a instanceof java.net.Inet6Address ? "[" + s + "]" : s) + ":" + port;
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(hex);
        }
    }
}
