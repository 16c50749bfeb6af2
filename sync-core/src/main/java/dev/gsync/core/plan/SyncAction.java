package dev.gsync.core.plan;

import dev.gsync.core.model.CalendarItem;
import dev.gsync.core.model.ExternalId;
import dev.gsync.core.model.Field;
import dev.gsync.core.model.IdempotencyKey;
import dev.gsync.core.model.Link;
import dev.gsync.core.model.Side;
import dev.gsync.core.model.Version;
import dev.gsync.core.port.Change;
import dev.gsync.core.port.ItemRef;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.collection.Seq;
import io.vavr.collection.Set;
import io.vavr.control.Option;

/**
 * One step of a plan. Each names the planner rule that produced it (quoted in logs and reports). A step's link is
 * saved only after all of its writes succeeded, so a crash in between is repaired by the next run.
 */
public sealed interface SyncAction {

    String rule();

    /** The items this step is about, for reports and for re-reading them next run if it fails. */
    Seq<ItemRef> items();

    /** Mirror a new item onto {@code target}; when {@code replaces} is set, that old link gives way to the new one. */
    record Create(Side target, Change.Upserted source, CalendarItem item, IdempotencyKey key, Option<Link> replaces,
                  Seq<Conflict> conflicts, String rule) implements SyncAction {
        public Seq<ItemRef> items() {
            return List.of(new ItemRef(target.other(), source.id()));
        }
    }

    /**
     * Write changed fields to one or both sides of a linked pair (no patches: only refresh the link). {@code seen}
     * holds the sides whose current state the planner read; the link's base for them is refreshed too.
     */
    record Update(Link link, Seq<Patch> patches, Map<Side, Change.Upserted> seen, Seq<Conflict> conflicts, String rule)
            implements SyncAction {
        public Seq<ItemRef> items() {
            return List.of(new ItemRef(Side.CRM, link.crmId()), new ItemRef(Side.GOOGLE, link.googleId()));
        }
    }

    /** Write these fields of {@code item} onto one side. */
    record Patch(Side target, ExternalId id, Version expected, CalendarItem item, Set<Field> fields) {}

    /** Delete the item on {@code target} and drop the link. */
    record Delete(Link link, Side target, Version expected, Seq<Conflict> conflicts, String rule) implements SyncAction {
        public ExternalId id() {
            return link.id(target);
        }

        public Seq<ItemRef> items() {
            return List.of(new ItemRef(target.other(), link.id(target.other())), new ItemRef(target, link.id(target)));
        }
    }

    /** Forget the link; both items stay as they are. */
    record Unlink(Link link, String rule) implements SyncAction {
        public Seq<ItemRef> items() {
            return List.of(new ItemRef(Side.CRM, link.crmId()), new ItemRef(Side.GOOGLE, link.googleId()));
        }
    }

    /** Nothing is written; the reason is reported. {@code retryLater} puts the item on the list to re-read next run. */
    record Skip(ItemRef item, String reason, boolean retryLater, String rule) implements SyncAction {
        public Seq<ItemRef> items() {
            return List.of(item);
        }
    }
}
