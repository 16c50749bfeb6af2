package dev.gsync.core.port;

import dev.gsync.core.model.ExternalId;
import dev.gsync.core.model.Link;
import dev.gsync.core.model.Side;
import dev.gsync.core.model.SyncSettings;
import dev.gsync.core.model.UserId;
import io.vavr.collection.Seq;
import io.vavr.collection.Set;
import io.vavr.control.Option;

/**
 * What gsync remembers between runs, per user: settings, each side's cursor, the links, and the items to look at
 * again because their last attempt failed, and a mass deletion held back for the user to decide on. Each save is durable when it returns.
 */
public interface SyncStateStore {

    Seq<UserId> users();

    Option<SyncSettings> settings(UserId user);

    void saveSettings(UserId user, SyncSettings settings);

    Option<Cursor> cursor(UserId user, Side side);

    void saveCursor(UserId user, Side side, Cursor cursor);

    /** The links touching any of these ids, looked up in one go. */
    Seq<Link> links(UserId user, Set<ExternalId> crmIds, Set<ExternalId> googleIds);

    Seq<Link> allLinks(UserId user);

    /** The ids on {@code side} of the user's links: what a side whose feed misses some deletions checks each run. */
    default Set<ExternalId> linkedIds(UserId user, Side side) {
        return io.vavr.collection.HashSet.ofAll(allLinks(user).map(l -> l.id(side)));
    }

    int linkCount(UserId user);

    /** Stores the link, replacing any link of the user with the same CRM id or the same Google id. */
    void saveLink(UserId user, Link link);

    void removeLink(UserId user, Link link);

    /** Items whose last write failed (or were skipped for a passing reason): re-read and re-planned next run. */
    Set<ItemRef> pending(UserId user);

    void savePending(UserId user, Set<ItemRef> pending);

    /** What the user's last successful run applied; None before the first one. */
    Option<AppliedScope> appliedScope(UserId user);

    void saveAppliedScope(UserId user, AppliedScope applied);

    /** The mass deletion held back for the user's decision, if there is one (rule R12). */
    Option<HeldDeletion> heldDeletion(UserId user);

    /** Keeps it, replacing the user's earlier held deletion. */
    void holdDeletion(HeldDeletion held);

    /** Forgets the user's held deletion: it was decided, or is no longer planned. */
    void releaseHeldDeletion(UserId user);
}
