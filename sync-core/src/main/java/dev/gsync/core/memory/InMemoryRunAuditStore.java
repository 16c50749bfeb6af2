package dev.gsync.core.memory;

import dev.gsync.core.model.UserId;
import dev.gsync.core.port.RunAudit;
import dev.gsync.core.port.RunAuditStore;
import io.vavr.collection.HashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.collection.Seq;
import io.vavr.control.Option;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The run audit trail in memory: for tests and short-lived embedded use. Keeps at most {@code runsPerUser} runs
 * per user (newest by start time; a run recorded later wins a tie), and {@link #prune} drops runs that started
 * more than {@code maxAge} ago.
 */
public final class InMemoryRunAuditStore implements RunAuditStore {
    private final int runsPerUser;
    private final Option<Duration> maxAge;
    private Map<UserId, List<RunAudit>> runs = HashMap.empty();   // newest first

    /** Keeps the last 200 runs per user, with no age limit. */
    public InMemoryRunAuditStore() {
        this(200, Option.none());
    }

    public InMemoryRunAuditStore(int runsPerUser, Option<Duration> maxAge) {
        if (runsPerUser < 1) throw new IllegalArgumentException("runsPerUser must be 1 or more");
        this.runsPerUser = runsPerUser;
        this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
    }

    @Override
    public synchronized void record(RunAudit run) {
        List<RunAudit> mine = runs.get(run.user()).getOrElse(List.empty());
        // insert before the first run that started no later: newest first, ties in recording order
        int at = mine.indexWhere(r -> !r.started().isAfter(run.started()));
        List<RunAudit> next = at < 0 ? mine.append(run) : mine.insert(at, run);
        runs = runs.put(run.user(), next.take(runsPerUser));
    }

    @Override
    public synchronized Seq<RunAudit> recent(UserId user, int limit) {
        return runs.get(user).getOrElse(List.empty()).take(limit);
    }

    @Override
    public synchronized int prune(Instant now) {
        if (maxAge.isEmpty()) return 0;
        Instant cutoff = now.minus(maxAge.get());
        int before = runs.values().map(List::size).sum().intValue();
        runs = runs.mapValues(list -> list.filter(r -> !r.started().isBefore(cutoff))).filterValues(list -> !list.isEmpty());
        return before - runs.values().map(List::size).sum().intValue();
    }
}
