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
 * Adaptive (decision D38): every answer Google gives is reported ({@link #answered}), so each window knows what share
 * of the calls of its last period Google refused for rate (429, or 403 rateLimitExceeded / userRateLimitExceeded /
 * quotaExceeded). A {@code Retry-After} is always honoured: the user (the project, for a project-wide refusal) sends
 * nothing before it. Beyond that the pacer tells noise from pressure: a refused call is retried with exponential
 * backoff by the caller, as Google asks, but the user's allowance is lowered (to 80 %, never under a tenth of the
 * limit) and the user held for one pause only when refusals are a real share of the window's calls
 * ({@link #PRESSURE_SHARE}, out of at least {@link #MIN_SAMPLE}): a burst of 429s, or another client spending the
 * same quota. A steady few percent of stray 429s costs the refused calls their retries, not the whole user's pace.
 * The allowance grows back additively, by a tenth of the limit per window since the last decrease, whatever stray
 * refusals arrive meanwhile (AIMD, as TCP does after a loss).
 */
public final class GoogleQuota {
    /** Waiting longer than this for room is a bug or a badly chosen limit, not pacing. */
    static final Duration MAX_WAIT = Duration.ofMinutes(10);
    /**
     * Refusals for rate are pressure when they are at least this share of the calls answered in the window's period.
     * A tenth: twice the steady 5 % of stray errors a demanding user tolerates at the cost of 5 % more time; a client
     * over its quota (or sharing it with another one) sees far more, as Google then refuses nearly everything above the
     * limit.
     */
    static final double PRESSURE_SHARE = 0.10;
    /** The share is taken of at least this many calls, so one refused call among the first few is not pressure yet. */
    static final int MIN_SAMPLE = 20;

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
    private long slowDowns;
    private long waits;
    private Duration waited = Duration.ZERO;
    private long backoffs;
    private Duration backedOff = Duration.ZERO;

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
     * Google answered {@code calls} calls of this user (a round of a batch, or one call), {@code refused} of them
     * refused for rate, {@code projectRefused} of those naming the project's limit. Honours {@code retryAfter}; lowers
     * the allowance and holds the user for one pause (the default pause unless Google named one) only under pressure;
     * see the class comment.
     */
    public synchronized void answered(String userKey, int calls, int refused, int projectRefused, java.util.Optional<Duration> retryAfter) {
        if (calls <= 0 && refused <= 0) return;
        refusals += refused;
        Instant now = time.now();
        Window mine = users.computeIfAbsent(userKey, k -> new Window(user));
        mine.record(now, Math.max(calls, refused), refused);
        projectWindow.record(now, Math.max(calls, refused), projectRefused);
        if (refused == 0) return;
        java.util.Optional<Duration> named = retryAfter.filter(d -> !d.isNegative());
        named.ifPresent(d -> {
            mine.holdUntil(now.plus(d));
            if (projectRefused > 0) projectWindow.holdUntil(now.plus(d));
        });
        Instant pauseEnd = now.plus(named.orElse(refusalPause));
        if (mine.underPressure(now)) {
            slowDowns++;
            mine.slowDown(now);
            mine.holdUntil(pauseEnd);
        }
        if (projectRefused > 0 && projectWindow.underPressure(now)) {
            slowDowns++;
            projectWindow.slowDown(now);
            projectWindow.holdUntil(pauseEnd);
        }
    }

    /** One refused call and nothing else (a lone call's answer): see {@link #answered}. */
    public void refused(String userKey, java.util.Optional<Duration> retryAfter, boolean projectWide) {
        answered(userKey, 1, 1, projectWide ? 1 : 0, retryAfter);
    }

    /**
     * A caller's backoff before sending failed calls again: slept on this quota's time (so tests on a test clock do
     * not wait, and the figures count it) without holding anyone else back.
     */
    public void backOff(Duration pause) {
        synchronized (this) {
            backoffs++;
            backedOff = backedOff.plus(pause);
        }
        try {
            time.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while backing off", e);
        }
    }

    /** Calls refused for rate so far (for the run's figures and the benchmarks). */
    public synchronized long refusals() {
        return refusals;
    }

    /** How often refusals were pressure and lowered an allowance (a user's or the project's). */
    public synchronized long slowDowns() {
        return slowDowns;
    }

    /** How often callers backed off before a retry, and how long all together. */
    public synchronized long backoffs() {
        return backoffs;
    }

    public synchronized Duration backedOff() {
        return backedOff;
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

    /** Answer reports a window still holds (one period's worth): for the test that memory stays bounded. */
    synchronized int rememberedAnswers(String userKey) {
        Window w = users.get(userKey);
        return w == null ? 0 : w.rememberedAnswers();
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
        private int reduced;                // the allowance right after the last decrease
        private Instant reducedAt = Instant.MIN;
        private final Deque<long[]> answers = new ArrayDeque<>();   // {epoch millis, calls, refused}
        private long answeredCalls;
        private long refusedCalls;

        Window(GoogleConfig.Rate rate) {
            this.rate = rate;
            this.reduced = rate.limit();
        }

        /** The limit as lowered by pressure, grown back by a tenth of the limit per period since the last decrease. */
        int allowance(Instant now) {
            if (reduced >= rate.limit()) return rate.limit();
            double periods = (double) Duration.between(reducedAt, now).toMillis() / Math.max(1, rate.period().toMillis());
            long grown = reduced + (long) (periods * Math.max(1, rate.limit() / 10));
            if (grown >= rate.limit()) reduced = rate.limit();
            return (int) Math.min(rate.limit(), grown);
        }

        void record(Instant now, int calls, int refused) {
            forgetAnswersBefore(now);   // also keeps a long-running serve's memory to one period of answers
            answers.addLast(new long[] {now.toEpochMilli(), calls, refused});
            answeredCalls += calls;
            refusedCalls += refused;
        }

        /** Refusals are at least {@link #PRESSURE_SHARE} of the calls answered in the last period (of at least {@link #MIN_SAMPLE}). */
        boolean underPressure(Instant now) {
            forgetAnswersBefore(now);
            return refusedCalls > 0 && refusedCalls >= PRESSURE_SHARE * Math.max(answeredCalls, MIN_SAMPLE);
        }

        private void forgetAnswersBefore(Instant now) {
            long from = now.toEpochMilli() - rate.period().toMillis();
            while (!answers.isEmpty() && answers.peekFirst()[0] <= from) {
                long[] a = answers.pollFirst();
                answeredCalls -= a[1];
                refusedCalls -= a[2];
            }
        }

        int rememberedAnswers() {
            return answers.size();
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

        void holdUntil(Instant until) {
            if (until.isAfter(blockedUntil)) blockedUntil = until;
        }

        /** Multiplicative decrease; the refusals it answers are forgotten, so the next decrease needs fresh ones. */
        void slowDown(Instant now) {
            reduced = Math.max(Math.max(1, rate.limit() / 10), allowance(now) * 4 / 5);
            reducedAt = now;
            answers.clear();
            answeredCalls = 0;
            refusedCalls = 0;
        }
    }
}
