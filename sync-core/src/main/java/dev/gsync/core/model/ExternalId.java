package dev.gsync.core.model;

import java.util.Objects;

/** One side's id of an item. Opaque to the core: adapters may pack more into it (a Google calendar id, say). */
public record ExternalId(String value) implements Comparable<ExternalId> {
    public ExternalId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) throw new IllegalArgumentException("blank id");
    }

    public static ExternalId of(String value) {
        return new ExternalId(value);
    }

    @Override
    public int compareTo(ExternalId o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
