package xray.render;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import xray.model.CaptureSummary;

/** {@code manifest.json} of a capture bundle: schema {@code xray.capture/v2} (README: xray capture). */
public final class ManifestJson {
    public static final String SCHEMA = "xray.capture/v2";

    private ManifestJson() {
    }

    public static byte[] of(CaptureSummary c) {
        StringWriter w = new StringWriter();
        try (JsonOut j = new JsonOut(w)) {
            j.begin().str("schema", SCHEMA)
                    .str("time", c.time())
                    .str("hostname", c.host().hostname())
                    .str("xrayVersion", c.xray())
                    .str("kernelRelease", c.host().kernelRelease())
                    .str("os", c.host().os())
                    .bool("pss", c.pss())
                    .num("cgroups", c.cgroups())
                    .num("processes", c.processes())
                    .num("files", c.files())
                    .num("bytes", c.bytes())
                    .num("names", c.names())
                    .num("absent", c.absent());
            j.beginArray("skipped");
            for (CaptureSummary.Skipped s : c.skipped()) {
                j.begin().str("path", s.path()).str("why", s.why()).end();
            }
            j.endArray().end();
        }
        return (w + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
