package dev.gsync.app;

import dev.gsync.core.model.UserId;
import io.vavr.collection.Seq;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What the runner keeps of one user's sync for {@code gsync status} and the web pages.
 *
 * @param counts   per target side, e.g. "google: 3 created, 1 updated ...; crm: ..."
 * @param failures one line per failed item or for the whole run, with the reason
 * @param report   the full report as printed by {@code gsync sync} (includes the plan of a dry run)
 */
public record RunSummary(UserId user, Instant started, Instant finished, Outcome outcome, boolean dryRun,
                         String counts, Seq<String> failures, String report) {
    public RunSummary {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(finished, "finished");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(counts, "counts");
        Objects.requireNonNull(failures, "failures");
        Objects.requireNonNull(report, "report");
    }

    public Duration took() {
        return Duration.between(started, finished);
    }

    public String firstFailure() {
        return failures.headOption().getOrElse("");
    }
}
