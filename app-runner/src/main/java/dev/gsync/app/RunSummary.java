package dev.gsync.app;

import dev.gsync.core.model.UserId;
import dev.gsync.core.run.RunReport;
import io.vavr.collection.Seq;
import io.vavr.control.Option;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What the runner keeps of one user's sync for {@code gsync status} and the web pages.
 *
 * @param counts   per target side, e.g. "to google: 3 created, 1 updated ...; to crm: ..."
 * @param failures one line per failed item or for the whole run, with the reason
 * @param report   the full report as printed by {@code gsync sync} (includes the plan of a dry run); empty when read
 *                 back from the {@link RunLog}
 * @param core     the core's report, when the core ran: the {@link RunLog} stores its entries item by item
 */
public record RunSummary(UserId user, Instant started, Instant finished, Outcome outcome, boolean dryRun,
                         String counts, Seq<String> failures, String report, Option<RunReport> core) {
    public RunSummary {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(finished, "finished");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(counts, "counts");
        Objects.requireNonNull(failures, "failures");
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(core, "core");
    }

    /** A run the core did not make (not linked, CRM unavailable, an unexpected error). */
    public RunSummary(UserId user, Instant started, Instant finished, Outcome outcome, boolean dryRun,
                      String counts, Seq<String> failures, String report) {
        this(user, started, finished, outcome, dryRun, counts, failures, report, Option.none());
    }

    /** The same run with one more line in its printed report; the outcome stays (a note is not a failure). */
    public RunSummary withNote(String note) {
        return new RunSummary(user, started, finished, outcome, dryRun, counts, failures,
                report.isEmpty() ? "note: " + note : report + "\n  note: " + note, core);
    }

    public Duration took() {
        return Duration.between(started, finished);
    }

    public String firstFailure() {
        return failures.headOption().getOrElse("");
    }
}
