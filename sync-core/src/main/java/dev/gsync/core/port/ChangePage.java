package dev.gsync.core.port;

import io.vavr.collection.Seq;

import java.util.Objects;

/** One page of a change feed; {@code more} asks the caller to continue from {@code next}. */
public record ChangePage(Seq<Change> changes, Cursor next, boolean more) {
    public ChangePage {
        Objects.requireNonNull(changes, "changes");
        Objects.requireNonNull(next, "next");
    }
}
