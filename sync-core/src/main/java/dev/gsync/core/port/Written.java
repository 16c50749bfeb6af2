package dev.gsync.core.port;

import dev.gsync.core.model.CalendarItem;
import dev.gsync.core.model.ExternalId;
import dev.gsync.core.model.Version;

import java.util.Objects;

/** The result of a successful write. */
public sealed interface Written {
    ExternalId id();

    /** Created or updated: the new version and the item as the side stored it (after its own normalising). */
    record Saved(ExternalId id, Version version, CalendarItem stored) implements Written {
        public Saved {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(stored, "stored");
        }
    }

    record Deleted(ExternalId id) implements Written {
        public Deleted {
            Objects.requireNonNull(id, "id");
        }
    }
}
