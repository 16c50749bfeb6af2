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

    /** The id, on {@code side}, of the item a mirror made with this key was copied from; None if it names another side. */
    public io.vavr.control.Option<ExternalId> sourceOn(Side side) {
        String prefix = side.name().toLowerCase(java.util.Locale.ROOT) + ":";
        return value.startsWith(prefix) && value.length() > prefix.length()
                ? io.vavr.control.Option.some(ExternalId.of(value.substring(prefix.length())))
                : io.vavr.control.Option.none();
    }

    @Override
    public String toString() {
        return value;
    }
}
