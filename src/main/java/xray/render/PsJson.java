package xray.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import xray.model.ProcessField;
import xray.model.ProcessFigures;
import xray.model.PsGroup;
import xray.model.PsProcess;
import xray.model.Sharing;

/** The {@code xray.ps/v1} JSON document (schema in README.md). */
public final class PsJson {
    public static final String SCHEMA = "xray.ps/v1";

    private PsJson() {
    }

    /**
     * @param processes the processes shown (sorted, cut to --top)
     * @param groups    the groups shown, or an empty list without --by
     * @param full      whole command lines (else cut, as in the table)
     */
    public static void write(Writer out, List<PsProcess> processes, List<PsGroup> groups, Sharing sharing,
                             boolean full, List<String> notes, List<String> warnings) {
        try (JsonOut j = new JsonOut(out)) {
            j.begin().str("schema", SCHEMA);
            j.beginArray("processes");
            for (PsProcess p : processes) {
                j.begin().num("pid", p.pid()).str("user", p.sample().user()).str("cgroup", p.sample().cgroup())
                        .str("service", p.service()).str("program", p.program())
                        .str("cmdline", PsText.command(p.sample().cmdline(), full, "…"));
                figures(j, p.figures());
                j.bool("jvm", p.sample().jvm()).end();
            }
            j.endArray();
            j.beginArray("groups");
            for (PsGroup g : groups) {
                j.begin().str("by", g.by().name()).str("name", g.name()).str("cgroup", g.cgroup())
                        .num("processes", g.processes()).num("jvms", g.jvms()).num("rss", g.figures().rss());
                figures(j, g.figures());
                j.num("shared", g.figures().shared()).end();
            }
            j.endArray();
            j.begin("sharing").num("rss", sharing.rss()).num("pss", sharing.pss()).num("ksm", sharing.ksm()).end();
            j.strings("notes", notes);
            j.strings("warnings", warnings);
            j.end();
        }
        try {
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** rssAnon … realCost, in the order of {@link ProcessField}. */
    private static void figures(JsonOut j, ProcessFigures f) {
        for (ProcessField field : ProcessField.values()) {
            if (field.isBytes()) {
                j.num(field.name(), field.of(f));
            }
        }
    }
}
