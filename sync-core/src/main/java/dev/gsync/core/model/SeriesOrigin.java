package dev.gsync.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * Marks an item as one changed occurrence of a recurring series: which series (that side's id of the series) and
 * which occurrence it replaces (its original start).
 */
public record SeriesOrigin(ExternalId series, Instant originalStart) {
    public SeriesOrigin {
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(originalStart, "originalStart");
    }
}
