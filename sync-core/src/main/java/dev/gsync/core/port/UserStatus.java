package dev.gsync.core.port;

import io.vavr.collection.SortedMap;
import io.vavr.collection.TreeMap;
import io.vavr.control.Option;

import java.time.Instant;
import java.util.Objects;

/**
 * How one user's sync stands, for a status page and for the runner to skip users who must act first.
 *
 * @param lastRunAt             when the last run finished
 * @param lastError             why the last run failed as a whole; none when it completed
 * @param reauthorisationReason present when the user must authorise Google access again, and why
 * @param lastCounts            what the last run did, by action ("created-google" -> 3)
 */
public record UserStatus(Option<Instant> lastRunAt, Option<String> lastError, Option<String> reauthorisationReason,
                         SortedMap<String, Integer> lastCounts) {
    public static final UserStatus NEVER_RUN = new UserStatus(Option.none(), Option.none(), Option.none(), TreeMap.empty());

    public UserStatus {
        Objects.requireNonNull(lastRunAt, "lastRunAt");
        Objects.requireNonNull(lastError, "lastError");
        Objects.requireNonNull(reauthorisationReason, "reauthorisationReason");
        Objects.requireNonNull(lastCounts, "lastCounts");
    }

    public boolean needsReauthorisation() {
        return reauthorisationReason.isDefined();
    }

    /** After a run; {@code error} empty when the run completed. Keeps any pending re-authorisation. */
    public UserStatus afterRun(Instant finished, SortedMap<String, Integer> counts, Option<String> error) {
        return new UserStatus(Option.some(finished), error, reauthorisationReason, counts);
    }

    public UserStatus needingReauthorisation(String reason) {
        return new UserStatus(lastRunAt, lastError, Option.some(reason), lastCounts);
    }

    public UserStatus reauthorised() {
        return new UserStatus(lastRunAt, lastError, Option.none(), lastCounts);
    }
}
