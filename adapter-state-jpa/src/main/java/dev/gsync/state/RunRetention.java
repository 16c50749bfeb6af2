package dev.gsync.state;

import io.vavr.control.Option;

import java.time.Duration;

/**
 * How much of the run audit trail is kept: at most the last {@code runsPerUser} runs of each user, and nothing
 * older than {@code maxAge}. Either limit may be absent; both apply when both are set.
 */
public record RunRetention(Option<Integer> runsPerUser, Option<Duration> maxAge) {
    public static final RunRetention DEFAULT = new RunRetention(Option.some(200), Option.some(Duration.ofDays(90)));
    public static final RunRetention KEEP_ALL = new RunRetention(Option.none(), Option.none());

    public RunRetention {
        java.util.Objects.requireNonNull(runsPerUser, "runsPerUser");
        java.util.Objects.requireNonNull(maxAge, "maxAge");
        if (runsPerUser.exists(n -> n < 1)) throw new IllegalArgumentException("runsPerUser must be 1 or more");
        if (maxAge.exists(age -> age.isNegative() || age.isZero())) throw new IllegalArgumentException("maxAge must be positive");
    }
}
