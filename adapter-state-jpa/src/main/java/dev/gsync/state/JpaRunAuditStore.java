package dev.gsync.state;

import dev.gsync.core.port.RunAudit;
import dev.gsync.core.port.RunAuditStore;
import dev.gsync.core.model.UserId;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import jakarta.persistence.EntityManager;
import org.eclipse.persistence.config.HintValues;
import org.eclipse.persistence.config.QueryHints;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * The run audit trail in one table. Each {@link #record} also prunes, in the same transaction: the user's runs
 * beyond the newest N (ordered by start time, then run id, so ties are cut deterministically) and every run older
 * than the age limit. A run too large for the report column is stored cut ({@link RunAuditText#write(RunAudit, int)}).
 */
final class JpaRunAuditStore implements RunAuditStore {
    private final StateDatabase db;
    private final RunRetention retention;
    private final Clock clock;

    JpaRunAuditStore(StateDatabase db, RunRetention retention, Clock clock) {
        this.db = db;
        this.retention = retention;
        this.clock = clock;
    }

    @Override
    public void record(RunAudit run) {
        RunRow row = new RunRow();
        row.runId = UUID.randomUUID().toString();
        row.userId = JpaSyncStateStore.key(run.user());
        row.startedAt = run.started().toEpochMilli();
        row.finishedAt = run.finished().toEpochMilli();
        row.counts = JsonText.writeCounts(run.counts());
        row.report = RunAuditText.write(run, RunAuditText.MAX_CHARS);
        db.inTransaction(em -> {
            em.persist(row);
            em.flush();
            return pruneUser(em, row.userId) + pruneOld(em, clock.instant());
        });
    }

    @Override
    public Seq<RunAudit> recent(UserId user, int limit) {
        return db.read(em -> List.ofAll(em.createQuery(
                        "select r from RunRow r where r.userId = :user order by r.startedAt desc, r.runId desc", RunRow.class)
                .setHint(QueryHints.READ_ONLY, HintValues.TRUE)
                .setParameter("user", JpaSyncStateStore.key(user))
                .setMaxResults(limit)
                .getResultList()))
                .map(row -> RunAuditText.read(user, Instant.ofEpochMilli(row.startedAt), Instant.ofEpochMilli(row.finishedAt), row.report)
                        .getOrElseThrow(problem -> new StoredStateException("run " + row.runId + " of user '" + user + "': " + problem)));
    }

    @Override
    public int prune(Instant now) {
        return db.inTransaction(em -> pruneOld(em, now));
    }

    private int pruneUser(EntityManager em, String user) {
        if (retention.runsPerUser().isEmpty()) return 0;
        // the oldest run still kept; everything ordered before it goes (two steps: MariaDB has no LIMIT in IN subqueries)
        java.util.List<RunRow> oldestKept = em.createQuery(
                        "select r from RunRow r where r.userId = :user order by r.startedAt desc, r.runId desc", RunRow.class)
                .setParameter("user", user)
                .setFirstResult(retention.runsPerUser().get() - 1)
                .setMaxResults(1)
                .getResultList();
        if (oldestKept.isEmpty()) return 0;
        RunRow edge = oldestKept.get(0);
        return em.createQuery("delete from RunRow r where r.userId = :user and (r.startedAt < :at or (r.startedAt = :at and r.runId < :id))")
                .setParameter("user", user)
                .setParameter("at", edge.startedAt)
                .setParameter("id", edge.runId)
                .executeUpdate();
    }

    private int pruneOld(EntityManager em, Instant now) {
        if (retention.maxAge().isEmpty()) return 0;
        return em.createQuery("delete from RunRow r where r.startedAt < :cutoff")
                .setParameter("cutoff", now.minus(retention.maxAge().get()).toEpochMilli())
                .executeUpdate();
    }
}
