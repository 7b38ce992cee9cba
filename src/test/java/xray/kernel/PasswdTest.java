package xray.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PasswdTest {
    @Test
    void namesByUid() {
        Map<Integer, String> users = Passwd.parse("""
                root:x:0:0:root:/root:/bin/bash
                nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
                toor:x:0:0:second root:/root:/bin/sh
                +::::::
                broken line
                """);
        assertEquals(Map.of(0, "root", 65534, "nobody"), users);
        assertEquals("nobody", Passwd.name(users, 65534));
        assertEquals("uid 1234", Passwd.name(users, 1234));
        assertNull(Passwd.name(users, null));
    }
}
