package dev.gsync.core.model;

import java.util.Objects;

/**
 * A stable name for "the mirror of that item": the same source item always gets the same key, so a create that is
 * retried after a lost answer or a crash finds the copy it already made instead of making a second one.
 * The Google adapter turns it into a client-supplied event id.
 */
public record IdempotencyKey(String value) {
    public IdempotencyKey {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) throw new IllegalArgumentException("blank key");
    }

    public static IdempotencyKey mirrorOf(Side sourceSide, ExternalId sourceId) {
        return new IdempotencyKey(sourceSide.name().toLowerCase(java.util.Locale.ROOT) + ":" + sourceId.value());
    }

    @Override
    public String toString() {
        return value;
    }
}
