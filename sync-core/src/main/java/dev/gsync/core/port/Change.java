package dev.gsync.core.port;

import dev.gsync.core.model.CalendarItem;
import dev.gsync.core.model.ExternalId;
import dev.gsync.core.model.IdempotencyKey;
import dev.gsync.core.model.Version;
import io.vavr.control.Option;

import java.time.Instant;
import java.util.Objects;

/** One entry of a side's change feed. Absence from a listing never means deletion; only {@link Removed} does. */
public sealed interface Change {
    ExternalId id();

    /**
     * An item as it is now.
     *
     * @param modified when that side last changed it (for MOST_RECENT_WINS only; never used to detect change)
     * @param origin   the key gsync created it with, when gsync created it: how a mirror whose link was lost
     *                 in a crash is recognised instead of copied back
     */
    record Upserted(ExternalId id, Version version, CalendarItem item, Instant modified, Option<IdempotencyKey> origin)
            implements Change {
        public Upserted {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(item, "item");
            Objects.requireNonNull(modified, "modified");
            Objects.requireNonNull(origin, "origin");
        }

        public static Upserted of(ExternalId id, Version version, CalendarItem item, Instant modified) {
            return new Upserted(id, version, item, modified, Option.none());
        }
    }

    /**
     * The item was deleted (Google "cancelled", vtiger deleted=1, a vanished row, a reassignment to someone else).
     *
     * @param when when it was deleted, if the side knows (for MOST_RECENT_WINS)
     */
    record Removed(ExternalId id, Option<Instant> when) implements Change {
        public Removed {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(when, "when");
        }

        /** A removal whose time is unknown (a row that vanished): an edit on the other side then wins. */
        public static Removed of(ExternalId id) {
            return new Removed(id, Option.none());
        }
    }
}
