package xray.jvm;

import java.nio.file.Path;

/** The audit of a JDK 17 (Debian OpenJDK) target. */
class Jdk17AuditLiveTest extends JvmAuditLiveTest {
    @Override
    Path jdk() {
        return TargetJvm.JDK17;
    }

    @Override
    String versionPrefix() {
        return "17.";
    }
}
