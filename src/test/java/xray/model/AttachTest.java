package xray.model;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A HotSpot JVM accepts an attach from its own effective user and from root, from no one else. */
class AttachTest {
    @Test
    void ownUserOrRoot() {
        assertTrue(Attach.permitted(1000, 1000));
        assertTrue(Attach.permitted(1000, 0), "root");
        assertTrue(Attach.permitted(0, 0));
        assertFalse(Attach.permitted(0, 1000), "root's JVM, for a user");
        assertFalse(Attach.permitted(1001, 1000), "another user's");
        assertTrue(Attach.permitted(null, 1000), "owner unknown: try, and let the JVM say");
        assertTrue(Attach.permitted(1001, null), "a snapshot: who will run xray on it is unknown");
    }
}
