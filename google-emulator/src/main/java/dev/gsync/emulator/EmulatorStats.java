package dev.gsync.emulator;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters for benchmarks and assertions: HTTP requests on the wire, API calls (a batch of n counts n),
 * per user and per operation, what the emulator refused or injected, and push notifications delivered
 * (answered 2xx/102) or failed (any other answer, or unreachable, after retries).
 */
public final class EmulatorStats {
    final AtomicLong httpRequests = new AtomicLong();
    final AtomicLong apiCalls = new AtomicLong();
    final AtomicLong batchRequests = new AtomicLong();
    final AtomicLong quotaRejections = new AtomicLong();
    final AtomicLong injectedFaults = new AtomicLong();
    final AtomicLong notifyingWrites = new AtomicLong();
    final AtomicLong tokenRequests = new AtomicLong();
    final AtomicLong lostAnswers = new AtomicLong();
    final AtomicLong pushDelivered = new AtomicLong();
    final AtomicLong pushFailed = new AtomicLong();
    final Map<String, LongAdder> callsByUser = new ConcurrentHashMap<>();
    final Map<String, LongAdder> callsByOperation = new ConcurrentHashMap<>();

    /** A copy of the counters at one moment. */
    public record Snapshot(long httpRequests, long apiCalls, long batchRequests, long quotaRejections, long injectedFaults,
                           long notifyingWrites, long tokenRequests, Map<String, Long> callsByUser,
                           Map<String, Long> callsByOperation, long lostAnswers, long pushDelivered, long pushFailed) {
        public long callsOf(String operation) { return callsByOperation.getOrDefault(operation, 0L); }

        public long callsBy(String email) { return callsByUser.getOrDefault(email, 0L); }
    }

    void call(String user, String operation) {
        apiCalls.incrementAndGet();
        if (user != null) callsByUser.computeIfAbsent(user, k -> new LongAdder()).increment();
        callsByOperation.computeIfAbsent(operation, k -> new LongAdder()).increment();
    }

    public Snapshot snapshot() {
        return new Snapshot(httpRequests.get(), apiCalls.get(), batchRequests.get(), quotaRejections.get(),
                injectedFaults.get(), notifyingWrites.get(), tokenRequests.get(), copy(callsByUser), copy(callsByOperation),
                lostAnswers.get(), pushDelivered.get(), pushFailed.get());
    }

    public void reset() {
        for (AtomicLong counter : new AtomicLong[] {httpRequests, apiCalls, batchRequests, quotaRejections, injectedFaults,
                notifyingWrites, tokenRequests, lostAnswers, pushDelivered, pushFailed}) {
            counter.set(0);
        }
        callsByUser.clear();
        callsByOperation.clear();
    }

    private static Map<String, Long> copy(Map<String, LongAdder> counters) {
        Map<String, Long> result = new TreeMap<>();
        counters.forEach((key, value) -> result.put(key, value.sum()));
        return Map.copyOf(result);
    }
}
