package dev.gsync.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Google's per-minute quotas as sliding windows: one per user and one for the whole project. A call over a
 * limit is refused and not charged, so a client that backs off recovers once the window slides on.
 */
final class Quota {
    private static final Duration WINDOW = Duration.ofMinutes(1);
    private final EmulatorSettings settings;
    private final Window project = new Window();
    private final Map<String, Window> users = new HashMap<>();

    Quota(EmulatorSettings settings) { this.settings = settings; }

    /** Charges {@code cost} units or throws the error Google would answer. */
    synchronized void charge(String user, int cost, Instant now) {
        Window userWindow = users.computeIfAbsent(user, k -> new Window());
        int status = settings.quotaErrorStatus();
        if (!userWindow.fits(cost, settings.userRequestsPerMinute(), now)) {
            throw status == 429 ? GoogleError.rateLimitExceeded(429) : GoogleError.userRateLimitExceeded();
        }
        if (!project.fits(cost, settings.projectRequestsPerMinute(), now)) throw GoogleError.rateLimitExceeded(status);
        userWindow.add(cost, now);
        project.add(cost, now);
    }

    synchronized void reset() {
        users.clear();
        project.entries.clear();
    }

    private static final class Window {
        private final Deque<long[]> entries = new ArrayDeque<>();   // {epoch millis, units}
        private long units;

        boolean fits(int cost, int limit, Instant now) {
            long horizon = now.minus(WINDOW).toEpochMilli();
            while (!entries.isEmpty() && entries.peekFirst()[0] <= horizon) units -= entries.pollFirst()[1];
            return limit <= 0 || units + cost <= limit;
        }

        void add(int cost, Instant now) {
            entries.addLast(new long[] {now.toEpochMilli(), cost});
            units += cost;
        }
    }
}
