package dev.gsync.core.port;

import dev.gsync.core.model.UserId;
import io.vavr.collection.Seq;
import io.vavr.collection.SortedMap;
import io.vavr.collection.TreeMap;
import io.vavr.control.Option;

import java.time.Instant;
import java.util.Objects;

/**
 * What one sync run of one user did: the audit trail a user or an admin reads when asking "what happened to my
 * meeting?". Writes and failures item by item, skips aggregated per reason (as in the core's {@code RunReport}).
 * Plain values only, so a store can keep it as text; the state adapter's {@code RunReports.audit} builds one from
 * the core's {@code RunReport}.
 *
 * @param outcome how the run ended as a whole, e.g. "COMPLETED", "PARTIAL", "FAILED"; "DRY_RUN ..." for a dry run
 * @param problem why the run as a whole did not complete, if so
 * @param entries one per item written or failed (older runs: skipped ones too)
 * @param skipped the items left alone, one group per action and reason
 * @param omitted how many entries a store left out to stay within its size limit (the done ones go first;
 *                failures are kept); 0 when the audit is whole
 */
public record RunAudit(UserId user, Instant started, Instant finished, String outcome, Option<String> problem,
                       Seq<Entry> entries, Seq<Skipped> skipped, int omitted) {

    /** A run without skips, stored whole. */
    public RunAudit(UserId user, Instant started, Instant finished, String outcome, Option<String> problem, Seq<Entry> entries) {
        this(user, started, finished, outcome, problem, entries, io.vavr.collection.List.empty(), 0);
    }

    /**
     * Items left alone for one reason.
     *
     * @param action  e.g. "skipped-google" (the side they would have gone to)
     * @param reason  why, with the planner rule, e.g. "it lies outside the sync horizon [R7 out of scope]"
     * @param count   how many items
     * @param samples the first few item ids, e.g. "CRM:12x345"
     */
    public record Skipped(String action, String reason, int count, Seq<String> samples) {
        public Skipped {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(samples, "samples");
            if (count < samples.size()) throw new IllegalArgumentException("fewer skips (" + count + ") than samples");
        }
    }

    public enum Outcome { DONE, SKIPPED, FAILED }

    /**
     * One action on one item.
     *
     * @param action what was attempted, e.g. "create-google", "update-crm", "delete-google"
     * @param item   the item's id as the report names it, e.g. "CRM:12x345"
     * @param reason why it was skipped or failed; required for those, absent for DONE
     * @param title  the item's title, where the run knew it (not for deletions; runs stored before it was kept)
     * @param rule   the planner rule that chose the action, e.g. "R1 new in the CRM"
     */
    public record Entry(String action, String item, Outcome outcome, Option<String> reason, Option<String> title, Option<String> rule) {
        public Entry {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(item, "item");
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(rule, "rule");
            if ((outcome == Outcome.DONE) == reason.isDefined()) {
                throw new IllegalArgumentException(outcome == Outcome.DONE
                        ? "a done action carries no reason" : "a " + outcome + " action needs its reason");
            }
        }

        /** Without title and rule. */
        public Entry(String action, String item, Outcome outcome, Option<String> reason) {
            this(action, item, outcome, reason, Option.none(), Option.none());
        }

        /** The same entry, naming the item's title and the rule. */
        public Entry about(Option<String> title, Option<String> rule) {
            return new Entry(action, item, outcome, reason, title, rule);
        }

        public static Entry done(String action, String item) {
            return new Entry(action, item, Outcome.DONE, Option.none());
        }

        public static Entry skipped(String action, String item, String reason) {
            return new Entry(action, item, Outcome.SKIPPED, Option.some(reason));
        }

        public static Entry failed(String action, String item, String reason) {
            return new Entry(action, item, Outcome.FAILED, Option.some(reason));
        }
    }

    public RunAudit {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(finished, "finished");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(entries, "entries");
        Objects.requireNonNull(skipped, "skipped");
        if (omitted < 0) throw new IllegalArgumentException("omitted must be 0 or more");
        if (finished.isBefore(started)) throw new IllegalArgumentException("a run cannot finish before it starts");
    }

    /**
     * Items per action and outcome: "create-google" for done ones, "create-google SKIPPED" / "... FAILED" otherwise;
     * skip groups count their items. Omitted entries are not counted: a store computes counts before it cuts.
     */
    public SortedMap<String, Integer> counts() {
        SortedMap<String, Integer> counts = TreeMap.ofAll(entries.groupBy(e -> e.outcome() == Outcome.DONE ? e.action() : e.action() + " " + e.outcome())
                .mapValues(Seq::size).toJavaMap());
        for (Skipped s : skipped) counts = counts.put(s.action() + " " + Outcome.SKIPPED, s.count(), Integer::sum);
        return counts;
    }

    /** The same run with only these entries, the others counted as omitted. */
    public RunAudit keeping(Seq<Entry> kept) {
        return new RunAudit(user, started, finished, outcome, problem, kept, skipped, omitted + entries.size() - kept.size());
    }
}
