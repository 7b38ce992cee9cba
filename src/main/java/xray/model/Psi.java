package xray.model;

/**
 * One line of a pressure file: the share of wall time (percent) in which some (or all)
 * non-idle tasks stalled on memory, averaged over 10, 60 and 300 seconds, and the total stall
 * time in microseconds (absent in the legacy pre-upstream format).
 */
public record Psi(double avg10, double avg60, double avg300, Long totalMicros) {
}
