package xray.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import xray.model.PsNote;
import xray.model.PsNote.Code;

/** The sentence of every note of {@code xray ps}, one and many processes, as it was printed before notes became data. */
class PsSentencesTest {
    @Test
    void permission() {
        assertEquals("1 process keeps its PSS even from root (holding capabilities xray lacks): pid 1; its real cost is "
                + "counted from RSS", PsSentences.note(new PsNote(Code.PSS_KEPT_FROM_ROOT, 1, false, List.of(1), null)));
        assertEquals("10 processes keep their PSS even from root (holding capabilities xray lacks): pids 1, 2, 3, 4, 5, 6, "
                + "7, 8, ...; their real cost is counted from RSS", PsSentences.note(new PsNote(Code.PSS_KEPT_FROM_ROOT, 10,
                false, List.of(1, 2, 3, 4, 5, 6, 7, 8), null)));
        assertEquals("1 process needs root for PSS: its real cost is counted from RSS",
                PsSentences.note(new PsNote(Code.PSS_NEEDS_ROOT, 1, false, List.of(), null)));
        assertEquals("37 processes need root for PSS: their real cost is counted from RSS",
                PsSentences.note(new PsNote(Code.PSS_NEEDS_ROOT, 37, false, List.of(), null)));
    }

    @Test
    void tooBigToWalk() {
        assertEquals("2 processes above --pss-max-rss 300 MiB not walked for PSS (walking could stall them): pids 100, 101",
                PsSentences.note(new PsNote(Code.PSS_TOO_BIG, 2, false, List.of(100, 101), 300L << 20)));
        assertEquals("1 process above --pss-max-rss 64 GiB not walked for PSS (walking could stall it): pid 7",
                PsSentences.note(new PsNote(Code.PSS_TOO_BIG, 1, false, List.of(7), 64L << 30)));
    }

    @Test
    void oldKernels() {
        assertEquals("no /proc/PID/smaps_rollup (it came in Linux 4.14): real cost is counted from RSS",
                PsSentences.note(new PsNote(Code.NO_SMAPS_ROLLUP, 3, true, List.of(), null)));
        assertEquals("no /proc/PID/smaps_rollup (it came in Linux 4.14) for 1 process: real cost is counted from RSS",
                PsSentences.note(new PsNote(Code.NO_SMAPS_ROLLUP, 1, false, List.of(), null)));
        assertEquals("this kernel's smaps_rollup has no Pss_Anon or Pss_Shmem (they came in Linux 5.7): real cost is "
                + "counted from RSS", PsSentences.note(new PsNote(Code.PSS_UNSPLIT, 2, false, List.of(), null)));
    }
}
