package xray.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PasswdTest {
    @Test
    void namesByUidFirstWins() {
        String text = """
                root:x:0:0:root:/root:/bin/bash
                # a comment
                nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
                toor:x:0:0:second root:/root:/bin/sh
                +@netgroup::::::
                broken line
                app:x:notanumber:1::/:
                www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin""";
        assertEquals(Map.of(0, "root", 65534, "nobody", 33, "www-data"), Passwd.parse(text));
    }
}
