package dev.gsync.core.port;

import dev.gsync.core.model.UserId;
import io.vavr.collection.Seq;
import io.vavr.collection.SortedMap;
import io.vavr.collection.TreeMap;
import io.vavr.control.Option;

import java.time.Instant;
import java.util.Objects;

/**
 * What one sync run of one user did, item by item: the audit trail a user or an admin reads when asking "what
 * happened to my meeting?". Plain values only, so a store can keep it as text; the state adapter's
 * {@code RunReports.audit} builds one from the core's {@code RunReport}.
 *
 * @param outcome how the run ended as a whole, e.g. "COMPLETED", "PARTIAL", "FAILED"
 * @param problem why the run as a whole did not complete, if so
 */
public record RunAudit(UserId user, Instant started, Instant finished, String outcome, Option<String> problem,
                       Seq<Entry> entries) {

    public enum Outcome { DONE, SKIPPED, FAILED }

    /**
     * One action on one item.
     *
     * @param action what was attempted, e.g. "create-google", "update-crm", "delete-google"
     * @param item   the item's id as the report names it, e.g. "CRM:12x345"
     * @param reason why it was skipped or failed; required for those, absent for DONE
     */
    public record Entry(String action, String item, Outcome outcome, Option<String> reason) {
        public Entry {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(item, "item");
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(reason, "reason");
            if ((outcome == Outcome.DONE) == reason.isDefined()) {
                throw new IllegalArgumentException(outcome == Outcome.DONE
                        ? "a done action carries no reason" : "a " + outcome + " action needs its reason");
            }
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
        if (finished.isBefore(started)) throw new IllegalArgumentException("a run cannot finish before it starts");
    }

    /** Entries per action and outcome: "create-google" for done ones, "create-google SKIPPED" / "... FAILED" otherwise. */
    public SortedMap<String, Integer> counts() {
        return TreeMap.ofAll(entries.groupBy(e -> e.outcome() == Outcome.DONE ? e.action() : e.action() + " " + e.outcome())
                .mapValues(Seq::size).toJavaMap());
    }
}
