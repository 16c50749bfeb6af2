package dev.gsync.core.port;

import dev.gsync.core.model.CalendarItem;
import dev.gsync.core.model.ExternalId;
import dev.gsync.core.model.Field;
import dev.gsync.core.model.IdempotencyKey;
import dev.gsync.core.model.Version;

import io.vavr.collection.Set;

import java.util.Objects;

/** A write to one side. Updates and deletes name the version they expect; a mismatch answers Stale. */
public sealed interface Write {

    /**
     * Creating twice with the same key must leave one item and answer with it both times; if the item made with
     * that key was deleted since, it is made again (or restored). Sides that can, report the key back as
     * {@link Change.Upserted#origin()}.
     */
    record Create(CalendarItem item, IdempotencyKey key) implements Write {
        public Create {
            Objects.requireNonNull(item, "item");
            Objects.requireNonNull(key, "key");
        }
    }

    /**
     * Sets {@code fields} from {@code item} and leaves everything else the side keeps as it is: fields gsync did not
     * change, fields it does not model (conference data, colours, other people's attendees, ...).
     */
    record Update(ExternalId id, Version expected, CalendarItem item, Set<Field> fields) implements Write {
        public Update {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(expected, "expected");
            Objects.requireNonNull(item, "item");
            Objects.requireNonNull(fields, "fields");
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
