package xray.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import xray.analysis.CgroupTree;
import xray.kernel.ColonFields;
import xray.model.CgroupMode;
import xray.model.MemReport;
import xray.render.MemJson;
import xray.render.MemText;
import xray.render.Style;

/**
 * The report xray gives where there is no /proc: host totals from OSHI and one line about
 * cgroups. OSHI also runs on Linux, so this path is exercised here for real.
 */
class NotLinuxTest {
    @Test
    void hostTotalsFromTheOperatingSystemAndOneLineAboutCgroups() throws Exception {
        MemReport r = CgroupTree.report(MemCollector.withoutCgroups());
        // OSHI asks the operating system; on this Linux machine it reads the kernel's own total.
        assertEquals(ColonFields.parseNumbers(Files.readString(Path.of("/proc/meminfo"))).get("MemTotal"),
                r.memory().memTotal());
        assertTrue(r.memory().memAvailable() > 0 && r.memory().memAvailable() <= r.memory().memTotal(),
                "available " + r.memory().memAvailable());
        assertNull(r.memory().used(), "what only /proc/meminfo says stays absent");
        assertTrue(r.notLinux());
        assertNull(r.host().pressure());
        assertEquals(CgroupMode.NONE, r.layout().mode());
        assertEquals(List.of(), r.cgroups());

        MemText text = new MemText(Style.PLAIN);
        String out = text.host(r) + text.tree(r, r.cgroups(), new MemText.View(3, false,
                xray.analysis.CgroupTree.order(xray.model.CgroupField.CURRENT, false), 0, false, null));
        assertTrue(out.contains("cgroups are Linux-only; host totals come from the operating system."), out);
        assertTrue(out.contains("memory pressure (PSI) is Linux-only"), out);
        assertFalse(out.contains("CGROUP"), out);

        StringWriter json = new StringWriter();
        MemJson.write(json, xray.render.JsonOut.Format.PRETTY, new xray.model.Origin("h", 0, "0"),
                new MemJson.Content(r, null, r.cgroups(), 0, null, null, List.of()));
        assertTrue(json.toString().contains("\"cgroupMode\" : \"none\""), json.toString());
        assertTrue(json.toString().contains("\"used\" : null"), json.toString());
    }
}
