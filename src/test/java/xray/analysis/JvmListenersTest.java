package xray.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import xray.jvm.ClassHierarchy;
import xray.jvm.ClassHistogram;
import xray.model.HistogramSample;
import xray.model.JvmReport.ListenerClass;
import xray.model.JvmReport.Listeners;
import xray.model.JvmSample;

class JvmListenersTest {
    static final Pattern DEFAULT = JvmListeners.pattern(JvmListeners.DEFAULT_PATTERN);

    static HistogramSample histogram(String rows) {
        return ClassHistogram.parse(rows + "Total 0 0\n");
    }

    static JvmSample.Histograms histograms(boolean live, HistogramSample... samples) {
        return new JvmSample.Histograms(List.of(samples), live, 1.0, null, null);
    }

    static final String BEFORE = """
               1:            10            160  com.example.OrderListener
               2:             4             64  com.example.OrderListener
               3:             5             80  com.example.ui.ClickHandler
               4:           900          14400  java.awt.event.ActionListener (java.desktop@17.0.15)
               5:             7            224  javax.management.NotificationBroadcasterSupport$ListenerInfo (java.management@17.0.15)
               6:             3             48  com.example.Foo$$Lambda$14/0x0000000800c0b1f8
               7:             2             48  [Lcom.example.OrderListener;
               8:            50            800  com.example.handlers.Util
               9:             1             16  com.example.WatcherService
            """;
    static final String MIDDLE = BEFORE.replace("   10            160  com.example.OrderListener",
            "   15            240  com.example.OrderListener");
    static final String AFTER = """
               1:            20            320  com.example.OrderListener
               2:             4             64  com.example.OrderListener
               3:             5             80  com.example.ui.ClickHandler
               4:             3             48  com.example.NewSubscriber
               9:             1             16  com.example.WatcherService
            """;

    @Test
    void growthCountsWhenTheCountRisesAtEveryOneOfThreeHistograms() {
        Listeners l = JvmListeners.listeners(histograms(false, histogram(BEFORE), histogram(MIDDLE), histogram(AFTER)),
                DEFAULT);
        // OrderListener 14 → 19 → 24 (two loaders added up): growing; NewSubscriber 0 → 0 → 3 did not rise at
        // the first step: not growing, its growth is a fact but not steady
        assertEquals(List.of(
                new ListenerClass("com.example.OrderListener", null, 24, 384, 10L, true, 2, null),
                new ListenerClass("com.example.ui.ClickHandler", null, 5, 80, 0L, false, 1, null),
                new ListenerClass("com.example.NewSubscriber", null, 3, 48, 3L, false, 1, null),
                new ListenerClass("com.example.WatcherService", null, 1, 16, 0L, false, 1, null)), l.classes());
        assertEquals(3, l.histograms());
        assertEquals(0, l.leftOut());
        assertEquals("all", l.mode());
        assertFalse(l.byType());
    }

    @Test
    void twoHistogramsOfAllObjectsAreNotEnoughForGrowth() {
        Listeners l = JvmListeners.listeners(histograms(false, histogram(BEFORE), histogram(AFTER)), DEFAULT);
        ListenerClass orders = l.classes().get(0);
        assertEquals("com.example.OrderListener", orders.name());
        assertEquals(10L, orders.growth());
        assertFalse(orders.growing(), "garbage may rise between two histograms of all objects");
    }

    @Test
    void withLiveObjectsTwoHistogramsShowRetainedGrowth() {
        Listeners l = JvmListeners.listeners(histograms(true, histogram(BEFORE), histogram(AFTER)), DEFAULT);
        assertTrue(l.classes().get(0).growing());
        assertEquals("live", l.mode());
        assertTrue(l.classes().get(1).growing() && l.classes().get(1).name().equals("com.example.NewSubscriber"),
                "0 → 3 between two live histograms is retained growth: " + l.classes());
    }

    @Test
    void aClassWhoseCountFellIsNoSuspect() {
        String churn = """
                   1:          5000          80000  com.example.EventHandler
                """;
        Listeners l = JvmListeners.listeners(histograms(false, histogram(churn), histogram(churn.replace("5000", "9000")),
                histogram(churn.replace("5000", "7000"))), DEFAULT);
        assertEquals(new ListenerClass("com.example.EventHandler", null, 7000, 80000, 2000L, false, 1, null),
                l.classes().get(0));
    }

    @Test
    void oneHistogramHasNoGrowthAndRanksByCount() {
        Listeners l = JvmListeners.listeners(histograms(true, histogram(BEFORE)), DEFAULT);
        assertEquals(List.of("com.example.OrderListener", "com.example.ui.ClickHandler", "com.example.WatcherService"),
                l.classes().stream().map(ListenerClass::name).toList());
        assertTrue(l.classes().stream().allMatch(c -> c.growth() == null && !c.growing()));
    }

    @Test
    void theOwnNameMattersNotTheEnclosingClass() {
        HistogramSample h = histogram("""
                   1:          1087          34784  org.apache.activemq.store.IndexListener$MessageContext
                   2:             3             72  org.apache.tomcat.util.net.AbstractEndpoint$Handler$SocketState
                   3:             2             64  org.apache.tomcat.util.net.SocketBufferHandler
                   4:             1             16  com.example.Outer$ClickHandler
                """);
        Listeners l = JvmListeners.listeners(histograms(false, h), DEFAULT);
        assertEquals(List.of("org.apache.tomcat.util.net.SocketBufferHandler", "com.example.Outer$ClickHandler"),
                l.classes().stream().map(ListenerClass::name).toList());
    }

    @Test
    void aCustomPatternMatchesTheOwnNameOnly() {
        Listeners l = JvmListeners.listeners(histograms(false, histogram(BEFORE)), JvmListeners.pattern("util|example"));
        assertEquals(List.of("com.example.handlers.Util"), l.classes().stream().map(ListenerClass::name).toList());
    }

    /** The shape of VM.class_hierarchy -i (JDK 17 and 25 print it alike). */
    static final String HIERARCHY = """
            java.lang.Object/null
            |--java.util.EventListener/null (intf)
            |--org.apache.catalina.LifecycleListener/0x00007f2b242c9ab0 (intf)
            |--org.apache.catalina.startup.ContextConfig/0x00007f2b242c9ab0
            |  implements org.apache.catalina.LifecycleListener/0x00007f2b242c9ab0 (declared intf)
            |  |--org.apache.catalina.startup.ExtraConfig/0x00007f2b242c9ab0
            |  |  implements org.apache.catalina.LifecycleListener/0x00007f2b242c9ab0 (inherited intf)
            |--com.example.Shop$1/0x00007f2b242c9ab0
            |  implements java.beans.PropertyChangeListener/null (declared intf)
            |  implements java.util.EventListener/null (inherited intf)
            |--java.lang.Enum/null
            |  implements java.lang.Comparable/null (declared intf)
            |  |--com.example.State/0x00007f2b242c9ab0
            |  |  |--com.example.State$1/0x00007f2b242c9ab0
            |--java.lang.Record/null
            |  |--com.example.PriceHandler/0x00007f2b242c9ab0
            |--com.example.Plain/0x00007f2b242c9ab0
            """;

    @Test
    void byTypeClassesImplementingAListenerInterfaceCountAndEnumsAndRecordsDoNot() {
        HistogramSample h = histogram("""
                   1:            40            960  org.apache.catalina.startup.ContextConfig
                   2:             2             48  org.apache.catalina.startup.ExtraConfig
                   3:           300           4800  com.example.Shop$1
                   4:             4             64  com.example.State$1
                   5:             9            144  com.example.PriceHandler
                   6:            70           1120  com.example.Plain
                   7:             1             16  com.example.Unknown
                """);
        Listeners l = JvmListeners.listeners(new JvmSample.Histograms(List.of(h), false, 0, ClassHierarchy.parse(HIERARCHY),
                null), DEFAULT);
        assertEquals(List.of(
                new ListenerClass("com.example.Shop$1", null, 300, 4800, null, false, 1, "java.beans.PropertyChangeListener"),
                new ListenerClass("org.apache.catalina.startup.ContextConfig", null, 40, 960, null, false, 1,
                        "org.apache.catalina.LifecycleListener"),
                new ListenerClass("org.apache.catalina.startup.ExtraConfig", null, 2, 48, null, false, 1,
                        "org.apache.catalina.LifecycleListener")), l.classes());
        assertTrue(l.byType());
    }

    @Test
    void aLambdaIsASuspectByTheInterfaceItImplementsNeverByItsName() {
        String hierarchy = """
                java.lang.Object/null
                |--java.util.EventListener/null (intf)
                |--com.example.Shop$OrderListener/0x00007f2b242c9ab0 (intf)
                |  implements java.util.EventListener/null (declared intf)
                |--com.example.Shop$$Lambda$7/0x0000000800c0b1f8/0x00007f2b242c9ab0
                |  implements com.example.Shop$OrderListener/0x00007f2b242c9ab0 (declared intf)
                |  implements java.util.EventListener/null (inherited intf)
                |--com.example.Shop$$Lambda$8/0x0000000800c0b400/0x00007f2b242c9ab0
                |  implements java.lang.Runnable/null (declared intf)
                |--com.example.Handlers$$Lambda$9/0x0000000800c0b600/0x00007f2b242c9ab0
                |  implements java.util.function.Consumer/null (declared intf)
                """;
        HistogramSample h = histogram("""
                   1:           900          14400  com.example.Shop$$Lambda$8/0x0000000800c0b400
                   2:           500           8000  com.example.Shop$$Lambda$7/0x0000000800c0b1f8
                   3:           400           6400  com.example.Handlers$$Lambda$9/0x0000000800c0b600
                """);
        Listeners l = JvmListeners.listeners(new JvmSample.Histograms(List.of(h), false, 0, ClassHierarchy.parse(hierarchy),
                null), DEFAULT);
        // Lambda$9 is in a class named like a handler, and Lambda$8 a Runnable: neither says it is a listener
        assertEquals(List.of(new ListenerClass("com.example.Shop$$Lambda$7/0x0000000800c0b1f8", null, 500, 8000, null, false,
                1, "com.example.Shop$OrderListener")), l.classes());
        // without the hierarchy, a lambda is no suspect at all
        assertEquals(List.of(), JvmListeners.listeners(histograms(false, h), DEFAULT).classes());
    }

    @Test
    void onlyWhatMattersIsShownAndTheRestCounted() {
        StringBuilder rows = new StringBuilder();
        for (int i = 1; i <= 12; i++) {
            rows.append(String.format("%4d: %13d %14d  com.example.Small%02dListener%n", i, i, i * 16, i));
        }
        rows.append("  13:           150           2400  com.example.ManyListener\n");
        Listeners l = JvmListeners.listeners(histograms(false, histogram(rows.toString())), DEFAULT);
        // 150 instances, then the five most numerous of the small ones
        assertEquals(List.of("com.example.ManyListener", "com.example.Small12Listener", "com.example.Small11Listener",
                "com.example.Small10Listener", "com.example.Small09Listener"),
                l.classes().stream().map(ListenerClass::name).toList());
        assertEquals(8, l.leftOut());
    }

    @Test
    void noHistogramNoSection() {
        assertNull(JvmListeners.listeners(histograms(false), DEFAULT));
    }

    @Test
    void ownNameIsAfterTheLastDollar() {
        assertEquals("SocketState", ListenerClass.ownName("a.b.AbstractEndpoint$Handler$SocketState"));
        assertEquals("Plain", ListenerClass.ownName("Plain"));
        assertEquals("1", ListenerClass.ownName("com.example.Shop$1"));
    }
}
