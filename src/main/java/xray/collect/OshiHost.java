package xray.collect;

import java.util.HashMap;
import java.util.Map;
import oshi.SystemInfo;
import oshi.hardware.GlobalMemory;
import oshi.software.os.OperatingSystem;
import xray.model.HostIdentity;
import xray.model.HostSample;
import xray.model.PressureMissing;

/**
 * Host totals where there is no /proc (macOS, Windows, BSD): OSHI asks the operating system.
 * Only total, available and swap are known there, under the /proc/meminfo keys they stand for;
 * everything Linux-specific stays absent.
 */
final class OshiHost {
    private OshiHost() {
    }

    static HostSample collect() {
        SystemInfo si = new SystemInfo();
        GlobalMemory mem = si.getHardware().getMemory();
        OperatingSystem os = si.getOperatingSystem();
        long swapTotal = mem.getVirtualMemory().getSwapTotal();
        Map<String, Long> meminfo = new HashMap<>();
        meminfo.put("MemTotal", mem.getTotal());
        meminfo.put("MemAvailable", mem.getAvailable());
        meminfo.put("SwapTotal", swapTotal);
        meminfo.put("SwapFree", swapTotal - mem.getVirtualMemory().getSwapUsed());
        HostIdentity id = new HostIdentity(os.getNetworkParams().getHostName(), os.toString(),
                os.getVersionInfo().getBuildNumber(), si.getHardware().getProcessor().getLogicalProcessorCount());
        return new HostSample(id, meminfo, null, PressureMissing.of(PressureMissing.Reason.NOT_LINUX), null, null);
    }
}
