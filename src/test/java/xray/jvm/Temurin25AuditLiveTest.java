package xray.jvm;

import java.nio.file.Path;

/** The audit of a Temurin 25 target (nid in decimal, G1 heap lines with "reserved", metaspace moved). */
class Temurin25AuditLiveTest extends JvmAuditLiveTest {
    @Override
    Path jdk() {
        return TargetJvm.JDK25;
    }

    @Override
    String versionPrefix() {
        return "25.";
    }
}
