package xray.model;

/**
 * Memory pressure (PSI): {@code some} and {@code full}; either may be absent (cpu.pressure had
 * no {@code full} line before 5.13). When the whole file is absent or unreadable, the pressure
 * is null and the reader says why.
 */
public record Pressure(Psi some, Psi full) {
}
