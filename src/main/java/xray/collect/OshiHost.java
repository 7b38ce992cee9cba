package xray.collect;

import oshi.SystemInfo;
import oshi.hardware.GlobalMemory;
import oshi.software.os.OperatingSystem;
import xray.model.HostIdentity;
import xray.model.HostMemory;
import xray.model.HostSample;

/**
 * Host totals where there is no /proc (macOS, Windows, BSD): OSHI asks the operating system.
 * Only total, available and swap are known there; everything Linux-specific stays absent.
 */
final class OshiHost {
    private OshiHost() {
    }

    static HostSample collect() {
        SystemInfo si = new SystemInfo();
        GlobalMemory mem = si.getHardware().getMemory();
        OperatingSystem os = si.getOperatingSystem();
        long total = mem.getTotal();
        long available = mem.getAvailable();
        long swapTotal = mem.getVirtualMemory().getSwapTotal();
        long swapUsed = mem.getVirtualMemory().getSwapUsed();
        HostMemory m = new HostMemory(total, null, available, false, null, null, null, null, null, null, null, null,
                null, swapTotal, swapTotal - swapUsed, null);
        HostIdentity id = new HostIdentity(os.getNetworkParams().getHostName(), os.toString(),
                os.getVersionInfo().getBuildNumber(), si.getHardware().getProcessor().getLogicalProcessorCount());
        return new HostSample(id, m, null, "memory pressure (PSI) is Linux-only", null, null);
    }
}
