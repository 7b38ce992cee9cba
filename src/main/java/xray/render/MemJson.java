package xray.render;

import java.io.Writer;
import java.util.List;
import xray.model.Cgroup;
import xray.model.CgroupField;
import xray.model.Field;
import xray.model.HostField;
import xray.model.Limit;
import xray.model.MemReport;
import xray.model.Origin;
import xray.model.Pressure;
import xray.model.PressureMissing;
import xray.model.PsProcess;
import xray.model.Sharing;
import xray.model.Verdict;

/** The {@code xray.mem/v3} JSON document (schema in README.md). */
public final class MemJson {
    public static final String SCHEMA = "xray.mem/v3";

    private MemJson() {
    }

    /**
     * What the document holds.
     *
     * @param sharing   what sharing saves (xray mem --pss), or null
     * @param cgroups   the cgroups to list (all, or the one asked for and its descendants), in order
     * @param total     how many there were before --top
     * @param processes the processes of the cgroup asked for, or null for the whole-host form
     * @param verdicts  the verdicts for the cgroup asked for, or null
     */
    public record Content(MemReport report, Sharing sharing, List<Cgroup> cgroups, int total,
                          List<PsProcess> processes, List<Verdict> verdicts, List<String> warnings) {
    }

    public static void write(Writer out, JsonOut.Format format, Origin origin, Content c) {
        try (JsonOut j = new JsonOut(out, format)) {
            j.document(SCHEMA, origin);
            host(j, c.report(), c.sharing());
            j.beginArray("cgroups");
            for (Cgroup cg : c.cgroups()) {
                cgroup(j, cg);
            }
            j.endArray();
            j.truncated(c.cgroups().size(), c.total());
            List<PsProcess> processes = c.processes();
            List<Verdict> verdicts = c.verdicts();
            List<String> warnings = c.warnings();
            if (processes != null) {
                j.beginArray("processes");
                for (PsProcess p : processes) {
                    PsJson.process(j, p);
                }
                j.endArray();
            }
            if (verdicts != null) {
                j.beginArray("verdicts");
                for (Verdict v : verdicts) {
                    j.verdict(null, v, MemSentences.verdict(v));
                }
                j.endArray();
            }
            j.strings("warnings", warnings);
            j.end();
        }
        JsonOut.newline(out);
    }

    private static void host(JsonOut j, MemReport r, Sharing sharing) {
        j.begin("host");
        host(j, r, List.of(HostField.values()));
        if (sharing == null) {
            j.str("sharing", null);
        } else {
            j.begin("sharing").num("processes", sharing.processes()).num("rss", sharing.rss())
                    .num("pss", sharing.pss()).num("shared", sharing.shared()).end();
        }
        j.end();
    }

    /** These fields of the host, in this order, by their unit; the pressure note in words. */
    static void host(JsonOut j, MemReport r, List<HostField> fields) {
        for (HostField f : fields) {
            if (f == HostField.PRESSURE_NOTE) {
                PressureMissing missing = r.host().pressureMissing();
                j.str(f.key(), missing == null ? null : MemSentences.pressureMissing(missing));
            } else {
                value(j, f, f.of(r));
            }
        }
    }

    /** A field's value, written as its unit says. */
    static void value(JsonOut j, Field f, Object v) {
        switch (f.unit()) {
            case BYTES, COUNT, ID -> j.num(f.key(), (Long) v);
            case TEXT -> j.str(f.key(), (String) v);
            case FLAG -> j.bool(f.key(), (Boolean) v);
            case LIMIT -> j.limit(f.key(), (Limit) v);
            case PRESSURE -> j.pressure(f.key(), (Pressure) v);
            case SECONDS, PERCENT -> j.dec(f.key(), (Double) v);
            default -> throw new IllegalArgumentException(f + ": no JSON form for " + f.unit());
        }
    }

    /** Every field of the registry, in its order, by its unit. */
    private static void cgroup(JsonOut j, Cgroup cg) {
        j.begin();
        for (CgroupField f : CgroupField.values()) {
            value(j, f, f.of(cg));
        }
        j.end();
    }
}
