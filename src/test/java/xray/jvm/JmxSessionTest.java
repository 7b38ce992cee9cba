package xray.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import org.junit.jupiter.api.Test;

/** JMX goes only to a local connector's stub, and RMI only to loopback, whatever the JVM's user wrote. */
class JmxSessionTest {
    /** The address a JDK 17 local agent published in its perf data. */
    static final String LOCAL = "service:jmx:rmi://127.0.0.1/stub/rO0ABXNyAC5qYXZheC5tYW5hZ2VtZW50LnJlbW90ZS5ybWku"
            + "Uk1JU2VydmVySW1wbF9TdHViAAAAAAAAAAICAAB4cgAaamF2YS5ybWkuc2VydmVyLlJlbW90ZVN0dWLp/tzJi+FlGgIAAHhyABxq"
            + "YXZhLnJtaS5zZXJ2ZXIuUmVtb3RlT2JqZWN002G0kQxhMx4DAAB4cHc0AAtVbmljYXN0UmVmMgAACTEyNy4wLjAuMQAAplOMQ6Vq"
            + "XQTI5tSHw6gAAAGiM5kzsoABAHg=";

    @Test
    void onlyALoopbackStubAddressIsUsed() throws Exception {
        assertEquals("127.0.0.1", JmxSession.loopbackStub(LOCAL).getHost());
        for (String bad : new String[] {"service:jmx:rmi:///jndi/rmi://evil.example:1099/jmxrmi",
                "service:jmx:rmi:///jndi/ldap://127.0.0.1/x", "service:jmx:rmi://10.1.2.3/stub/rO0AB",
                "service:jmx:jmxmp://127.0.0.1:9999", "not a url"}) {
            JmxSession.Unavailable e = assertThrows(JmxSession.Unavailable.class, () -> JmxSession.loopbackStub(bad),
                    bad);
            assertTrue(e.getMessage().startsWith("the JVM's JMX address"), e.getMessage());
        }
    }

    @Test
    void rmiConnectsOnlyToLoopback() {
        assertTrue(JmxSession.LoopbackSockets.isLoopback("127.0.0.1"));
        assertTrue(JmxSession.LoopbackSockets.isLoopback("127.5.6.7"));
        assertTrue(JmxSession.LoopbackSockets.isLoopback("::1"));
        assertTrue(JmxSession.LoopbackSockets.isLoopback("[::1]"));
        assertTrue(JmxSession.LoopbackSockets.isLoopback("localhost"));
        assertFalse(JmxSession.LoopbackSockets.isLoopback("10.0.0.1"));
        assertFalse(JmxSession.LoopbackSockets.isLoopback("evil.example"), "names are not looked up");
        assertFalse(JmxSession.LoopbackSockets.isLoopback(null));
        // what the stub in a hostile address would make RMI do
        assertThrows(ConnectException.class, () -> new JmxSession.LoopbackSockets().createSocket("192.0.2.1", 1099));
        assertThrows(java.io.IOException.class, () -> new JmxSession.LoopbackSockets().createServerSocket(0));
    }
}
