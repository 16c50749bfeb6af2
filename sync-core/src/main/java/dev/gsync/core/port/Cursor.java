package dev.gsync.core.port;

import java.util.Objects;

/** Where a side's change feed left off. Opaque: a Google sync token set, a CRM modified-time mark. */
public record Cursor(String value) {
    /** No cursor: the next listing is a full one. */
    public static final Cursor START = new Cursor("");

    public Cursor {
        Objects.requireNonNull(value, "value");
    }

    public boolean isStart() {
        return value.isEmpty();
    }
}
