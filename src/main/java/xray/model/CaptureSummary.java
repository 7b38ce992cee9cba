package xray.model;

import java.util.List;

/**
 * What a capture bundle's manifest says (schema {@code xray.capture/v2}).
 *
 * @param time      when the capture began (ISO-8601, UTC)
 * @param xray      the version of xray that made it (as every document's xrayVersion: "0.1.0+5d52ceb")
 * @param pss       whether smaps_rollup was captured
 * @param files     files the bundle holds
 * @param bytes     bytes of their contents
 * @param names     hsperfdata files held as names only
 * @param absent    files the readers looked for that the host does not have
 * @param skipped   files a reader read or tried to read that the bundle does not hold, and why
 */
public record CaptureSummary(String time, HostIdentity host, String xray, boolean pss, int cgroups, int processes,
                             int files, long bytes, int names, int absent, List<Skipped> skipped) {

    /** A file the bundle does not hold, and why. */
    public record Skipped(String path, String why) {
    }

    public CaptureSummary {
        skipped = List.copyOf(skipped);
    }
}
