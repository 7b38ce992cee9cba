package xray.analysis;

import java.util.ArrayList;
import java.util.List;
import xray.model.PsNote;
import xray.model.PsNote.Code;
import xray.model.PsProcess;
import xray.model.PssRead;

/**
 * What limits {@code xray ps}'s report, one note for each kind of limit (never one per process):
 * PSS that needs root, processes too big to walk, a kernel whose smaps_rollup is missing or cannot
 * split PSS.
 */
final class PsNotes {
    private PsNotes() {
    }

    /**
     * @param selfEuid  xray's effective uid, or null when unknown (a snapshot)
     * @param pssMaxRss the --pss-max-rss the processes were read with
     */
    static List<PsNote> of(List<PsProcess> processes, Integer selfEuid, long pssMaxRss) {
        List<PsNote> notes = new ArrayList<>();
        List<PsProcess> denied = having(processes, PssRead.DENIED);
        if (!denied.isEmpty()) {
            // Root is refused too when the process holds capabilities xray's own process lacks.
            boolean asRoot = Integer.valueOf(0).equals(selfEuid);
            notes.add(asRoot ? note(Code.PSS_KEPT_FROM_ROOT, denied, true, null)
                    : note(Code.PSS_NEEDS_ROOT, denied, false, null));
        }
        List<PsProcess> big = having(processes, PssRead.TOO_BIG);
        if (!big.isEmpty()) {
            notes.add(note(Code.PSS_TOO_BIG, big, true, pssMaxRss));
        }
        List<PsProcess> noRollup = having(processes, PssRead.NO_ROLLUP);
        if (!noRollup.isEmpty()) {
            // "all" when no process had one: the kernel (or the snapshot) has none.
            notes.add(new PsNote(Code.NO_SMAPS_ROLLUP, noRollup.size(), having(processes, PssRead.READ).isEmpty(),
                    List.of(), null));
        }
        int unsplit = 0;
        for (PsProcess p : processes) {
            unsplit += ProcessModel.pssUnsplit(p.sample()) ? 1 : 0;
        }
        if (unsplit > 0) {
            notes.add(new PsNote(Code.PSS_UNSPLIT, unsplit, false, List.of(), null));
        }
        return notes;
    }

    private static PsNote note(Code code, List<PsProcess> ps, boolean withPids, Long bytes) {
        List<Integer> pids = new ArrayList<>();
        for (int i = 0; withPids && i < Math.min(PsNote.PIDS, ps.size()); i++) {
            pids.add(ps.get(i).pid());
        }
        return new PsNote(code, ps.size(), false, pids, bytes);
    }

    private static List<PsProcess> having(List<PsProcess> processes, PssRead state) {
        List<PsProcess> out = new ArrayList<>();
        for (PsProcess p : processes) {
            if (p.sample().pssRead() == state) {
                out.add(p);
            }
        }
        return out;
    }
}
