package xray.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import xray.model.CgroupField;
import xray.model.Column;

/**
 * Tables on narrow terminals: the columns of lowest priority go first, the first column always
 * stays and is cut last (keeping its end), and nothing is wider than the terminal.
 */
class TableTest {
    static Table table() {
        Table t = new Table(List.of(Table.Column.left("NAME", 100), Table.Column.right("CURRENT", 99),
                Table.Column.right("PEAK", 40), Table.Column.right("REAL COST", 98), Table.Column.right("OOM", 30)));
        t.add("system.slice", "4.3 GiB", "9.4 GiB", "1.1 GiB", "0");
        t.add("└─ froth.service", "4.3 GiB", "9.4 GiB", "1.1 GiB", "2");
        return t;
    }

    static Style width(int w) {
        return new Style(false, true, w);
    }

    @Test
    void wideEnoughShowsEverything() {
        assertEquals("""
                NAME              CURRENT     PEAK  REAL COST  OOM
                system.slice      4.3 GiB  9.4 GiB    1.1 GiB    0
                └─ froth.service  4.3 GiB  9.4 GiB    1.1 GiB    2
                """, table().render(width(80)));
        assertEquals(table().render(width(80)), table().render(width(0)), "no width: no limit");
    }

    @Test
    void theLowestPriorityGoesFirst() {
        // All five need 16 + 7 + 7 + 9 + 3 characters and four gaps of 2: 50.
        assertEquals(table().render(width(80)), table().render(width(50)));
        // One less: OOM (priority 30) goes, then PEAK (40), then REAL COST (98), then CURRENT (99).
        assertEquals("""
                NAME              CURRENT     PEAK  REAL COST
                system.slice      4.3 GiB  9.4 GiB    1.1 GiB
                └─ froth.service  4.3 GiB  9.4 GiB    1.1 GiB
                """, table().render(width(49)));
        assertEquals("""
                NAME              CURRENT  REAL COST
                system.slice      4.3 GiB    1.1 GiB
                └─ froth.service  4.3 GiB    1.1 GiB
                """, table().render(width(44)));
        assertEquals("""
                NAME              CURRENT
                system.slice      4.3 GiB
                └─ froth.service  4.3 GiB
                """, table().render(width(35)));
        assertEquals("""
                NAME
                system.slice
                └─ froth.service
                """, table().render(width(24)));
        for (int w = 16; w <= 60; w++) {
            int width = w;
            table().render(width(w)).lines().forEach(l -> assertTrue(l.length() <= width,
                    "wider than " + width + ": '" + l + "'"));
        }
    }

    @Test
    void theFirstColumnIsCutBeforeAnotherGoesKeepingItsEnd() {
        Table t = new Table(List.of(Table.Column.left("NAME", 100), Table.Column.right("CURRENT", 99)));
        t.add("└─ froth-worker.service", "4.3 GiB");
        // 23 + 2 + 7 = 32 characters; the name may give up 7 of its 23 (down to 16) before CURRENT goes.
        assertEquals("""
                NAME                   CURRENT
                └─ froth-w…er.service  4.3 GiB
                """, t.render(width(30)));
        assertEquals("""
                NAME
                └─ froth-worker.service
                """, t.render(width(24)), "even cut to 16 the name and CURRENT need 25");
    }

    @Test
    void aColumnWithAMaximumCutsItsCellsUnlessWide() {
        Table t = new Table(List.of(Table.Column.left("CGROUP", 100).max(20), Table.Column.right("CURRENT", 99)));
        t.add("/system.slice/a-very-long-unit-name.service", "1.0 MiB");
        assertEquals("CGROUP                CURRENT\n/system.sl…e.service  1.0 MiB\n", t.render(width(0)));
        assertEquals("CGROUP                                       CURRENT\n"
                + "/system.slice/a-very-long-unit-name.service  1.0 MiB\n", t.render(width(0).widened()));
    }

    @Test
    void aRowMustFitTheColumns() {
        assertThrows(IllegalArgumentException.class, () -> table().add("only", "two"));
    }

    /** At 80 columns the cgroup tree keeps the columns that matter most, by the registry's priorities. */
    @Test
    void theCgroupTreeAtEightyColumns() {
        Table t = new Table(CgroupField.TREE.stream().map(c -> c.field() == CgroupField.NAME
                ? Table.Column.left(c.title(), c.priority()) : Table.Column.right(c.title(), c.priority())).toList());
        String[] row = {"└─ froth.service", "4.3 GiB", "9.4 GiB", "1.1 GiB", "1.1 GiB", "3.2 GiB (2.7 GiB)", "12 MiB",
            "none", "0.00", "0", "2"};
        t.add(row);
        String header = t.render(width(80)).lines().findFirst().orElseThrow();
        List<String> titles = Arrays.asList(header.strip().split("\\s{2,}"));
        // 16+7+7+9+7+17+6+5+5+3+5 characters and ten gaps: 107. KERNEL (25), PROCS (30), OOM (35), PEAK (40) go.
        assertEquals(List.of("CGROUP", "CURRENT", "REAL COST", "ANON", "FILE (INACTIVE)", "LIMIT", "PSI10"), titles);
        List<String> byPriority = CgroupField.TREE.stream().sorted((a, b) -> b.priority() - a.priority())
                .map(Column::title).toList();
        assertEquals("CGROUP", byPriority.get(0), "the name stays longest");
    }
}
