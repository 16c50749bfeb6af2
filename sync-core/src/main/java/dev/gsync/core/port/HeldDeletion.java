package dev.gsync.core.port;

import dev.gsync.core.model.ExternalId;
import dev.gsync.core.model.Side;
import dev.gsync.core.model.UserId;
import io.vavr.collection.Seq;
import io.vavr.collection.Set;
import io.vavr.control.Option;

import java.time.Instant;
import java.util.Objects;

/**
 * A mass deletion the guard held back for the user to decide on (rule R12): the deletions a refused plan contained,
 * when and why they were held. Until the user confirms or discards it, runs sync everything else and leave these
 * items as they are.
 *
 * @param heldAt when the deletion was first held (or last grew)
 * @param reason the guard's words, e.g. "the plan deletes 20 of 21 linked items, more than the allowed share of 50%"
 */
public record HeldDeletion(UserId user, Instant heldAt, String reason, Seq<Item> items) {

    /**
     * One held deletion: {@code id} on {@code target} would be deleted because its linked partner {@code gone}, on the
     * other side, was deleted.
     *
     * @param title the title of the item that would be deleted, when it could be read
     */
    public record Item(Side target, ExternalId id, ExternalId gone, Option<String> title) {
        public Item {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(gone, "gone");
            Objects.requireNonNull(title, "title");
        }

        /** The item that would be deleted. */
        public ItemRef doomed() {
            return new ItemRef(target, id);
        }

        /** Its partner, already deleted on the other side. */
        public ItemRef deleted() {
            return new ItemRef(target.other(), gone);
        }

        @Override
        public String toString() {
            return "delete " + doomed() + title.map(t -> " \"" + t + "\"").getOrElse("") + " (deleted as " + deleted() + ")";
        }
    }

    public HeldDeletion {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(heldAt, "heldAt");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(items, "items");
        if (items.isEmpty()) throw new IllegalArgumentException("a held deletion holds at least one item");
    }

    public Set<ItemRef> doomed() {
        return items.map(Item::doomed).toLinkedSet();
    }

    /** How many deletions per target side, e.g. "20 on GOOGLE". */
    public String counts() {
        return items.groupBy(Item::target).toList().sortBy(t -> t._1).map(t -> t._2.size() + " on " + t._1).mkString(", ");
    }
}
