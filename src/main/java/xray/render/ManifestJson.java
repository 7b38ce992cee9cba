package xray.render;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import xray.bundle.Bundle;
import xray.model.HostIdentity;

/** {@code manifest.json} of a capture bundle: schema {@code xray.capture/v1} (README: capture bundles). */
public final class ManifestJson {
    public static final String SCHEMA = "xray.capture/v1";

    private ManifestJson() {
    }

    /**
     * @param time      when the capture began
     * @param version   xray's version line
     * @param pss       whether smaps_rollup was captured
     */
    public static byte[] of(Instant time, HostIdentity host, String version, boolean pss, int cgroups, int processes,
                            Bundle bundle) {
        StringWriter w = new StringWriter();
        try (JsonOut j = new JsonOut(w)) {
            j.begin().str("schema", SCHEMA)
                    .str("time", time.toString())
                    .str("hostname", host.hostname())
                    .str("kernelRelease", host.kernelRelease())
                    .str("os", host.os())
                    .str("xray", version)
                    .bool("pss", pss)
                    .num("cgroups", cgroups)
                    .num("processes", processes)
                    .num("files", bundle.files().size())
                    .num("bytes", bundle.bytes())
                    .num("names", bundle.names().size())
                    .num("absent", bundle.absent());
            j.beginArray("skipped");
            for (Bundle.Skipped s : bundle.skipped()) {
                j.begin().str("path", s.path()).str("why", s.why()).end();
            }
            j.endArray().end();
        }
        return (w + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
