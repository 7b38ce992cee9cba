package xray.model;

import java.util.List;

/**
 * Everything {@code xray ps} shows: every matching process with its names and figures (pid
 * order), what sharing saves, and the notes on what limits the report.
 *
 * @param pss whether PSS was asked for (--pss)
 */
public record PsReport(boolean pss, List<PsProcess> processes, Sharing sharing, List<PsNote> notes) {
    public PsReport {
        processes = List.copyOf(processes);
        notes = List.copyOf(notes);
    }
}
