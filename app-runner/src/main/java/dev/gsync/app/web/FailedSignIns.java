package dev.gsync.app.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vavr.control.Option;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Failed sign-ins counted per client address and per user name, so that passwords and the admin token cannot be
 * guessed at speed. A key with {@code limit} failures within the window since its first counted failure is refused,
 * without its password being checked, until that window has passed; a successful sign-in clears the name's count
 * (not the address's: one right password must not reset a guessing run). Memory is bounded: each kind keeps at most
 * {@code maxKeys} keys (Caffeine evicts the least recently used) for at most a window after their last failure.
 * Behind a reverse proxy every client has the proxy's address; the per-name limit still holds then.
 */
public final class FailedSignIns {
    /** How many failures a client address and a user name may have within the window. */
    public record Limits(int perAddress, int perName, Duration window, long maxKeys) {
        public static final Limits DEFAULT = new Limits(20, 5, Duration.ofMinutes(15), 10_000);
    }

    private record Count(Instant since, int failures) {}

    private static final int LONGEST_NAME = 200;   // a key is never longer: a huge user name costs no more memory
    private final Limits limits;
    private final Clock clock;
    private final Cache<String, Count> byAddress;
    private final Cache<String, Count> byName;

    public FailedSignIns(Limits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
        this.byAddress = Caffeine.newBuilder().maximumSize(limits.maxKeys()).expireAfterWrite(limits.window()).build();
        this.byName = Caffeine.newBuilder().maximumSize(limits.maxKeys()).expireAfterWrite(limits.window()).build();
    }

    /** How long this address, or this name (empty: no name, as for the admin token), must wait; None: it may try. */
    public Option<Duration> refusedFor(String address, String name) {
        Instant now = clock.instant();
        Option<Duration> waitAddress = waiting(byAddress, address, limits.perAddress(), now);
        Option<Duration> waitName = name.isBlank() ? Option.none() : waiting(byName, key(name), limits.perName(), now);
        if (waitAddress.isEmpty()) return waitName;
        return waitName.map(w -> w.compareTo(waitAddress.get()) > 0 ? w : waitAddress.get()).orElse(waitAddress);
    }

    public void failed(String address, String name) {
        Instant now = clock.instant();
        count(byAddress, address, now);
        if (!name.isBlank()) count(byName, key(name), now);
    }

    public void succeeded(String name) {
        byName.invalidate(key(name));
    }

    /** Keys kept now (after evicting what is due), for the test of the memory bound. */
    long keysKept() {
        byAddress.cleanUp();
        byName.cleanUp();
        return byAddress.estimatedSize() + byName.estimatedSize();
    }

    private Option<Duration> waiting(Cache<String, Count> counts, String key, int limit, Instant now) {
        Count c = counts.getIfPresent(key);
        if (c == null || c.failures() < limit) return Option.none();
        Instant until = c.since().plus(limits.window());
        return now.isBefore(until) ? Option.some(Duration.between(now, until)) : Option.none();
    }

    private void count(Cache<String, Count> counts, String key, Instant now) {
        counts.asMap().compute(key, (k, c) -> c == null || !now.isBefore(c.since().plus(limits.window()))
                ? new Count(now, 1) : new Count(c.since(), c.failures() + 1));
    }

    private static String key(String name) {
        String k = name.strip().toLowerCase(Locale.ROOT);
        return k.length() > LONGEST_NAME ? k.substring(0, LONGEST_NAME) : k;
    }
}
