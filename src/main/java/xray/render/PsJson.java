package xray.render;

import java.io.Writer;
import java.util.List;
import xray.model.Origin;
import xray.model.ProcessField;
import xray.model.PsGroup;
import xray.model.PsNote;
import xray.model.PsProcess;
import xray.model.Sharing;

/** The {@code xray.ps/v2} JSON document (schema in README.md). */
public final class PsJson {
    public static final String SCHEMA = "xray.ps/v2";

    private PsJson() {
    }

    /**
     * What the document holds.
     *
     * @param processes the processes, sorted; all of them unless --top cut them (without --by)
     * @param total     how many processes matched
     * @param groups    the groups (--by), sorted, cut to --top; an empty list without --by
     * @param groupsTotal how many groups there are
     * @param totals    the sums over every group, or null without --by
     */
    public record Content(List<PsProcess> processes, int total, List<PsGroup> groups, int groupsTotal, PsGroup totals,
                          Sharing sharing, List<PsNote> notes, List<String> warnings) {
    }

    public static void write(Writer out, JsonOut.Format format, Origin origin, Content c) {
        try (JsonOut j = new JsonOut(out, format)) {
            j.document(SCHEMA, origin);
            j.beginArray("processes");
            for (PsProcess p : c.processes()) {
                process(j, p);
            }
            j.endArray();
            j.beginArray("groups");
            for (PsGroup g : c.groups()) {
                group(j, g);
            }
            j.endArray();
            if (c.totals() == null) {
                j.str("totals", null);
                j.truncated(c.processes().size(), c.total());
            } else {
                j.begin("totals");
                group(j, c.totals(), false);
                j.truncated(c.groups().size(), c.groupsTotal());
            }
            Sharing s = c.sharing();
            j.begin("sharing").num("rss", s.rss()).num("pss", s.pss()).num("ksm", s.ksm()).end();
            j.beginArray("notes");
            for (PsNote n : c.notes()) {
                j.value(PsSentences.note(n));
            }
            j.endArray();
            j.strings("warnings", c.warnings());
            j.end();
        }
        JsonOut.newline(out);
    }

    /** One process, its keys from the registry: also the processes of xray mem's drill-down. */
    static void process(JsonOut j, PsProcess p) {
        j.begin();
        for (ProcessField f : ProcessField.PROCESS_JSON) {
            switch (f) {
                case pid -> j.num(f.key(), p.pid());
                case cmdline -> j.strings(f.key(), p.sample().argv());
                case jvm -> j.bool(f.key(), p.sample().jvm());
                default -> {
                    Object v = f.value(p);
                    if (v instanceof String text) {
                        j.str(f.key(), text);
                    } else {
                        j.num(f.key(), (Long) v);
                    }
                }
            }
        }
        j.end();
    }

    private static void group(JsonOut j, PsGroup g) {
        j.begin().str("by", g.by().name()).str("name", g.name());
        group(j, g, true);
    }

    /** The group's counts and sums, and the end of its object. */
    private static void group(JsonOut j, PsGroup g, boolean withCgroup) {
        for (ProcessField f : ProcessField.GROUP_JSON) {
            switch (f) {
                case cgroup -> {
                    if (withCgroup) {
                        j.str(f.key(), g.cgroup());
                    }
                }
                case processes -> j.num(f.key(), g.processes());
                case jvms -> j.num(f.key(), g.jvms());
                default -> j.num(f.key(), f.of(g.figures()));
            }
        }
        j.end();
    }
}
