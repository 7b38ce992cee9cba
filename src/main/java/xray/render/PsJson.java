package xray.render;

import java.io.Writer;
import java.util.List;
import xray.model.ProcessField;
import xray.model.PsGroup;
import xray.model.PsNote;
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
                             boolean full, List<PsNote> notes, List<String> warnings) {
        try (JsonOut j = new JsonOut(out)) {
            j.begin().str("schema", SCHEMA);
            j.beginArray("processes");
            for (PsProcess p : processes) {
                j.begin();
                for (ProcessField f : ProcessField.PROCESS_JSON) {
                    switch (f) {
                        case pid -> j.num(f.key(), p.pid());
                        case user -> j.str(f.key(), p.sample().user());
                        case cgroup -> j.str(f.key(), p.sample().cgroup());
                        case service -> j.str(f.key(), p.service());
                        case program -> j.str(f.key(), p.program());
                        case cmdline -> j.str(f.key(), PsText.command(p.sample().cmdline(), full, "…"));
                        case jvm -> j.bool(f.key(), p.sample().jvm());
                        default -> j.num(f.key(), f.of(p.figures()));
                    }
                }
                j.end();
            }
            j.endArray();
            j.beginArray("groups");
            for (PsGroup g : groups) {
                j.begin().str("by", g.by().name()).str("name", g.name());
                for (ProcessField f : ProcessField.GROUP_JSON) {
                    switch (f) {
                        case cgroup -> j.str(f.key(), g.cgroup());
                        case processes -> j.num(f.key(), g.processes());
                        case jvms -> j.num(f.key(), g.jvms());
                        default -> j.num(f.key(), f.of(g.figures()));
                    }
                }
                j.end();
            }
            j.endArray();
            j.begin("sharing").num("rss", sharing.rss()).num("pss", sharing.pss()).num("ksm", sharing.ksm()).end();
            j.beginArray("notes");
            for (PsNote n : notes) {
                j.value(PsSentences.note(n));
            }
            j.endArray();
            j.strings("warnings", warnings);
            j.end();
        }
        JsonOut.newline(out);
    }
}
