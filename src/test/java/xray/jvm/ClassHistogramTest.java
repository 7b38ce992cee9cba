package xray.jvm;

import xray.model.HistogramSample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import xray.kernel.Malformed;

class ClassHistogramTest {
    @ParameterizedTest
    @ValueSource(strings = {"jdk17", "jdk25"})
    void readsEveryRowAndTheTotal(String jdk) {
        HistogramSample h = ClassHistogram.parse(Samples.text(jdk, "class-histogram.txt"));
        HistogramSample.Row prices = h.rows().stream()
                .filter(r -> r.className().equals("xray.jvm.AuditTarget$PriceListener")).findFirst().orElseThrow();
        assertEquals(new HistogramSample.Row("xray.jvm.AuditTarget$PriceListener", null, 1234, 19744), prices);
        assertEquals(h.totalInstances(), h.rows().stream().mapToLong(HistogramSample.Row::instances).sum());
        assertEquals(h.totalBytes(), h.rows().stream().mapToLong(HistogramSample.Row::bytes).sum());
        assertEquals("java.base@" + (jdk.equals("jdk17") ? "17.0.15" : "25.0.3"), h.rows().get(0).module());
    }

    @Test
    void jdk17Sample() {
        HistogramSample h = ClassHistogram.parse(Samples.text("jdk17", "class-histogram.txt"));
        assertEquals(new HistogramSample.Row("[I", "java.base@17.0.15", 1423, 5830016), h.rows().get(0));
        assertEquals(44067, h.totalInstances());
        assertEquals(7809504, h.totalBytes());
        assertEquals(496, h.rows().size());
    }

    @Test
    void sameNameFromTwoLoadersStaysTwoRows() {
        String text = """
                 num     #instances         #bytes  class name (module)
                -------------------------------------------------------
                   1:            10            160  com.example.OrderListener
                   2:             4             64  com.example.OrderListener
                Total            14            224
                """;
        List<HistogramSample.Row> rows = ClassHistogram.parse(text).rows();
        assertEquals(2, rows.size());
        assertEquals(14, rows.get(0).instances() + rows.get(1).instances());
    }

    @Test
    void cutShortOrEmptyIsMalformed() {
        String full = Samples.text("jdk17", "class-histogram.txt");
        assertEquals("no 'Total' line (cut short?)",
                assertThrows(Malformed.class, () -> ClassHistogram.parse(full.substring(0, full.length() / 2)))
                        .getMessage());
        assertEquals("no histogram rows", assertThrows(Malformed.class, () -> ClassHistogram.parse("")).getMessage());
        assertThrows(Malformed.class, () -> ClassHistogram.parse("Command executed successfully\n"));
    }
}
