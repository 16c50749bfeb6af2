package dev.gsync.state;

import dev.gsync.core.model.UserId;
import io.vavr.collection.Seq;

import java.time.Instant;

/**
 * The audit trail of sync runs, pruned to the configured {@link RunRetention}. Kept here until sync-core has a
 * port for it.
 */
public interface RunAuditStore {

    /** Stores the run and drops what the retention limits no longer allow. */
    void record(RunAudit run);

    /** The user's runs, newest first, at most {@code limit}. */
    Seq<RunAudit> recent(UserId user, int limit);

    /** Applies the age limit to every user's runs, as of {@code now}; returns how many runs were dropped. */
    int prune(Instant now);
}
