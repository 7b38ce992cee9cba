package xray.model;

/** What {@code xray ps --by} sums processes by. */
public enum GroupBy { program, service, user }
