package dev.gsync.core.model;

import java.util.Objects;

/** One side's version token of an item: a Google etag, a CRM modified time. Compared only for equality. */
public record Version(String value) {
    public Version {
        Objects.requireNonNull(value, "value");
    }

    public static Version of(String value) {
        return new Version(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
