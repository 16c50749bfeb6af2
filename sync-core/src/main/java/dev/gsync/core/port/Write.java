package dev.gsync.core.port;

import dev.gsync.core.model.CalendarItem;
import dev.gsync.core.model.ExternalId;
import dev.gsync.core.model.IdempotencyKey;
import dev.gsync.core.model.Version;

import java.util.Objects;

/** A write to one side. Updates and deletes name the version they expect; a mismatch answers Stale. */
public sealed interface Write {

    /** Creating twice with the same key must leave one item and answer with it both times. */
    record Create(CalendarItem item, IdempotencyKey key) implements Write {
        public Create {
            Objects.requireNonNull(item, "item");
            Objects.requireNonNull(key, "key");
        }
    }

    record Update(ExternalId id, Version expected, CalendarItem item) implements Write {
        public Update {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(expected, "expected");
            Objects.requireNonNull(item, "item");
        }
    }

    /** Deleting what is already gone counts as done. */
    record Delete(ExternalId id, Version expected) implements Write {
        public Delete {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(expected, "expected");
        }
    }
}
