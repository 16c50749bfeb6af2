package dev.gsync.core.run;

import dev.gsync.core.model.Side;
import dev.gsync.core.model.UserId;
import dev.gsync.core.plan.SyncPlan;
import dev.gsync.core.port.ItemRef;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;

import java.time.Duration;
import java.time.Instant;

/**
 * What one run did for one user: an entry per action with the items it touched, the rule that chose it and, for
 * skips and failures, the reason. Counts are derived from the entries.
 */
public record RunReport(UserId user, Instant started, Instant finished, boolean dryRun, Outcome outcome,
                        Option<String> problem, Seq<Entry> entries, Option<SyncPlan> plan, Seq<String> notes) {

    public enum Outcome {
        /** Everything planned was done. */
        COMPLETED,
        /** Some items failed; they are reported and retried next run. */
        PARTIAL,
        /**
         * The plan deleted more than the user's share of linked items: those deletions are held for the user to
         * confirm or discard (rule RH); everything else was done (failed items are reported as usual).
         */
        HELD,
        /** The user must link their Google account again. */
        NEEDS_REAUTHORISATION,
        /** Nothing could be done (a side was unreachable); the next run starts from the same place. */
        FAILED
    }

    public enum Action { CREATED, UPDATED, DELETED, UNLINKED, RELINKED, SKIPPED, FAILED }

    /**
     * @param target the side written (for a skip: the side it would have gone to)
     * @param conflicts how many conflicts this action settled
     */
    public record Entry(Action action, Side target, Seq<ItemRef> items, String rule, Option<String> reason, int conflicts) {}

    /** Counts for one direction (items going to {@code target}). */
    public record Counts(int created, int updated, int deleted, int skipped, int conflicts, int failed) {
        public int total() {
            return created + updated + deleted + skipped + failed;
        }
    }

    public Counts counts(Side target) {
        Seq<Entry> mine = entries.filter(e -> e.target() == target);
        return new Counts(count(mine, Action.CREATED), count(mine, Action.UPDATED), count(mine, Action.DELETED),
                count(mine, Action.SKIPPED), mine.map(Entry::conflicts).sum().intValue(), count(mine, Action.FAILED));
    }

    private static int count(Seq<Entry> entries, Action action) {
        return entries.count(e -> e.action() == action);
    }

    public Seq<Entry> failures() {
        return entries.filter(e -> e.action() == Action.FAILED);
    }

    public boolean succeeded() {
        return outcome == Outcome.COMPLETED;
    }

    public Duration duration() {
        return Duration.between(started, finished);
    }

    /** A few lines for people: outcome, both directions' counts, then each failure with its reason. */
    public String summary() {
        List<String> lines = List.of(
                "gsync " + (dryRun ? "dry run" : "run") + " for " + user + ": " + outcome + problem.map(p -> " (" + p + ")").getOrElse("")
                        + " in " + duration().toMillis() + " ms",
                line("CRM -> Google", counts(Side.GOOGLE)),
                line("Google -> CRM", counts(Side.CRM)));
        lines = lines.appendAll(notes.map(n -> "  note: " + n));
        lines = lines.appendAll(failures().map(f -> "  failed " + f.items().mkString(", ") + ": " + f.reason().getOrElse("?") + " [" + f.rule() + "]"));
        if (dryRun) lines = lines.appendAll(plan.map(p -> p.describe().isEmpty() ? List.of("  (nothing to do)") : List.of(p.describe().split("\n")).map(l -> "  plan: " + l)).getOrElse(List.empty()));
        return lines.mkString("\n");
    }

    /** The summary on one line, for logs that keep one entry per line. */
    public String oneLine() {
        Counts toGoogle = counts(Side.GOOGLE);
        Counts toCrm = counts(Side.CRM);
        return String.format("user=%s outcome=%s dryRun=%s ms=%d toGoogle=%d/%d/%d/%d/%d/%d toCrm=%d/%d/%d/%d/%d/%d%s",
                user, outcome, dryRun, duration().toMillis(),
                toGoogle.created(), toGoogle.updated(), toGoogle.deleted(), toGoogle.skipped(), toGoogle.conflicts(), toGoogle.failed(),
                toCrm.created(), toCrm.updated(), toCrm.deleted(), toCrm.skipped(), toCrm.conflicts(), toCrm.failed(),
                problem.map(p -> " problem=\"" + p + "\"").getOrElse(""));
    }

    private static String line(String label, Counts c) {
        return String.format("  %-14s created %d, updated %d, deleted %d, skipped %d, conflicts %d, failed %d",
                label, c.created(), c.updated(), c.deleted(), c.skipped(), c.conflicts(), c.failed());
    }
}
