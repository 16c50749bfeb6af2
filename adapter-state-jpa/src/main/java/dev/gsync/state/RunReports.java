package dev.gsync.state;

import dev.gsync.core.port.RunAudit;
import dev.gsync.core.port.UserStatus;
import dev.gsync.core.model.Side;
import dev.gsync.core.run.RunReport;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.SortedMap;
import io.vavr.collection.TreeMap;
import io.vavr.control.Option;

import java.util.Locale;
import java.util.function.UnaryOperator;

/** Turns the core's {@link RunReport} into what this module stores: an audit entry per item, and the user's status. */
public final class RunReports {
    private RunReports() {
    }

    /**
     * One audit entry per item of each report entry: action "created-google", "failed-crm" and so on, with the item's
     * title where the run knew it and the planner rule; failures keep their reason (or, lacking one, the rule). Skip groups stay groups ("skipped-google",
     * reason with the rule in brackets, count, sample ids).
     */
    public static RunAudit audit(RunReport report) {
        Seq<RunAudit.Entry> entries = report.entries().flatMap(RunReports::entries);
        Seq<RunAudit.Skipped> skipped = report.skips().map(s -> new RunAudit.Skipped(
                "skipped-" + s.target().name().toLowerCase(Locale.ROOT), s.reason() + " [" + s.rule() + "]",
                s.count(), s.samples().map(Object::toString)));
        return new RunAudit(report.user(), report.started(), report.finished(),
                report.dryRun() ? "DRY_RUN " + report.outcome() : report.outcome().name(), report.problem(), entries, skipped, 0);
    }

    private static Seq<RunAudit.Entry> entries(RunReport.Entry e) {
        String action = e.action().name().toLowerCase(Locale.ROOT) + "-" + e.target().name().toLowerCase(Locale.ROOT);
        Seq<String> items = e.items().isEmpty() ? List.of("(no item)") : e.items().map(Object::toString);
        String reason = e.reason().getOrElse(() -> "rule " + e.rule());
        return items.map(item -> switch (e.action()) {
            case FAILED -> RunAudit.Entry.failed(action, item, reason);
            case CREATED, UPDATED, DELETED, UNLINKED, RELINKED -> RunAudit.Entry.done(action, item);
        }).map(entry -> entry.about(e.title(), Option.some(e.rule())));
    }

    /**
     * The status change a finished run makes: its time, counts ("google.created" ...) and problem; a run that
     * ended in NEEDS_REAUTHORISATION also marks the user, and a run that completed clears an old mark.
     */
    public static UnaryOperator<UserStatus> statusAfter(RunReport report) {
        Option<String> error = report.outcome() == RunReport.Outcome.COMPLETED ? Option.none()
                : Option.some(report.problem().getOrElse(report.outcome().name()));
        return status -> {
            UserStatus next = status.afterRun(report.finished(), counts(report), error);
            return switch (report.outcome()) {
                case NEEDS_REAUTHORISATION -> next.needingReauthorisation(report.problem().getOrElse("Google access must be granted again"));
                case COMPLETED, PARTIAL -> next.reauthorised();   // Google answered: whatever access problem there was is over
                case HELD, FAILED -> next;
            };
        };
    }

    /** The per-direction counts kept in the status: "google.created", ..., "crm.failed". */
    public static SortedMap<String, Integer> counts(RunReport report) {
        SortedMap<String, Integer> counts = TreeMap.empty();
        for (Side side : Side.values()) {
            RunReport.Counts c = report.counts(side);
            String to = side.name().toLowerCase(Locale.ROOT) + ".";
            counts = counts.put(to + "created", c.created()).put(to + "updated", c.updated()).put(to + "deleted", c.deleted())
                    .put(to + "skipped", c.skipped()).put(to + "conflicts", c.conflicts()).put(to + "failed", c.failed());
        }
        return counts;
    }
}
