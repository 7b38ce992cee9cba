package xray.jvm;

import java.nio.file.Path;

/** The listener hold-out on JDK 17 (Debian OpenJDK). */
class Jdk17ListenerChurnLiveTest extends ListenerChurnLiveTest {
    @Override
    Path jdk() {
        return TargetJvm.JDK17;
    }
}
