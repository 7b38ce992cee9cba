package xray.jvm;

/**
 * The audit cannot start or go on: no such process, not a (HotSpot) JVM, attach disabled, another
 * user's JVM, no answer within the timeout. The message is one sentence for a person.
 */
public final class AttachRefused extends RuntimeException {
    public AttachRefused(String sentence) {
        super(sentence, null, false, false);
    }
}
