package dev.gsync.emulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Faults a test arms for the next requests. Error answers are per API call (a batch part counts as a call);
 * delays, dropped connections and lost answers are per HTTP request, because that is where they happen on the
 * wire (a batch matches when one of its parts does). Optional filters limit a fault to matching calls: a path
 * fragment (e.g. "/events") and a set of methods (e.g. only PUT, POST, DELETE; PATCH sent as POST + override
 * counts as PATCH).
 */
public final class Faults {
    public enum Kind {
        /** The call answers an error (backendError, a quota reason, or 412 conditionNotMet). */
        ERROR,
        /** The HTTP request is answered only after a delay. */
        DELAY,
        /** The connection is closed before the call is performed: nothing happened. */
        DROP,
        /** The call is performed, then the connection is closed before the answer: it happened, unseen. */
        LOSE_ANSWER
    }

    /** Reasons an injected error may carry, as Google sends them. */
    public static final Set<String> REASONS = Set.of("backendError", "rateLimitExceeded", "userRateLimitExceeded",
            "quotaExceeded", "conditionNotMet");

    /**
     * One armed fault. Build it with {@link #error(int)}, {@link #delay(Duration)}, {@link #drop()} or
     * {@link #loseAnswer()}, then narrow it: {@code Fault.loseAnswer().onMethods("POST").onPath("/events").times(2)}.
     */
    public record Fault(Kind kind, int count, int status, String reason, Duration delay, String pathContains,
                        Set<String> methods) {
        public Fault {
            if (count < 1) throw new IllegalArgumentException("a fault is armed for at least one call, not " + count);
            methods = methods.stream().map(m -> m.toUpperCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
            if (kind == Kind.ERROR) checkError(status, reason);
        }

        public static Fault error(int status) { return new Fault(Kind.ERROR, 1, status, null, Duration.ZERO, null, Set.of()); }

        /** An error with Google's reason; the status follows from it (403, 412, 503) unless given with {@link #status}. */
        public static Fault error(String reason) {
            return new Fault(Kind.ERROR, 1, defaultStatus(reason), reason, Duration.ZERO, null, Set.of());
        }

        public static Fault delay(Duration delay) { return new Fault(Kind.DELAY, 1, 0, null, delay, null, Set.of()); }

        public static Fault drop() { return new Fault(Kind.DROP, 1, 0, null, Duration.ZERO, null, Set.of()); }

        public static Fault loseAnswer() { return new Fault(Kind.LOSE_ANSWER, 1, 0, null, Duration.ZERO, null, Set.of()); }

        public Fault times(int n) { return new Fault(kind, n, status, reason, delay, pathContains, methods); }

        public Fault status(int code) { return new Fault(kind, count, code, reason, delay, pathContains, methods); }

        public Fault reason(String why) { return new Fault(kind, count, status, why, delay, pathContains, methods); }

        public Fault onPath(String fragment) { return new Fault(kind, count, status, reason, delay, fragment, methods); }

        public Fault onMethods(String... names) { return new Fault(kind, count, status, reason, delay, pathContains, Set.of(names)); }

        boolean matches(String method, String path) {
            return (pathContains == null || path.contains(pathContains))
                    && (methods.isEmpty() || methods.contains(method.toUpperCase(Locale.ROOT)));
        }

        private static int defaultStatus(String reason) {
            if (reason == null) return 503;
            return switch (reason) {
                case "conditionNotMet" -> 412;
                case "backendError" -> 503;
                default -> 403;
            };
        }

        private static void checkError(int status, String reason) {
            if (reason == null) return;
            if (!REASONS.contains(reason)) throw new IllegalArgumentException("reason is one of " + REASONS + ", not " + reason);
            boolean fits = switch (reason) {
                case "conditionNotMet" -> status == 412;
                case "backendError" -> status >= 500;
                case "rateLimitExceeded" -> status == 403 || status == 429;
                default -> status == 403;   // userRateLimitExceeded, quotaExceeded
            };
            if (!fits) throw new IllegalArgumentException("Google does not answer " + reason + " with status " + status);
        }
    }

    /** One HTTP request as wire faults see it: its own method and path, or a batch's parts. */
    record WireCall(String method, String path) {}

    private static final class Armed {
        final Fault fault;
        int remaining;

        Armed(Fault fault) {
            this.fault = fault;
            this.remaining = fault.count();
        }
    }

    private final List<Armed> rules = new ArrayList<>();

    /**
     * A steady background of faults, drawn at random after the armed ones: each API call answers an error with
     * probability {@code errorRate} (429 rateLimitExceeded, 500 or 503 backendError, in turn at random), and each
     * HTTP request that writes (POST, PUT, PATCH, DELETE, or a batch with such a part) is performed and then loses its
     * answer with probability {@code lostAnswerRate}. Seeded, so a failing run can be repeated; rates 0 turn it off.
     * {@code statuses} narrows the errors drawn (e.g. only 429), each of them equally likely.
     */
    public record Steady(double errorRate, double lostAnswerRate, long seed, List<Integer> statuses) {
        public Steady {
            if (errorRate < 0 || errorRate > 1 || lostAnswerRate < 0 || lostAnswerRate > 1)
                throw new IllegalArgumentException("rates are between 0 and 1");
            statuses = List.copyOf(statuses);
            if (statuses.isEmpty() || !STEADY_STATUSES.containsAll(statuses))
                throw new IllegalArgumentException("steady errors are some of " + STEADY_STATUSES + ", not " + statuses);
        }

        /** 429, 500 and 503 in turn at random. */
        public Steady(double errorRate, double lostAnswerRate, long seed) {
            this(errorRate, lostAnswerRate, seed, STEADY_STATUSES);
        }
    }

    private static final List<Integer> STEADY_STATUSES = List.of(429, 500, 503);
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
    private Steady steady;
    private java.util.Random steadyRandom;

    private final java.util.Set<String> overQuota = new java.util.HashSet<>();

    /** Every API call of this account answers 403 quotaExceeded until {@link #clear()}: one user over its quota. */
    public synchronized Faults overQuota(String email) {
        overQuota.add(email);
        return this;
    }

    synchronized boolean isOverQuota(String email) { return overQuota.contains(email); }

    public synchronized Faults steady(Steady background) {
        steady = background.errorRate() == 0 && background.lostAnswerRate() == 0 ? null : background;
        steadyRandom = new java.util.Random(background.seed());
        return this;
    }

    public synchronized Faults arm(Fault fault) {
        rules.add(new Armed(fault));
        return this;
    }

    /** The next {@code count} calls answer {@code status} (500/503 backendError, 429/403 rateLimitExceeded, 412 conditionNotMet). */
    public Faults failNext(int count, int status) { return failNext(count, status, null); }

    public Faults failNext(int count, int status, String pathContains) {
        return arm(Fault.error(status).times(count).onPath(pathContains));
    }

    /** The next {@code count} HTTP requests answer only after {@code delay}. */
    public Faults delayNext(int count, Duration delay) { return arm(Fault.delay(delay).times(count)); }

    /** The next {@code count} HTTP requests lose their connection without an answer, before anything happens. */
    public Faults dropNext(int count) { return arm(Fault.drop().times(count)); }

    /** The next {@code count} HTTP requests are performed, then lose their connection before the answer. */
    public Faults loseAnswerNext(int count) { return arm(Fault.loseAnswer().times(count)); }

    /** Disarms every armed fault and the steady background. */
    public synchronized void clear() {
        rules.clear();
        steady = null;
        overQuota.clear();
    }

    public synchronized int pending() {
        return rules.stream().mapToInt(r -> r.remaining).sum();
    }

    /** Consumes one matching ERROR rule and returns the error to answer, or null. */
    synchronized GoogleError nextError(String method, String path) {
        Fault fault = take(Kind.ERROR, Stream.of(new WireCall(method, path)).toList());
        if (fault == null && steady != null && steadyRandom.nextDouble() < steady.errorRate())
            fault = Fault.error(steady.statuses().get(steadyRandom.nextInt(steady.statuses().size())));
        return fault == null ? null : errorOf(fault);
    }

    synchronized Duration nextDelay(List<WireCall> calls) {
        Fault fault = take(Kind.DELAY, calls);
        return fault == null ? Duration.ZERO : fault.delay();
    }

    synchronized boolean nextDrop(List<WireCall> calls) { return take(Kind.DROP, calls) != null; }

    synchronized boolean nextLostAnswer(List<WireCall> calls) {
        if (take(Kind.LOSE_ANSWER, calls) != null) return true;
        return steady != null && steady.lostAnswerRate() > 0 && calls.stream().anyMatch(c -> WRITES.contains(c.method().toUpperCase(Locale.ROOT)))
                && steadyRandom.nextDouble() < steady.lostAnswerRate();
    }

    private static GoogleError errorOf(Fault fault) {
        int status = fault.status();
        String reason = fault.reason();
        if (reason == null) {
            if (status == 429 || status == 403) return GoogleError.rateLimitExceeded(status);
            if (status == 412) return GoogleError.conditionNotMet();
            return GoogleError.backendError(status);
        }
        return switch (reason) {
            case "rateLimitExceeded" -> GoogleError.rateLimitExceeded(status);
            case "userRateLimitExceeded" -> GoogleError.userRateLimitExceeded();
            case "quotaExceeded" -> GoogleError.quotaExceeded();
            case "conditionNotMet" -> GoogleError.conditionNotMet();
            default -> GoogleError.backendError(status);
        };
    }

    private Fault take(Kind kind, List<WireCall> calls) {
        for (Iterator<Armed> it = rules.iterator(); it.hasNext(); ) {
            Armed rule = it.next();
            if (rule.fault.kind() != kind || calls.stream().noneMatch(c -> rule.fault.matches(c.method(), c.path()))) continue;
            if (--rule.remaining <= 0) it.remove();
            return rule.fault;
        }
        return null;
    }
}
