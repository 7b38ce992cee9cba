package xray.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import xray.kernel.Malformed;
import xray.model.ClassHierarchySample;
import xray.model.ClassHierarchySample.Type;

/** VM.class_hierarchy -i of the AuditTarget JVM on JDK 17 and Temurin 25 (capture.sh). */
class ClassHierarchyTest {
    @ParameterizedTest
    @ValueSource(strings = {"jdk17", "jdk25"})
    void realCaptures(String jdk) {
        ClassHierarchySample h = ClassHierarchy.parse(Samples.text(jdk, "class-hierarchy.txt"));
        assertEquals(new Type("java.lang.Object", null, false, List.of()), h.types().get("java.lang.Object"));
        assertEquals(new Type("xray.jvm.AuditTarget$PriceListener", "java.lang.Object", false, List.of()),
                h.types().get("xray.jvm.AuditTarget$PriceListener"));
        assertEquals("java.lang.Enum", h.types().get("java.lang.Thread$State").superclass());
        Type arrayList = h.types().get("java.util.ArrayList");
        assertEquals("java.util.AbstractList", arrayList.superclass());
        assertTrue(arrayList.interfaces().containsAll(List.of("java.util.List", "java.util.RandomAccess",
                "java.util.Collection", "java.lang.Iterable")), arrayList.toString());
        Type runnable = h.types().get("java.lang.Runnable");
        assertTrue(runnable.isInterface());
        assertNull(runnable.superclass());
        assertTrue(h.types().size() > 700, "every loaded class: " + h.types().size());
    }

    @Test
    void hiddenClassesKeepTheirAddressAndAnotherLoadersClassIsNotMixedIn() {
        ClassHierarchySample h = ClassHierarchy.parse("""
                java.lang.Object/null
                |--java.lang.invoke.LambdaForm$MH/0x00007f2ab01b6400/null
                |--com.example.Dup/0x00007f2b242c9ab0
                |  implements com.example.A/0x00007f2b242c9ab0 (declared intf)
                |--com.example.Dup/0x00007f2b99999999
                |  implements com.example.B/0x00007f2b99999999 (declared intf)
                """);
        assertTrue(h.types().containsKey("java.lang.invoke.LambdaForm$MH/0x00007f2ab01b6400"));
        assertEquals(List.of("com.example.A"), h.types().get("com.example.Dup").interfaces());
    }

    @Test
    void somethingElseIsMalformed() {
        assertThrows(Malformed.class, () -> ClassHierarchy.parse("Unknown diagnostic command\n"));
        assertThrows(Malformed.class, () -> ClassHierarchy.parse(""));
    }
}
