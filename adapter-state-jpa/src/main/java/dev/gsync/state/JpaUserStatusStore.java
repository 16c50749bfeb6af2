package dev.gsync.state;

import dev.gsync.core.port.UserStatus;
import dev.gsync.core.port.UserStatusStore;
import dev.gsync.core.model.UserId;
import io.vavr.collection.List;
import io.vavr.collection.SortedMap;
import io.vavr.collection.TreeMap;
import io.vavr.control.Option;
import jakarta.persistence.LockModeType;

import java.time.Clock;
import java.time.Instant;
import java.util.function.UnaryOperator;

final class JpaUserStatusStore implements UserStatusStore {
    private static final int MAX_TEXT = 1000;
    private static final int MAX_ERROR = 4000;

    private final StateDatabase db;
    private final Clock clock;

    JpaUserStatusStore(StateDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public Option<UserStatus> status(UserId user) {
        return db.read(em -> Option.of(em.find(UserStatusRow.class, JpaSyncStateStore.key(user)))).map(JpaUserStatusStore::toStatus);
    }

    @Override
    public SortedMap<UserId, UserStatus> statuses() {
        return db.read(em -> TreeMap.ofEntries(List.ofAll(em.createQuery("select s from UserStatusRow s", UserStatusRow.class).getResultList())
                .map(row -> io.vavr.Tuple.of(UserId.of(row.userId), toStatus(row)))));
    }

    @Override
    public UserStatus update(UserId user, UnaryOperator<UserStatus> change) {
        String key = JpaSyncStateStore.key(user);
        return db.inTransaction(em -> {
            // the row lock serialises concurrent updates of one user; a first insert race ends in a retried key clash
            UserStatusRow found = em.find(UserStatusRow.class, key, LockModeType.PESSIMISTIC_WRITE);
            UserStatus next = change.apply(found == null ? UserStatus.NEVER_RUN : toStatus(found));
            UserStatusRow row = found != null ? found : new UserStatusRow();
            row.userId = key;
            row.lastRunAt = next.lastRunAt().map(Instant::toEpochMilli).getOrNull();
            row.lastError = next.lastError().map(e -> clip(e, MAX_ERROR)).getOrNull();
            row.reauthReason = next.reauthorisationReason().map(r -> clip(r, MAX_TEXT)).getOrNull();
            row.lastCounts = JsonText.writeCounts(next.lastCounts());
            row.updatedAt = clock.millis();
            if (found == null) em.persist(row);
            return next;
        });
    }

    private static UserStatus toStatus(UserStatusRow row) {
        SortedMap<String, Integer> counts = JsonText.readCounts(row.lastCounts).getOrElseThrow(problem ->
                new StoredStateException("status of user '" + row.userId + "': unreadable counts: " + problem));
        return new UserStatus(Option.of(row.lastRunAt).map(Instant::ofEpochMilli), Option.of(row.lastError),
                Option.of(row.reauthReason), counts);
    }

    /** Error texts can be long (stack-like messages); the column is not, and the start says what happened. */
    static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
