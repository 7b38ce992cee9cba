package xray.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class NetTcpTest {
    @Test
    void listeningAndConnectedSocketsOfBothFamilies() {
        // lines from this machine's /proc/PID/net/tcp and tcp6 while a JVM ran its JMX agent
        String tcp = """
                  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
                   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 2918731 1 0000000000000000 100 0 0 10 0
                   1: 0100007F:B5E6 0100007F:A653 01 00000000:00000000 00:00000000 00000000     0        0 2918800 1 0000000000000000 20 4 30 10 -1
                """;
        String tcp6 = """
                  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
                   0: 00000000000000000000000000000000:A653 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 2918732 1 0000000000000000 100 0 0 10 0
                   1: 00000000000000000000000001000000:0016 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 17 1 0000000000000000 100 0 0 10 0
                   2: 0000000000000000FFFF00000100007F:1F91 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 18 1 0000000000000000 100 0 0 10 0
                """;
        assertEquals(List.of(new NetTcp.Socket("127.0.0.1:8080", true, 2918731),
                new NetTcp.Socket("127.0.0.1:46566", false, 2918800)), NetTcp.parse(tcp));
        assertEquals(List.of(new NetTcp.Socket("*:42579", true, 2918732), new NetTcp.Socket("[0:0:0:0:0:0:0:1]:22", true, 17),
                new NetTcp.Socket("127.0.0.1:8081", true, 18)), NetTcp.parse(tcp6));
    }

    @Test
    void garbageIsMalformed() {
        assertThrows(Malformed.class, () -> NetTcp.parse("   0: 0100007G:1F90 00000000:0000 0A 0:0 0:0 0 0 0 12 1\n"));
        assertEquals(List.of(), NetTcp.parse(""));
    }
}
