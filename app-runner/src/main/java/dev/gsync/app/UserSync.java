package dev.gsync.app;

import dev.gsync.core.model.SyncSettings;
import dev.gsync.core.model.UserId;
import dev.gsync.core.port.HeldDeletion;
import dev.gsync.core.port.SyncStateStore;
import dev.gsync.core.run.RunOptions;
import io.vavr.control.Option;
import io.vavr.collection.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/**
 * Syncs one user, whatever asked (the CLI, the scheduler, an embedding application): checks the link, reads the
 * user's settings, runs the core, and records the outcome. Never throws for one user's trouble: a revoked grant
 * or an unreachable side becomes an outcome, so the caller goes on with the next user.
 */
public final class UserSync {
    private static final Logger log = LoggerFactory.getLogger(UserSync.class);

    private final CrmCalendars crm;
    private final GoogleCalendars google;
    private final GoogleAccounts accounts;
    private final SyncStateStore store;
    private final SyncEngine engine;
    private final RunLog runLog;
    private final Clock clock;
    private final ZoneId defaultZone;
    private final VtigerIdMigration idMigration;
    private final SyncLock lock;

    /** With a lock for this process only ({@link SyncLock#inProcess}). */
    public UserSync(CrmCalendars crm, GoogleCalendars google, GoogleAccounts accounts, SyncStateStore store,
                    SyncEngine engine, RunLog runLog, Clock clock, ZoneId defaultZone) {
        this(crm, google, accounts, store, engine, runLog, clock, defaultZone, SyncLock.inProcess());
    }

    public UserSync(CrmCalendars crm, GoogleCalendars google, GoogleAccounts accounts, SyncStateStore store,
                    SyncEngine engine, RunLog runLog, Clock clock, ZoneId defaultZone, SyncLock lock) {
        this.lock = lock;
        this.crm = crm;
        this.google = google;
        this.accounts = accounts;
        this.store = store;
        this.engine = engine;
        this.runLog = runLog;
        this.clock = clock;
        this.defaultZone = defaultZone;
        this.idMigration = new VtigerIdMigration(store);
    }

    /** The user's saved settings; for a new user the defaults in their CRM time zone, {@code sync.zone} only as the fallback. */
    public SyncSettings settings(UserId user) {
        return store.settings(user).getOrElse(() -> SyncSettings.defaults(crm.zoneOf(user).getOrElse(defaultZone)));
    }

    /** The deletion held back for the user's decision, if any (rule R12). */
    public Option<HeldDeletion> heldDeletion(UserId user) {
        return store.heldDeletion(user);
    }

    /**
     * Syncs the user once. Only one run per user at a time, across every process on the database: when another
     * holds the user, the answer is {@link Outcome#BUSY} at once and nothing is done. A dry run writes nothing and
     * does not wait for the lock.
     */
    public RunSummary sync(UserId user, boolean dryRun) {
        return dryRun ? syncLocked(user, true, RunOptions.HeldDecision.NONE) : locked(user, () -> syncLocked(user, false, RunOptions.HeldDecision.NONE));
    }

    /**
     * The user's decision on their held deletion, audited ({@code via}: "cli", "settings page", "admin page"), then
     * carried out by a sync run: confirmed deletions are made, discarded ones restored. Nothing held: a plain sync.
     */
    public RunSummary decide(UserId user, RunOptions.HeldDecision decision, String via) {
        return locked(user, () -> {
            store.heldDeletion(user).forEach(held -> {
                runLog.recordDecision(held, decision, via, clock.instant());
                log.info("held deletion decided user={} decision={} via={} items={}", user, decision, via, held.counts());
            });
            return syncLocked(user, false, decision);
        });
    }

    private RunSummary locked(UserId user, java.util.function.Supplier<RunSummary> run) {
        Option<SyncLock.Held> held = lock.tryLock(user);
        if (held.isEmpty()) {
            Instant now = clock.instant();
            log.info("sync of user={} skipped: another run holds the user", user);
            return new RunSummary(user, now, now, Outcome.BUSY, false, "",
                    List.of("another gsync process is syncing " + user + " right now (a scheduled run of `gsync serve` or another `gsync sync`); nothing was done, try again later"),
                    "gsync run for " + user + ": BUSY – another gsync process is syncing " + user + " right now; nothing was done, try again later");
        }
        try (SyncLock.Held ignored = held.get()) {
            return run.get();
        }
    }

    private RunSummary syncLocked(UserId user, boolean dryRun, RunOptions.HeldDecision decision) {
        Instant started = clock.instant();
        RunSummary summary;
        if (!accounts.isLinked(user)) {
            summary = new RunSummary(user, started, clock.instant(), Outcome.NOT_LINKED, dryRun, "",
                    List.of("Google is not linked: run `gsync connect --user " + user + "` or use the settings page"), "not linked");
        } else {
            try {
                int migrated = idMigration.ensureMigrated(user);
                if (migrated > 0) log.info("user {}: {} link(s) moved from vtiger webservice ids to the shared crmid scheme", user, migrated);
                SyncSettings settings = settings(user);
                summary = crm.forUser(user).fold(
                        problem -> new RunSummary(user, started, clock.instant(), Outcome.FAILED, dryRun, "",
                                List.of("CRM calendar unavailable: " + problem), "failed: " + problem),
                        crmCalendar -> engine.run(user, crmCalendar, google.forUser(user, settings), settings, dryRun, decision));
            } catch (RuntimeException e) {
                // a bug or an adapter that threw instead of answering Left: this user fails, the others go on
                log.error("sync of {} failed", user, e);
                summary = new RunSummary(user, started, clock.instant(), Outcome.FAILED, dryRun, "",
                        List.of("unexpected error: " + e), "failed: " + e);
            }
        }
        for (String problem : runLog.record(summary)) summary = summary.withNote(problem);
        log.info("synced user={} outcome={} took={}ms counts=[{}]{}", user, summary.outcome(), summary.took().toMillis(),
                summary.counts(), summary.failures().isEmpty() ? "" : " first_failure=\"" + summary.firstFailure() + "\"");
        return summary;
    }
}
