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
import java.util.Objects;

/**
 * What one run did for one user, bounded by what was done rather than by the calendar's size.
 *
 * <ul>
 *   <li>{@link #entries}: every write (done, or planned in a dry run) and every failure, item by item, with the rule
 *       that chose it and, for failures, the reason.</li>
 *   <li>{@link #skips}: items left alone, aggregated per target side, rule and reason: a count and the first few ids
 *       ({@link SkipGroup#SAMPLES}). A calendar of 100,000 events outside the horizon is one group, not 100,000
 *       entries.</li>
 *   <li>{@link #notes}: facts about the run worth a line (a restarted feed, items re-read, ...).</li>
 * </ul>
 * Counts are derived from entries and skip groups. {@link #plan} is the in-memory plan (for tests and logs); it is
 * never stored nor printed whole.
 */
public record RunReport(UserId user, Instant started, Instant finished, boolean dryRun, Outcome outcome,
                        Option<String> problem, Seq<Entry> entries, Seq<SkipGroup> skips, Option<SyncPlan> plan,
                        Seq<String> notes) {

    public RunReport {
        Objects.requireNonNull(entries, "entries");
        Objects.requireNonNull(skips, "skips");
        Objects.requireNonNull(notes, "notes");
    }

    public enum Outcome {
        /** Everything planned was done. */
        COMPLETED,
        /** Some items failed; they are reported and retried next run. */
        PARTIAL,
        /**
         * The plan deleted more than the user's share of linked items: those deletions are held for the user to
         * confirm or discard (rule R12); everything else was done (failed items are reported as usual).
         */
        HELD,
        /** The user must link their Google account again. */
        NEEDS_REAUTHORISATION,
        /** Nothing could be done (a side was unreachable); the next run starts from the same place. */
        FAILED
    }

    /** What an entry did; skips are not entries but {@link SkipGroup}s. */
    public enum Action { CREATED, UPDATED, DELETED, UNLINKED, RELINKED, FAILED }

    /**
     * One write or failure (in a dry run: one planned write, reason "planned").
     *
     * @param target    the side written
     * @param items     the items it concerns (for a create: the source, then the new mirror)
     * @param reason    for a failure, why; for an update, the fields written
     * @param conflicts how many conflicts this action settled
     * @param title     the item's title as it was written (a create: the original's), where the run knew it
     */
    public record Entry(Action action, Side target, Seq<ItemRef> items, String rule, Option<String> reason, int conflicts, Option<String> title) {
        public Entry(Action action, Side target, Seq<ItemRef> items, String rule, Option<String> reason, int conflicts) {
            this(action, target, items, rule, reason, conflicts, Option.none());
        }
    }

    /**
     * Items of one side left alone for one reason.
     *
     * @param target  the side they would have gone to
     * @param count   how many items
     * @param samples the first few of them ({@value #SAMPLES} at most), in the order they were met
     */
    public record SkipGroup(Side target, String rule, String reason, int count, Seq<ItemRef> samples) {
        public static final int SAMPLES = 5;

        public SkipGroup {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(samples, "samples");
            if (count < samples.size()) throw new IllegalArgumentException("fewer skips (" + count + ") than samples");
            if (samples.size() > SAMPLES) throw new IllegalArgumentException("more than " + SAMPLES + " samples");
        }
    }

    /** Counts for one direction (items going to {@code target}). */
    public record Counts(int created, int updated, int deleted, int skipped, int conflicts, int failed) {
        public int total() {
            return created + updated + deleted + skipped + failed;
        }
    }

    public Counts counts(Side target) {
        Seq<Entry> mine = entries.filter(e -> e.target() == target);
        int skipped = skips.filter(s -> s.target() == target).map(SkipGroup::count).sum().intValue();
        return new Counts(count(mine, Action.CREATED), count(mine, Action.UPDATED), count(mine, Action.DELETED),
                skipped, mine.map(Entry::conflicts).sum().intValue(), count(mine, Action.FAILED));
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

    /**
     * For people, on a terminal: the outcome, both directions' counts, notes, the skip groups, then the items: each
     * failure with its reason; a dry run lists every planned write instead.
     */
    public String summary() {
        List<String> lines = List.of(
                "gsync " + (dryRun ? "dry run" : "run") + " for " + user + ": " + outcome + problem.map(p -> " (" + p + ")").getOrElse("")
                        + " in " + duration().toMillis() + " ms",
                line("CRM -> Google", counts(Side.GOOGLE)),
                line("Google -> CRM", counts(Side.CRM)));
        lines = lines.appendAll(notes.map(n -> "  note: " + n));
        lines = lines.appendAll(skips.map(RunReport::line));
        if (dryRun) {
            Seq<Entry> planned = entries.filter(e -> e.action() != Action.FAILED);
            lines = lines.append(planned.isEmpty() ? "  (nothing to write)" : "  planned writes:");
            lines = lines.appendAll(planned.map(e -> "    " + describe(e)));
        }
        lines = lines.appendAll(failures().map(f -> "  failed " + f.items().mkString(", ") + ": " + f.reason().getOrElse("?") + " [" + f.rule() + "]"));
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

    private static String line(SkipGroup s) {
        return "  skipped " + s.count() + " to " + s.target() + ": " + s.reason() + " [" + s.rule() + "]"
                + (s.samples().isEmpty() ? "" : ", e.g. " + s.samples().mkString(", ") + (s.count() > s.samples().size() ? ", ..." : ""));
    }

    private static String describe(Entry e) {
        String verb = e.action().name().toLowerCase(java.util.Locale.ROOT);
        String fields = e.action() == Action.UPDATED ? e.reason().filter(r -> !r.equals("planned")).map(r -> " {" + r + "}").getOrElse("") : "";
        return verb + " on " + e.target() + ": " + e.items().mkString(", ") + fields + " [" + e.rule() + "]";
    }
}
