package dev.gsync.emulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Faults a test arms for the next requests. Error answers are per API call (a batch part counts as a call);
 * delays and dropped connections are per HTTP request, because that is where they happen on the wire.
 * An optional path fragment limits a fault to matching requests (e.g. "/events").
 */
public final class Faults {
    enum Kind { ERROR, DELAY, DROP }

    private record Rule(Kind kind, int status, Duration delay, String pathContains, int[] remaining) {}

    private final List<Rule> rules = new ArrayList<>();

    /** The next {@code count} calls answer {@code status} (500/503 backendError, 429/403 rateLimitExceeded). */
    public Faults failNext(int count, int status) { return failNext(count, status, null); }

    public synchronized Faults failNext(int count, int status, String pathContains) {
        rules.add(new Rule(Kind.ERROR, status, Duration.ZERO, pathContains, new int[] {count}));
        return this;
    }

    /** The next {@code count} HTTP requests answer only after {@code delay}. */
    public synchronized Faults delayNext(int count, Duration delay) {
        rules.add(new Rule(Kind.DELAY, 0, delay, null, new int[] {count}));
        return this;
    }

    /** The next {@code count} HTTP requests lose their connection without an answer. */
    public synchronized Faults dropNext(int count) {
        rules.add(new Rule(Kind.DROP, 0, Duration.ZERO, null, new int[] {count}));
        return this;
    }

    public synchronized void clear() { rules.clear(); }

    public synchronized int pending() {
        return rules.stream().mapToInt(r -> r.remaining[0]).sum();
    }

    /** Consumes one matching ERROR rule and returns the error to answer, or null. */
    synchronized GoogleError nextError(String path) {
        Rule rule = take(Kind.ERROR, path);
        if (rule == null) return null;
        if (rule.status == 429 || rule.status == 403) return GoogleError.rateLimitExceeded(rule.status);
        return GoogleError.backendError(rule.status);
    }

    synchronized Duration nextDelay(String path) {
        Rule rule = take(Kind.DELAY, path);
        return rule == null ? Duration.ZERO : rule.delay;
    }

    synchronized boolean nextDrop(String path) { return take(Kind.DROP, path) != null; }

    private Rule take(Kind kind, String path) {
        for (Iterator<Rule> it = rules.iterator(); it.hasNext(); ) {
            Rule rule = it.next();
            if (rule.kind != kind || (rule.pathContains != null && !path.contains(rule.pathContains))) continue;
            if (--rule.remaining[0] <= 0) it.remove();
            return rule;
        }
        return null;
    }
}
