package dev.gsync.app;

import dev.gsync.core.model.UserId;
import dev.gsync.core.port.HeldDeletion;
import dev.gsync.core.port.RunAudit;
import dev.gsync.core.port.RunAuditStore;
import dev.gsync.core.port.UserStatus;
import dev.gsync.core.port.UserStatusStore;
import dev.gsync.core.run.RunOptions;
import dev.gsync.state.RunReports;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.SortedMap;
import io.vavr.collection.TreeMap;
import io.vavr.control.Option;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.UnaryOperator;

/**
 * The runner's view of past runs, kept in the core's {@link RunAuditStore} (each run, item by item) and
 * {@link UserStatusStore} (the last run's counts, re-authorisation): shared by every runner instance through the
 * state database, so {@code gsync status} and the web pages show the same from any machine.
 */
public final class RunLog {
    private static final Logger log = LoggerFactory.getLogger(RunLog.class);
    /** How far back {@link #lastProblem} looks; the audit keeps 200 runs per user by default. */
    static final int PROBLEM_LOOKBACK = 200;
    private static final String DRY_RUN = "DRY_RUN ";
    static final String DELETIONS_CONFIRMED = "DELETIONS_CONFIRMED";
    static final String DELETIONS_DISCARDED = "DELETIONS_DISCARDED";

    private final RunAuditStore audits;
    private final UserStatusStore statuses;

    public RunLog(RunAuditStore audits, UserStatusStore statuses) {
        this.audits = audits;
        this.statuses = statuses;
    }

    /**
     * Stores the run's audit and the user's status. Never throws: the run has already written to the calendars, so
     * a failed save (database down, a report the store refuses) is logged and answered as problems for the caller
     * to report, and must not turn a synced run into a failed one.
     */
    public Seq<String> record(RunSummary run) {
        Seq<String> problems = List.empty();
        try {
            RunAudit audit = run.core().map(RunReports::audit).getOrElse(() -> new RunAudit(run.user(), run.started(), run.finished(),
                    (run.dryRun() ? DRY_RUN : "") + run.outcome().name(), run.failures().headOption(), List.empty()));
            audits.record(audit);
        } catch (RuntimeException e) {
            log.error("the run audit of {} was not stored", run.user(), e);
            problems = problems.append("the run audit was not stored: " + e);
        }
        try {
            UnaryOperator<UserStatus> change = run.core().map(RunReports::statusAfter).getOrElse(() -> withoutCore(run));
            statuses.update(run.user(), change);
        } catch (RuntimeException e) {
            log.error("the status of {} was not updated", run.user(), e);
            problems = problems.append("the user's status was not updated: " + e);
        }
        return problems;
    }

    /**
     * The user's decision on a held deletion, in the audit trail before the run that carries it out: who decided
     * where ("cli", "settings page", "admin page") and each item the decision covers.
     */
    public void recordDecision(HeldDeletion held, RunOptions.HeldDecision decision, String via, java.time.Instant at) {
        String verb = decision == RunOptions.HeldDecision.CONFIRM ? "confirm-delete-" : "discard-delete-";
        audits.record(new RunAudit(held.user(), at, at,
                decision == RunOptions.HeldDecision.CONFIRM ? DELETIONS_CONFIRMED : DELETIONS_DISCARDED,
                Option.some("decided via " + via + " on the deletion held since " + held.heldAt()),
                held.items().map(i -> RunAudit.Entry.done(verb + i.target().name().toLowerCase(java.util.Locale.ROOT), i.doomed().toString()))));
    }

    /** The status change of a run the core did not make: no counts, its problem; an unlinked user must link. */
    private static UnaryOperator<UserStatus> withoutCore(RunSummary run) {
        Option<String> problem = Option.some(run.firstFailure()).filter(f -> !f.isEmpty()).orElse(Option.some(run.outcome().name()));
        return status -> {
            UserStatus next = status.afterRun(run.finished(), TreeMap.empty(), problem);
            return run.outcome() == Outcome.NOT_LINKED ? next.needingReauthorisation(problem.get()) : next;
        };
    }

    /** The user's stored runs, newest first, item by item (what `gsync report` and the pages show). */
    public io.vavr.collection.Seq<RunAudit> runs(UserId user, int limit) {
        return audits.recent(user, limit);
    }

    /** The user's last run, with the counts the status keeps for it. */
    public Option<RunSummary> last(UserId user) {
        String counts = statuses.status(user).map(s -> counts(s.lastCounts())).getOrElse("");
        return audits.recent(user, 1).headOption().map(run -> summary(run, counts));
    }

    /** The last run that was not OK, whether or not a later one was (among the newest {@value #PROBLEM_LOOKBACK}). */
    public Option<RunSummary> lastProblem(UserId user) {
        return audits.recent(user, PROBLEM_LOOKBACK).find(run -> outcome(run.outcome()) != Outcome.OK).map(run -> summary(run, ""));
    }

    private static RunSummary summary(RunAudit run, String counts) {
        var failures = run.problem().toList().appendAll(run.entries().filter(e -> e.outcome() == RunAudit.Outcome.FAILED)
                .map(e -> e.item() + ": " + e.reason().getOrElse("?")));
        return new RunSummary(run.user(), run.started(), run.finished(), outcome(run.outcome()), run.outcome().startsWith(DRY_RUN),
                counts, failures, "");
    }

    /** The runner's outcome of a stored run: the core's outcome names, or the runner's own for runs without the core. */
    static Outcome outcome(String stored) {
        String name = stored.startsWith(DRY_RUN) ? stored.substring(DRY_RUN.length()) : stored;
        return switch (name) {
            case "COMPLETED", "OK", DELETIONS_CONFIRMED, DELETIONS_DISCARDED -> Outcome.OK;
            case "HELD" -> Outcome.HELD;
            case "PARTIAL" -> Outcome.PARTIAL;
            case "NEEDS_REAUTHORISATION", "NOT_LINKED" -> Outcome.NOT_LINKED;
            default -> Outcome.FAILED;   // REFUSED, FAILED, and anything a newer version might write
        };
    }

    /** "to google: 3 created, ... 0 failed; to crm: ..." from the status's per-direction counts; empty when none. */
    static String counts(SortedMap<String, Integer> counts) {
        if (counts.isEmpty()) return "";
        return direction("to google", "google.", counts) + "; " + direction("to crm", "crm.", counts);
    }

    private static String direction(String label, String prefix, SortedMap<String, Integer> counts) {
        return label + ": " + List.of("created", "updated", "deleted", "skipped", "conflicts", "failed")
                .map(what -> counts.get(prefix + what).getOrElse(0) + " " + what).mkString(", ");
    }
}
