package dev.gsync.core.memory;

import dev.gsync.core.model.ExternalId;
import dev.gsync.core.model.Link;
import dev.gsync.core.model.Side;
import dev.gsync.core.model.SyncSettings;
import dev.gsync.core.model.UserId;
import dev.gsync.core.port.AppliedScope;
import dev.gsync.core.port.Cursor;
import dev.gsync.core.port.HeldDeletion;
import dev.gsync.core.port.ItemRef;
import dev.gsync.core.port.SyncStateStore;
import io.vavr.Tuple;
import io.vavr.Tuple2;
import io.vavr.collection.HashMap;
import io.vavr.collection.HashSet;
import io.vavr.collection.Map;
import io.vavr.collection.Seq;
import io.vavr.collection.Set;
import io.vavr.collection.TreeSet;
import io.vavr.control.Option;

/** Sync state in memory: for tests and for embedders who keep state elsewhere. Thread-safe. */
public final class InMemorySyncStateStore implements SyncStateStore {
    private Map<UserId, SyncSettings> settings = HashMap.empty();
    private Map<Tuple2<UserId, Side>, Cursor> cursors = HashMap.empty();
    private Map<UserId, Map<ExternalId, Link>> linksByCrm = HashMap.empty();
    private Map<UserId, Map<ExternalId, Link>> linksByGoogle = HashMap.empty();
    private Map<UserId, Set<ItemRef>> pending = HashMap.empty();
    private Map<UserId, AppliedScope> applied = HashMap.empty();
    private Map<UserId, HeldDeletion> held = HashMap.empty();

    @Override
    public synchronized Seq<UserId> users() {
        return TreeSet.ofAll(settings.keySet()).toList();
    }

    @Override
    public synchronized Option<SyncSettings> settings(UserId user) {
        return settings.get(user);
    }

    @Override
    public synchronized void saveSettings(UserId user, SyncSettings s) {
        settings = settings.put(user, s);
    }

    @Override
    public synchronized Option<Cursor> cursor(UserId user, Side side) {
        return cursors.get(Tuple.of(user, side));
    }

    @Override
    public synchronized void saveCursor(UserId user, Side side, Cursor cursor) {
        cursors = cursors.put(Tuple.of(user, side), cursor);
    }

    @Override
    public synchronized Seq<Link> links(UserId user, Set<ExternalId> crmIds, Set<ExternalId> googleIds) {
        Map<ExternalId, Link> byCrm = linksByCrm.get(user).getOrElse(HashMap.empty());
        Map<ExternalId, Link> byGoogle = linksByGoogle.get(user).getOrElse(HashMap.empty());
        return HashSet.ofAll(crmIds.flatMap(byCrm::get)).addAll(googleIds.flatMap(byGoogle::get)).toList();
    }

    @Override
    public synchronized Seq<Link> allLinks(UserId user) {
        return linksByCrm.get(user).map(m -> m.values().toList()).getOrElse(io.vavr.collection.List.empty());
    }

    @Override
    public synchronized int linkCount(UserId user) {
        return linksByCrm.get(user).map(Map::size).getOrElse(0);
    }

    @Override
    public synchronized void saveLink(UserId user, Link link) {
        Map<ExternalId, Link> byCrm = linksByCrm.get(user).getOrElse(HashMap.empty());
        Map<ExternalId, Link> byGoogle = linksByGoogle.get(user).getOrElse(HashMap.empty());
        for (Link old : byCrm.get(link.crmId()).toList().appendAll(byGoogle.get(link.googleId()))) {
            byCrm = byCrm.remove(old.crmId());
            byGoogle = byGoogle.remove(old.googleId());
        }
        linksByCrm = linksByCrm.put(user, byCrm.put(link.crmId(), link));
        linksByGoogle = linksByGoogle.put(user, byGoogle.put(link.googleId(), link));
    }

    @Override
    public synchronized void removeLink(UserId user, Link link) {
        Map<ExternalId, Link> byCrm = linksByCrm.get(user).getOrElse(HashMap.empty());
        Map<ExternalId, Link> byGoogle = linksByGoogle.get(user).getOrElse(HashMap.empty());
        // only the pair itself: a newer link sharing one of its ids stays
        if (byCrm.get(link.crmId()).exists(l -> l.googleId().equals(link.googleId()))) {
            linksByCrm = linksByCrm.put(user, byCrm.remove(link.crmId()));
            linksByGoogle = linksByGoogle.put(user, byGoogle.remove(link.googleId()));
        }
    }

    @Override
    public synchronized Set<ItemRef> pending(UserId user) {
        return pending.get(user).getOrElse(HashSet.empty());
    }

    @Override
    public synchronized void savePending(UserId user, Set<ItemRef> refs) {
        pending = pending.put(user, refs);
    }

    @Override
    public synchronized Option<AppliedScope> appliedScope(UserId user) {
        return applied.get(user);
    }

    @Override
    public synchronized void saveAppliedScope(UserId user, AppliedScope scope) {
        applied = applied.put(user, scope);
    }

    @Override
    public synchronized Option<HeldDeletion> heldDeletion(UserId user) {
        return held.get(user);
    }

    @Override
    public synchronized void holdDeletion(HeldDeletion deletion) {
        held = held.put(deletion.user(), deletion);
    }

    @Override
    public synchronized void releaseHeldDeletion(UserId user) {
        held = held.remove(user);
    }
}
