package xray.model;

/** Which host this is. Any part may be null when a snapshot lacks it. */
public record HostIdentity(String hostname, String os, String kernelRelease, Integer cpus) {
}
