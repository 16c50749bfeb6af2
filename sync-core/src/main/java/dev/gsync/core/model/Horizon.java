package dev.gsync.core.model;

/** How far back and ahead of today items are synced. */
public record Horizon(int daysBack, int daysAhead) {
    public static final Horizon DEFAULT = new Horizon(30, 365);
}
