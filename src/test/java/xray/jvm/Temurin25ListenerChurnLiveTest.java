package xray.jvm;

import java.nio.file.Path;

/** The listener hold-out on Temurin 25. */
class Temurin25ListenerChurnLiveTest extends ListenerChurnLiveTest {
    @Override
    Path jdk() {
        return TargetJvm.JDK25;
    }
}
