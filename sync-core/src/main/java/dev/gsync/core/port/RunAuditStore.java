package dev.gsync.core.port;

import dev.gsync.core.model.UserId;
import io.vavr.collection.Seq;

import java.time.Instant;

/**
 * The audit trail of sync runs, newest first per user. Implementations keep it bounded (a number of runs per
 * user and/or an age limit), applied on each {@link #record} and by {@link #prune}.
 */
public interface RunAuditStore {

    /** Stores the run and drops what the retention limits no longer allow. */
    void record(RunAudit run);

    /** The user's runs, newest first, at most {@code limit}. */
    Seq<RunAudit> recent(UserId user, int limit);

    /** Applies the age limit to every user's runs, as of {@code now}; returns how many runs were dropped. */
    int prune(Instant now);
}
