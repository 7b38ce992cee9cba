package xray.collect;

import java.util.Map;
import xray.jvm.HotSpotAttach;
import xray.kernel.Passwd;
import xray.model.Attach;

/**
 * Whether xray may attach to a process, decided from /proc before talking to it: the refusal as
 * one sentence for {@code xray jvm PID}, and as a short note for the list.
 */
final class JvmAccess {
    private JvmAccess() {
    }

    /** The sentence that refuses the audit, or null when xray may go on. */
    static String refusal(JvmProcess p, int myEuid, Map<Integer, String> users) {
        String who = "pid " + p.pid();
        if (p.tgid() != p.pid()) {
            return who + " is a thread of process " + p.tgid() + ", not a process: give xray jvm " + p.tgid();
        }
        switch (p.kind()) {
            case NOT_JVM:
                return who + " (" + p.status().name() + ") is not a JVM: no libjvm.so is mapped into it";
            case OPENJ9:
                return who + " is an OpenJ9 JVM, which speaks another attach protocol; xray attaches to HotSpot JVMs only";
            default:
                break;
        }
        Integer owner = p.status().euid();
        if (!Attach.permitted(owner, myEuid)) {
            String them = Passwd.name(users, owner);
            return who + " is a JVM of " + them + " (uid " + owner + ") and you are " + Passwd.name(users, myEuid)
                    + " (uid " + myEuid + "): a JVM accepts attach only from its own user or root, so run xray as "
                    + (owner == 0 ? "root" : them + " or as root");
        }
        if (p.attachDisabled()) {
            return who + " was started with -XX:+DisableAttachMechanism, so it accepts no attach";
        }
        HotSpotAttach.Target target = p.attachTarget(users);
        String distrust = HotSpotAttach.socketDistrust(target);
        if (distrust != null) {
            return distrust;
        }
        if (!p.fs().exists(p.socket())) {
            return HotSpotAttach.signalBlocker(target);
        }
        return null;
    }

    /** For the list: null when attachable, else a few words on why not. */
    static String whyNot(JvmProcess p, int myEuid) {
        switch (p.kind()) {
            case NOT_JVM:
                return "not a JVM";
            case OPENJ9:
                return "OpenJ9 (another protocol)";
            default:
                break;
        }
        Integer owner = p.status().euid();
        if (!Attach.permitted(owner, myEuid)) {
            return "another user's (run as root)";
        }
        if (p.attachDisabled()) {
            return "attach disabled";
        }
        if (p.fs().isLive() && HotSpotAttach.socketDistrust(p.attachTarget(Map.of())) != null) {
            return "untrusted attach socket";
        }
        if (!p.fs().exists(p.socket())) {
            if (p.stopped()) {
                return "stopped";
            }
            if (!p.catchesQuit()) {
                return "ignores SIGQUIT (-Xrs?)";
            }
            if (p.kind() != JvmProcess.Kind.HOTSPOT) {
                return "not known to be HotSpot";
            }
        }
        return null;
    }
}
