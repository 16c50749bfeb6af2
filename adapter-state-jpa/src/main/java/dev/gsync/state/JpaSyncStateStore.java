package dev.gsync.state;

import dev.gsync.core.model.ExternalId;
import dev.gsync.core.model.Fingerprints;
import dev.gsync.core.model.ItemKind;
import dev.gsync.core.model.Link;
import dev.gsync.core.model.Side;
import dev.gsync.core.model.SyncSettings;
import dev.gsync.core.model.UserId;
import dev.gsync.core.model.Version;
import dev.gsync.core.port.AppliedScope;
import dev.gsync.core.port.Cursor;
import dev.gsync.core.port.HeldDeletion;
import dev.gsync.core.port.ItemRef;
import dev.gsync.core.port.SyncStateStore;
import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.Set;
import io.vavr.control.Either;
import io.vavr.control.Option;
import jakarta.persistence.EntityManager;
import org.eclipse.persistence.config.HintValues;
import org.eclipse.persistence.config.QueryHints;

import java.time.Clock;
import java.time.Instant;

/**
 * {@link SyncStateStore} on the JPA rows (a held deletion: one {@link HeldDeletionRow} per user). Saves are single transactions; {@link #saveLink} deletes whatever link
 * holds either id and inserts the new one in the same transaction, and the table's two unique keys make a
 * concurrent writer fail and retry rather than leave two links on one item.
 */
final class JpaSyncStateStore implements SyncStateStore {
    /** Ids per IN list: well below every database's bind-parameter limit, one index range scan per chunk. */
    static final int CHUNK = 500;
    static final int MAX_ID_LENGTH = 512;
    static final int MAX_USER_LENGTH = 128;
    static final int MAX_VERSION_LENGTH = 1024;
    static final int MAX_FINGERPRINTS_LENGTH = 2000;
    static final int MAX_REASON_LENGTH = 4000;

    private final StateDatabase db;
    private final Clock clock;

    JpaSyncStateStore(StateDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** The users with settings, as the in-memory store answers: a user without settings is not synced. */
    @Override
    public Seq<UserId> users() {
        return db.read(em -> List.ofAll(em.createQuery("select s.userId from SettingsRow s order by s.userId", String.class)
                .getResultList()).map(UserId::of));
    }

    @Override
    public Option<SyncSettings> settings(UserId user) {
        return db.read(em -> Option.of(em.find(SettingsRow.class, key(user))))
                .map(row -> SettingsText.read(row.body).getOrElseThrow(problem ->
                        new StoredStateException("settings of user '" + user + "' are unreadable: " + problem)));
    }

    @Override
    public void saveSettings(UserId user, SyncSettings settings) {
        SyncSettings.validate(settings).toEither().getOrElseThrow(problems ->
                new IllegalArgumentException("refusing to store invalid settings: " + problems.mkString("; ")));
        String body = SettingsText.write(settings);
        db.inTransaction(em -> {
            SettingsRow found = em.find(SettingsRow.class, key(user));
            SettingsRow row = found != null ? found : new SettingsRow();
            row.userId = key(user);
            row.body = body;
            row.updatedAt = clock.millis();
            if (found == null) em.persist(row);
            return row;
        });
    }

    @Override
    public Option<Cursor> cursor(UserId user, Side side) {
        return db.read(em -> Option.of(em.find(CursorRow.class, new CursorRow.Key(key(user), side.name()))))
                .map(row -> new Cursor(row.value));
    }

    @Override
    public void saveCursor(UserId user, Side side, Cursor cursor) {
        db.inTransaction(em -> {
            CursorRow found = em.find(CursorRow.class, new CursorRow.Key(key(user), side.name()));
            CursorRow row = found != null ? found : new CursorRow();
            row.userId = key(user);
            row.side = side.name();
            row.value = cursor.value();
            row.updatedAt = clock.millis();
            if (found == null) em.persist(row);
            return row;
        });
    }

    @Override
    public Seq<Link> links(UserId user, Set<ExternalId> crmIds, Set<ExternalId> googleIds) {
        return db.read(em -> {
            java.util.Map<String, LinkRow> found = new java.util.TreeMap<>();
            for (Seq<String> chunk : crmIds.toList().map(ExternalId::value).grouped(CHUNK)) {
                byIds(em, user, "crmId", chunk).forEach(row -> found.put(row.crmId, row));
            }
            for (Seq<String> chunk : googleIds.toList().map(ExternalId::value).grouped(CHUNK)) {
                byIds(em, user, "googleId", chunk).forEach(row -> found.put(row.crmId, row));
            }
            return List.ofAll(found.values()).map(row -> toLink(user, row));
        });
    }

    private static java.util.List<LinkRow> byIds(EntityManager em, UserId user, String column, Seq<String> ids) {
        return em.createQuery("select l from LinkRow l where l.userId = :user and l." + column + " in :ids", LinkRow.class)
                .setHint(QueryHints.READ_ONLY, HintValues.TRUE)   // rows become values at once: no change-tracking copies
                .setParameter("user", key(user))
                .setParameter("ids", ids.toJavaList())
                .getResultList();
    }

    @Override
    public Seq<Link> allLinks(UserId user) {
        return db.read(em -> List.ofAll(em.createQuery("select l from LinkRow l where l.userId = :user order by l.crmId", LinkRow.class)
                .setHint(QueryHints.READ_ONLY, HintValues.TRUE)
                .setParameter("user", key(user))
                .getResultList())).map(row -> toLink(user, row));
    }

    @Override
    public Set<ExternalId> linkedIds(UserId user, Side side) {
        String column = side == Side.CRM ? "l.crmId" : "l.googleId";
        return db.read(em -> HashSet.ofAll(em.createQuery("select " + column + " from LinkRow l where l.userId = :user", String.class)
                .setParameter("user", key(user)).getResultList()).map(ExternalId::of));
    }

    @Override
    public int linkCount(UserId user) {
        return db.read(em -> em.createQuery("select count(l) from LinkRow l where l.userId = :user", Long.class)
                .setParameter("user", key(user)).getSingleResult()).intValue();
    }

    @Override
    public void saveLink(UserId user, Link link) {
        saveLinks(user, List.of(link));
    }

    /**
     * {@link #saveLink} for each link in turn, in one transaction: what a batch of writes produces is stored at
     * once, at the cost of one commit instead of one per link. (Not on the port yet.)
     */
    void saveLinks(UserId user, Seq<Link> links) {
        Seq<LinkRow> rows = links.map(link -> toRow(user, link));
        boolean independent = rows.map(r -> r.crmId).distinct().size() == rows.size()
                && rows.map(r -> r.googleId).distinct().size() == rows.size();
        db.inTransaction(em -> {
            if (independent) {
                // no two new links share an id, so order does not matter: clear all their ids at once, insert in a batch
                for (Seq<String> chunk : rows.map(r -> r.crmId).grouped(CHUNK)) deleteByIds(em, user, "crmId", chunk);
                for (Seq<String> chunk : rows.map(r -> r.googleId).grouped(CHUNK)) deleteByIds(em, user, "googleId", chunk);
                rows.forEach(em::persist);
                return rows.size();
            }
            for (LinkRow row : rows) {
                em.createQuery("delete from LinkRow l where l.userId = :user and (l.crmId = :crm or l.googleId = :google)")
                        .setParameter("user", row.userId)
                        .setParameter("crm", row.crmId)
                        .setParameter("google", row.googleId)
                        .executeUpdate();
                em.persist(row);
                em.flush();   // the next link's delete must see this one
            }
            return rows.size();
        });
    }

    private static void deleteByIds(EntityManager em, UserId user, String column, Seq<String> ids) {
        em.createQuery("delete from LinkRow l where l.userId = :user and l." + column + " in :ids")
                .setParameter("user", key(user))
                .setParameter("ids", ids.toJavaList())
                .executeUpdate();
    }

    /** Removes the link tying exactly these two ids; a link already replaced by another one is left alone. */
    @Override
    public void removeLink(UserId user, Link link) {
        db.inTransaction(em -> em.createQuery("delete from LinkRow l where l.userId = :user and l.crmId = :crm and l.googleId = :google")
                .setParameter("user", key(user))
                .setParameter("crm", link.crmId().value())
                .setParameter("google", link.googleId().value())
                .executeUpdate());
    }

    @Override
    public Set<ItemRef> pending(UserId user) {
        return db.read(em -> HashSet.ofAll(em.createQuery("select p from PendingRow p where p.userId = :user", PendingRow.class)
                .setHint(QueryHints.READ_ONLY, HintValues.TRUE)
                .setParameter("user", key(user))
                .getResultList())
                .map(row -> new ItemRef(enumOf(Side.class, row.side, "pending", user), ExternalId.of(row.itemId))));
    }

    @Override
    public void savePending(UserId user, Set<ItemRef> pending) {
        pending.forEach(ref -> checkId(ref.id()));
        db.inTransaction(em -> {
            em.createQuery("delete from PendingRow p where p.userId = :user").setParameter("user", key(user)).executeUpdate();
            for (ItemRef ref : pending) {
                PendingRow row = new PendingRow();
                row.userId = key(user);
                row.side = ref.side().name();
                row.itemId = ref.id().value();
                em.persist(row);
            }
            return pending.size();
        });
    }

    @Override
    public Option<HeldDeletion> heldDeletion(UserId user) {
        return db.read(em -> Option.of(em.find(HeldDeletionRow.class, key(user))))
                .map(row -> new HeldDeletion(user, Instant.ofEpochMilli(row.heldAt), row.reason, HeldDeletionText.read(row.items)
                        .getOrElseThrow(problem -> new StoredStateException("held deletion of user '" + user + "' is unreadable: " + problem))));
    }

    @Override
    public void holdDeletion(HeldDeletion held) {
        held.items().forEach(i -> { checkId(i.id()); checkId(i.gone()); });
        String items = HeldDeletionText.write(held.items());
        db.inTransaction(em -> {
            HeldDeletionRow found = em.find(HeldDeletionRow.class, key(held.user()));
            HeldDeletionRow row = found != null ? found : new HeldDeletionRow();
            row.userId = key(held.user());
            row.heldAt = held.heldAt().toEpochMilli();
            row.reason = JpaUserStatusStore.clip(held.reason(), MAX_REASON_LENGTH);
            row.items = items;
            if (found == null) em.persist(row);
            return row;
        });
    }

    @Override
    public void releaseHeldDeletion(UserId user) {
        db.inTransaction(em -> em.createQuery("delete from HeldDeletionRow h where h.userId = :user")
                .setParameter("user", key(user)).executeUpdate());
    }

    static String key(UserId user) {
        if (user.value().length() > MAX_USER_LENGTH) {
            throw new IllegalArgumentException("user id longer than " + MAX_USER_LENGTH + " characters: '" + user + "'");
        }
        return user.value();
    }

    private static String checkId(ExternalId id) {
        if (id.value().length() > MAX_ID_LENGTH) {
            throw new IllegalArgumentException("item id longer than " + MAX_ID_LENGTH + " characters: '" + id + "'");
        }
        return id.value();
    }

    private static String fits(String what, String value, int max) {
        if (value.length() > max) throw new IllegalArgumentException(what + " longer than " + max + " characters");
        return value;
    }

    private static LinkRow toRow(UserId user, Link link) {
        LinkRow row = new LinkRow();
        row.userId = key(user);
        row.crmId = checkId(link.crmId());
        row.googleId = checkId(link.googleId());
        row.kind = link.kind().name();
        row.origin = link.origin().name();
        row.crmVersion = fits("CRM version", link.crmVersion().value(), MAX_VERSION_LENGTH);
        row.googleVersion = fits("Google version", link.googleVersion().value(), MAX_VERSION_LENGTH);
        row.crmBase = fits("CRM fingerprints", link.crmBase().encode(), MAX_FINGERPRINTS_LENGTH);
        row.googleBase = fits("Google fingerprints", link.googleBase().encode(), MAX_FINGERPRINTS_LENGTH);
        return row;
    }

    private static Link toLink(UserId user, LinkRow row) {
        String where = "link " + row.crmId + " <-> " + row.googleId;
        return new Link(enumOf(ItemKind.class, row.kind, where, user), enumOf(Side.class, row.origin, where, user),
                ExternalId.of(row.crmId), ExternalId.of(row.googleId),
                Version.of(row.crmVersion), Version.of(row.googleVersion),
                fingerprints(row.crmBase, where, user), fingerprints(row.googleBase, where, user));
    }

    private static Fingerprints fingerprints(String text, String where, UserId user) {
        return Fingerprints.decode(text).getOrElseThrow(problem ->
                new StoredStateException(where + " of user '" + user + "': " + problem));
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String name, String where, UserId user) {
        Either<String, E> value = io.vavr.control.Try.of(() -> Enum.valueOf(type, name)).toEither()
                .mapLeft(e -> where + " of user '" + user + "': unknown " + type.getSimpleName() + " '" + name + "'");
        return value.getOrElseThrow(StoredStateException::new);
    }

    @Override
    public Option<AppliedScope> appliedScope(UserId user) {
        return db.read(em -> Option.of(em.find(AppliedScopeRow.class, key(user))))
                .map(row -> new AppliedScope(row.settings, java.time.LocalDate.parse(row.horizonEnd)));
    }

    @Override
    public void saveAppliedScope(UserId user, AppliedScope applied) {
        db.inTransaction(em -> {
            AppliedScopeRow found = em.find(AppliedScopeRow.class, key(user));
            AppliedScopeRow row = found != null ? found : new AppliedScopeRow();
            row.userId = key(user);
            row.settings = applied.settings();
            row.horizonEnd = applied.horizonEnd().toString();
            row.updatedAt = clock.millis();
            if (found == null) em.persist(row);
            return row;
        });
    }
}
