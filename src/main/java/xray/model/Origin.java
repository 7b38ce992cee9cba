package xray.model;

/**
 * Where and when a document was made, the header of every JSON document: the host it describes,
 * the time it was made, and the xray that made it.
 *
 * @param hostname    the host's name (/proc/sys/kernel/hostname under the root read), or null
 * @param epochMillis when the document was made (milliseconds since 1970, UTC)
 * @param xrayVersion the version of xray ("0.1.0+5d52ceb": version, and the commit when known)
 */
public record Origin(String hostname, long epochMillis, String xrayVersion) {
}
