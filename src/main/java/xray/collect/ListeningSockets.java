package xray.collect;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import xray.kernel.FileProblem;
import xray.kernel.KernelFs;
import xray.kernel.Malformed;
import xray.kernel.NetTcp;

/**
 * The TCP sockets a process listens on, as ss -ltnp finds them: the inodes of its sockets (the
 * {@code socket:[N]} links in /proc/PID/fd) among the LISTEN lines of /proc/PID/net/tcp and tcp6,
 * which show the process's own network namespace.
 */
public final class ListeningSockets {
    private ListeningSockets() {
    }

    /** "*:42579", "127.0.0.1:8080", sorted; empty when nothing can be read (the process is gone). */
    public static Set<String> of(KernelFs fs, int pid) {
        Set<Long> inodes = new HashSet<>();
        String fdDir = "/proc/" + pid + "/fd";
        for (String fd : fs.list(fs.path(fdDir))) {
            try {
                fs.readLink(fs.path(fdDir + "/" + fd)).filter(l -> l.startsWith("socket:["))
                        .ifPresent(l -> inodes.add(Long.parseLong(l.substring(8, l.length() - 1))));
            } catch (FileProblem | NumberFormatException e) {
                // closed while being read, or not a socket link
            }
        }
        Set<String> out = new TreeSet<>();
        for (String file : List.of("tcp", "tcp6")) {
            try {
                Optional<String> text = fs.read("/proc/" + pid + "/net/" + file);
                if (text.isPresent()) {
                    for (NetTcp.Socket s : NetTcp.parse(text.get())) {
                        if (s.listening() && inodes.contains(s.inode())) {
                            out.add(s.local());
                        }
                    }
                }
            } catch (FileProblem | Malformed e) {
                // no IPv6, or gone: what the other file says stands
            }
        }
        return out;
    }
}
