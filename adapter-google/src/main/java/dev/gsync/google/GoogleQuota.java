package dev.gsync.google;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Google's quotas as Google counts them: a sliding one-minute window per user and one for the whole project, each
 * call costing units (a call inside a batch costs one, like a lone call). One instance serves every user of a runner
 * (a Guice singleton), so users share the project's window.
 * <p>
 * A burst that fits in what is left of both windows goes out at once; a caller over the allowance waits exactly
 * until enough of the window's oldest charges have slid out (plus a small margin for the time a request takes to
 * reach Google, which charges on arrival). So a long push runs at the limit and a short one does not wait at all.
 * <p>
 * Adaptive: when Google still refuses (429, or 403 rateLimitExceeded / userRateLimitExceeded), {@link #refused}
 * holds that user's calls back until its {@code Retry-After} (or one backoff step when it sends none) and lowers
 * the user's allowance to 80% of what it was (never under a tenth of the limit); the allowance grows back by a
 * tenth of the limit per quiet window. Another client of the same project using the quota is the usual cause, and
 * retrying at the full rate would only meet the same refusal.
 */
public final class GoogleQuota {
    /** Waiting longer than this for room is a bug or a badly chosen limit, not pacing. */
    static final Duration MAX_WAIT = Duration.ofMinutes(10);

    /** Where time comes from and how to wait: the system clock and {@code Thread.sleep}, or a test clock. */
    public interface Time {
        Instant now();

        void sleep(Duration d) throws InterruptedException;

        Time SYSTEM = new Time() {
            @Override
            public Instant now() {
                return Instant.now();
            }

            @Override
            public void sleep(Duration d) throws InterruptedException {
                Thread.sleep(Math.max(0, d.toMillis()), 0);
            }
        };
    }

    private final GoogleConfig.Rate user;
    private final GoogleConfig.Rate project;
    private final Duration margin;
    private final Duration refusalPause;
    private final Time time;
    private final Window projectWindow;
    private final Map<String, Window> users = new HashMap<>();
    private long refusals;
    private long waits;
    private Duration waited = Duration.ZERO;

    /**
     * @param user         units one user may spend per window (Google Calendar: 600 a minute per user)
     * @param project      units all users together may spend per window (Google Calendar: 10,000 a minute)
     * @param margin       added to each window's end before a unit counts as freed: a request is charged by Google
     *                     when it arrives (and a batch's calls one after another), a little after it was sent
     * @param refusalPause how long a refused user waits when Google sends no Retry-After
     */
    public GoogleQuota(GoogleConfig.Rate user, GoogleConfig.Rate project, Duration margin, Duration refusalPause, Time time) {
        this.user = user;
        this.project = project;
        this.margin = margin;
        this.refusalPause = refusalPause;
        this.time = time;
        this.projectWindow = new Window(project);
    }

    /** With Google's defaults for the margin (1 s) and the pause after a refusal without Retry-After (2 s). */
    public static GoogleQuota of(GoogleConfig config) {
        return new GoogleQuota(config.userRate(), config.projectRate(), Duration.ofSeconds(1), Duration.ofSeconds(2), Time.SYSTEM);
    }

    /**
     * Waits until {@code cost} units fit in both the user's and the project's window, then charges them. A cost larger
     * than a whole window (a batch of 50 under a rate of 40 a second) goes alone into an empty window. Refuses
     * (IllegalStateException) a wait longer than {@link #MAX_WAIT}.
     */
    public void acquire(String userKey, int cost) {
        Instant gaveUpAt = time.now().plus(MAX_WAIT);
        while (true) {
            Duration wait;
            synchronized (this) {
                Instant now = time.now();
                Window mine = users.computeIfAbsent(userKey, k -> new Window(user));
                Instant ready = later(mine.readyAt(cost, now), projectWindow.readyAt(cost, now));
                if (!ready.isAfter(now)) {
                    mine.charge(cost, now);
                    projectWindow.charge(cost, now);
                    return;
                }
                wait = Duration.between(now, ready);
                waits++;
                waited = waited.plus(wait);
                if (ready.isAfter(gaveUpAt)) throw new IllegalStateException("Google quota: no room for " + userKey + " within " + MAX_WAIT);
            }
            try {
                time.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Google quota", e);
            }
        }
    }

    /**
     * Google refused a call of this user for its rate anyway: hold the user back until {@code retryAfter} (or the
     * default pause) and lower the user's allowance. {@code projectWide}: the refusal named the project's limit, so
     * every user waits.
     */
    public synchronized void refused(String userKey, java.util.Optional<Duration> retryAfter, boolean projectWide) {
        refusals++;
        Instant now = time.now();
        Instant until = now.plus(retryAfter.filter(d -> !d.isNegative()).orElse(refusalPause));
        Window mine = users.computeIfAbsent(userKey, k -> new Window(user));
        mine.slowDown(until, now);
        if (projectWide) projectWindow.slowDown(until, now);
    }

    /** Refusals reported so far (for the run's figures and the benchmarks). */
    public synchronized long refusals() {
        return refusals;
    }

    /** How often a caller had to wait for room. */
    public synchronized long waits() {
        return waits;
    }

    /** The time callers spent waiting for room, all together (a benchmark subtracts it to find the work time). */
    public synchronized Duration waited() {
        return waited;
    }

    /** The units this user may spend per window right now (lower than the limit after refusals). */
    synchronized int allowance(String userKey) {
        Window w = users.get(userKey);
        return w == null ? user.limit() : w.allowance(time.now());
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /** One sliding window: the charges of the last period, oldest first. */
    private final class Window {
        private final GoogleConfig.Rate rate;
        private final Deque<long[]> charges = new ArrayDeque<>();   // {epoch millis, units}
        private long units;
        private Instant blockedUntil = Instant.MIN;
        private int reduced;                // the allowance right after the last refusal
        private Instant reducedAt = Instant.MIN;

        Window(GoogleConfig.Rate rate) {
            this.rate = rate;
            this.reduced = rate.limit();
        }

        /** The limit as lowered by refusals, grown back by a tenth of the limit per quiet window since. */
        int allowance(Instant now) {
            if (reduced >= rate.limit()) return rate.limit();
            long quietWindows = Duration.between(reducedAt, now).toMillis() / Math.max(1, rate.period().toMillis());
            long grown = reduced + quietWindows * Math.max(1, rate.limit() / 10);
            if (grown >= rate.limit()) reduced = rate.limit();
            return (int) Math.min(rate.limit(), grown);
        }

        /** The first instant at which {@code cost} more units fit (now, if they fit now). */
        Instant readyAt(int cost, Instant now) {
            long freeFrom = now.toEpochMilli() - rate.period().toMillis() - margin().toMillis();
            while (!charges.isEmpty() && charges.peekFirst()[0] <= freeFrom) units -= charges.pollFirst()[1];
            int limit = allowance(now);
            Instant ready = blockedUntil.isAfter(now) ? blockedUntil : now;
            if (units + cost <= limit || units == 0) return ready;   // an empty window takes even an oversized batch
            // the oldest charges must slide out until the rest plus this cost fit (all of them, for an oversized cost)
            long need = Math.min(units, units + cost - limit);
            for (long[] c : charges) {
                need -= c[1];
                if (need <= 0) return later(ready, Instant.ofEpochMilli(c[0]).plus(rate.period()).plus(margin()).plusMillis(1));
            }
            return later(ready, now.plus(rate.period()));   // unreachable (need <= units); a safe answer anyway
        }

        /** A second on a minute's window; proportionally less on a shorter one. */
        Duration margin() {
            Duration scaled = rate.period().dividedBy(60);
            return scaled.compareTo(margin) < 0 ? scaled : margin;
        }

        void charge(int cost, Instant now) {
            charges.addLast(new long[] {now.toEpochMilli(), cost});
            units += cost;
        }

        void slowDown(Instant until, Instant now) {
            if (until.isAfter(blockedUntil)) blockedUntil = until;
            reduced = Math.max(Math.max(1, rate.limit() / 10), allowance(now) * 4 / 5);
            reducedAt = now;
        }
    }
}
