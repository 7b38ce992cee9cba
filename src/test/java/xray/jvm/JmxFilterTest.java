package xray.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.InstanceNotFoundException;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeDataSupport;
import javax.management.openmbean.CompositeType;
import javax.management.openmbean.OpenType;
import javax.management.openmbean.SimpleType;
import org.junit.jupiter.api.Test;

/** What xray's JMX client deserializes: what JMX needs, nothing else. */
class JmxFilterTest {
    /** A class outside the allow list, as a hostile JVM could send one (any class on xray's class path). */
    static final class Gadget implements Serializable {
        private static final long serialVersionUID = 1L;
        final String command = "touch /tmp/owned";
    }

    static byte[] serialize(Object o) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(b)) {
            out.writeObject(o);
        }
        return b.toByteArray();
    }

    static Object read(byte[] bytes) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            in.setObjectInputFilter(new JmxFilter());
            return in.readObject();
        }
    }

    @Test
    void aClassOutsideTheAllowListIsRejected() throws Exception {
        InvalidClassException e = assertThrows(InvalidClassException.class, () -> read(serialize(new Gadget())));
        assertTrue(e.getMessage().contains("REJECTED"), e.getMessage());
        // hidden inside an allowed container, too
        AttributeList list = new AttributeList();
        list.add(new Attribute("Usage", new Gadget()));
        assertThrows(InvalidClassException.class, () -> read(serialize(list)));
        assertThrows(InvalidClassException.class, () -> read(serialize(new java.util.Date())), "a JDK class not needed");
        assertThrows(InvalidClassException.class, () -> read(serialize(new Gadget[] {new Gadget()})));
    }

    @Test
    void whatThePlatformMBeansReturnIsAllowed() throws Exception {
        CompositeType usage = new CompositeType("java.lang.management.MemoryUsage", "usage",
                new String[] {"init", "used", "committed", "max"}, new String[] {"i", "u", "c", "m"},
                new OpenType<?>[] {SimpleType.LONG, SimpleType.LONG, SimpleType.LONG, SimpleType.LONG});
        CompositeDataSupport heap = new CompositeDataSupport(usage, Map.of("init", 1L, "used", 2L, "committed", 3L,
                "max", -1L));
        AttributeList list = new AttributeList(List.of(new Attribute("HeapMemoryUsage", heap),
                new Attribute("PeakThreadCount", 42), new Attribute("Name", "G1 Old Gen"),
                new Attribute("Uptime", 5000L)));
        assertEquals(list, read(serialize(list)));
        assertEquals(new ObjectName("java.lang:type=Memory"), read(serialize(new ObjectName("java.lang:type=Memory"))));
        ArrayList<long[]> arrays = new ArrayList<>(List.of(new long[] {1, 2}));
        assertEquals(2, ((long[]) ((List<?>) read(serialize(arrays))).get(0)).length);
        // the errors JMX reports come through, with their stack traces
        InstanceNotFoundException e = (InstanceNotFoundException) read(serialize(
                new InstanceNotFoundException("java.lang:type=Nope")));
        assertEquals("java.lang:type=Nope", e.getMessage());
    }

    @Test
    void exceptionsOnlyFromTheJdkPackagesJmxUses() {
        assertTrue(JmxFilter.allowed(java.rmi.UnmarshalException.class));
        assertTrue(JmxFilter.allowed(IllegalArgumentException.class));
        assertFalse(JmxFilter.allowed(java.util.ConcurrentModificationException.class), "java.util is not on the list");
        assertFalse(JmxFilter.allowed(Gadget.class));
    }
}
