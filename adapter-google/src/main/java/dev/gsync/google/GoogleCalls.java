package dev.gsync.google;

import com.google.api.client.googleapis.batch.BatchRequest;
import com.google.api.client.googleapis.batch.json.JsonBatchCallback;
import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.googleapis.services.json.AbstractGoogleJsonClient;
import com.google.api.client.googleapis.services.json.AbstractGoogleJsonClientRequest;
import com.google.api.client.http.HttpHeaders;
import com.google.api.client.http.HttpRequestInitializer;
import dev.gsync.core.model.ExternalId;
import dev.gsync.core.port.CalendarFailure;
import dev.gsync.core.port.Written;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every request one user's adapter makes goes through here: paced by the shared {@link GoogleQuota} (the user's and the
 * project's sliding windows; each call inside a batch counts, as Google counts it), retried with exponential backoff
 * and jitter on rate limits, server errors and lost connections, within a bounded budget; a rate refusal also tells the
 * quota (Retry-After, a lower allowance). Whatever is left after that comes back as a value.
 */
final class GoogleCalls {
    private static final Logger log = LoggerFactory.getLogger(GoogleCalls.class);
    /** Follow-up steps (409 then get then restore) are few; this only stops a bug from looping. */
    private static final int MAX_ROUNDS = 50;

    private final GoogleQuota quota;
    private final String userKey;
    private final Retry retry;
    private final IntervalFunction backoff;
    private final int maxAttempts;
    private final int batchSize;
    private final AtomicLong httpRequests = new AtomicLong();
    private final AtomicLong apiCalls = new AtomicLong();

    private final java.util.function.BooleanSupplier grantRevoked;
    private final HttpRequestInitializer batchTimeouts;

    /**
     * @param batchTimeouts initialises the outer request of a batch: {@code client.batch()} alone would leave it with
     *                      the library's default timeouts (the inner calls carry their own credentials)
     */
    GoogleCalls(String userKey, GoogleQuota quota, int maxAttempts, IntervalFunction backoff, int batchSize,
                java.util.function.BooleanSupplier grantRevoked, HttpRequestInitializer batchTimeouts) {
        String name = "google-" + userKey;
        this.grantRevoked = grantRevoked;
        this.batchTimeouts = batchTimeouts;
        this.quota = quota;
        this.userKey = userKey;
        this.batchSize = batchSize;
        this.backoff = backoff;
        this.maxAttempts = maxAttempts;
        this.retry = Retry.of(name, RetryConfig.custom()
                .maxAttempts(maxAttempts)
                .intervalFunction(backoff)
                .retryOnException(e -> e instanceof Failed f && f.error.isTransient())
                .failAfterMaxAttempts(false)
                .build());
    }

    static IntervalFunction backoff(java.time.Duration initial, java.time.Duration max) {
        return IntervalFunction.ofExponentialRandomBackoff(initial, 2.0, 0.5, max);
    }

    /** HTTP requests sent (a batch is one), and API calls made (a batch of n is n): for benchmarks and tests. */
    long httpRequests() {
        return httpRequests.get();
    }

    long apiCalls() {
        return apiCalls.get();
    }

    interface Call<T> {
        T execute() throws IOException;
    }

    /** One plain request, paced and retried; a failure that retrying cannot cure comes back at once. */
    <T> Either<CallError, T> call(Call<T> call) {
        try {
            return Either.right(Retry.decorateCheckedSupplier(retry, () -> {
                pace(1, 1);
                httpRequests.incrementAndGet();
                T result;
                try {
                    result = call.execute();
                } catch (IOException | RuntimeException e) {
                    CallError error = classify(CallError.of(e));
                    if (error.isTransient()) log.info("Google call failed, may retry: {}", error.describe());
                    if (error.code() != 0) quota.answered(userKey, 1, error.isQuota() ? 1 : 0, error.isProjectRate() ? 1 : 0, error.retryAfter());
                    throw new Failed(error);
                }
                quota.answered(userKey, 1, 0, 0, java.util.Optional.empty());
                return result;
            }).get());
        } catch (Failed f) {
            return Either.left(f.error);
        } catch (Throwable t) {
            return Either.left(classify(CallError.of(t)));
        }
    }

    /** A 401 after Google refused to refresh the token is a revoked grant, not a passing problem. */
    private CallError classify(CallError error) {
        if (!error.grantRevoked() && error.code() == 401 && grantRevoked.getAsBoolean()) {
            return new CallError(error.code(), "invalid_grant", error.message(), true);
        }
        return error;
    }

    // ------------------------------------------------------------------ batches

    /** What one write does next after one of its calls answered. */
    sealed interface Outcome {
        record Done(Either<CalendarFailure, Written> result) implements Outcome {}
        record Next(Step step) implements Outcome {}
        /** A passing failure: send {@code step} (often the same one) again after a pause. */
        record Again(CallError error, Step step) implements Outcome {}
    }

    /** One call on behalf of one write; its answer decides the write's next step. */
    interface Step {
        AbstractGoogleJsonClient client();

        AbstractGoogleJsonClientRequest<?> request() throws IOException;

        Outcome onSuccess(Object result);

        Outcome onError(CallError error);

        /** Work to do outside the batch before sending (a look-up); an outcome here replaces the call. */
        default Option<Outcome> beforeSend() {
            return Option.none();
        }

        /** The id the write is about, when it has one (for the failure a run out of retries gives). */
        default ExternalId id() {
            return null;
        }

        static Outcome done(Either<CalendarFailure, Written> result) {
            return new Outcome.Done(result);
        }
    }

    /**
     * Runs the steps through Google's batch endpoint, {@code batchSize} calls per HTTP request, until every write has
     * its result. Steps that failed in passing are sent again after an exponential backoff (with jitter) that follows
     * how often <em>they</em> failed, not how many rounds the batch took; a write whose calls failed
     * {@code maxAttempts} times in a row fails with QuotaExceeded or Unavailable. Every round's answers are reported to
     * the quota, which tells stray refusals from pressure (D38). Results come back in the order of the steps.
     */
    Seq<Either<CalendarFailure, Written>> runBatched(Seq<Step> steps) {
        int n = steps.size();
        java.util.List<Either<CalendarFailure, Written>> results = new ArrayList<>(java.util.Collections.nCopies(n, null));
        Step[] pending = steps.toJavaArray(Step[]::new);
        int[] failures = new int[n];   // consecutive passing failures of each write's current call
        for (int round = 1; anyPending(pending); round++) {
            if (round > MAX_ROUNDS) {
                for (int i = 0; i < n; i++) if (pending[i] != null) results.set(i, Either.left(new CalendarFailure.Unavailable("gave up after " + MAX_ROUNDS + " rounds")));
                break;
            }
            int[] sent = {0};
            Map<Integer, Outcome> outcomes = sendRound(pending, sent);
            Map<Integer, CallError> passing = new LinkedHashMap<>();
            outcomes.forEach((i, outcome) -> {
                if (outcome instanceof Outcome.Done done) {
                    results.set(i, done.result());
                    pending[i] = null;
                } else if (outcome instanceof Outcome.Next next) {
                    pending[i] = next.step();
                    failures[i] = 0;
                } else if (outcome instanceof Outcome.Again again) {
                    pending[i] = again.step();
                    passing.put(i, again.error());
                } else {
                    throw new AssertionError(outcome);
                }
            });
            List<CallError> errors = List.ofAll(passing.values());
            quota.answered(userKey, sent[0], errors.count(CallError::isQuota), errors.count(CallError::isProjectRate),
                    errors.flatMap(e -> Option.ofOptional(e.retryAfter())).maxBy(d -> d).toJavaOptional());
            if (passing.isEmpty()) continue;
            int worst = 0;
            for (var entry : passing.entrySet()) {
                int i = entry.getKey();
                if (++failures[i] >= maxAttempts) {
                    results.set(i, Either.left(entry.getValue().toFailure(pending[i].id())));
                    pending[i] = null;
                } else {
                    worst = Math.max(worst, failures[i]);
                }
            }
            log.info("{} of {} Google calls failed in passing (round {}), e.g. {}", passing.size(), n, round, errors.last().describe());
            if (worst > 0) quota.backOff(java.time.Duration.ofMillis(backoff.apply(worst)));
        }
        return List.ofAll(results);
    }

    private static boolean anyPending(Step[] pending) {
        for (Step s : pending) if (s != null) return true;
        return false;
    }

    /** Sends every pending step once; {@code sent[0]} counts the calls that went to Google. */
    private Map<Integer, Outcome> sendRound(Step[] pending, int[] sent) {
        Map<Integer, Outcome> outcomes = new LinkedHashMap<>();
        Map<AbstractGoogleJsonClient, java.util.List<Integer>> byClient = new LinkedHashMap<>();
        for (int i = 0; i < pending.length; i++) {
            if (pending[i] == null) continue;
            int index = i;
            Option<Outcome> early = pending[i].beforeSend();
            if (early.isDefined()) {
                outcomes.put(i, early.get());
                continue;
            }
            byClient.computeIfAbsent(pending[i].client(), c -> new ArrayList<>()).add(index);
        }
        byClient.forEach((client, indexes) -> {
            for (int from = 0; from < indexes.size(); from += batchSize) {
                sent[0] += sendBatch(client, indexes.subList(from, Math.min(indexes.size(), from + batchSize)), pending, outcomes);
            }
        });
        return outcomes;
    }

    /** Sends one HTTP batch; answers how many calls it carried. */
    private int sendBatch(AbstractGoogleJsonClient client, java.util.List<Integer> indexes, Step[] pending, Map<Integer, Outcome> outcomes) {
        BatchRequest batch = client.batch(batchTimeouts);
        java.util.List<Integer> queued = new ArrayList<>();
        for (int i : indexes) {
            try {
                queue(pending[i].request(), batch, pending[i], i, outcomes);
                queued.add(i);
            } catch (IOException | RuntimeException e) {
                outcomes.put(i, Step.done(Either.left(new CalendarFailure.Rejected("cannot build the request: " + e.getMessage()))));
            }
        }
        if (queued.isEmpty()) return 0;
        int cost = 0;
        for (int i : queued) cost += units(pending[i]);
        pace(queued.size(), cost);
        httpRequests.incrementAndGet();
        try {
            batch.execute();
        } catch (IOException | RuntimeException e) {
            // no (readable) answer: whatever reached Google may or may not have been applied; each step knows
            // whether repeating it is safe
            CallError error = classify(CallError.of(e));
            for (int i : queued) outcomes.putIfAbsent(i, pending[i].onError(error));
        }
        for (int i : queued) outcomes.putIfAbsent(i, pending[i].onError(new CallError(0, "network", "no answer for this call in the batch", false)));
        return queued.size();
    }

    private <T> void queue(AbstractGoogleJsonClientRequest<T> request, BatchRequest batch, Step step, int index,
                                  Map<Integer, Outcome> outcomes) throws IOException {
        request.queue(batch, new JsonBatchCallback<T>() {
            @Override
            public void onSuccess(T result, HttpHeaders headers) {
                outcomes.put(index, step.onSuccess(result));
            }

            @Override
            public void onFailure(GoogleJsonError error, HttpHeaders headers) {
                outcomes.put(index, step.onError(classify(CallError.of(error).withRetryAfter(headers, java.time.Instant.now()))));
            }
        });
    }

    /** Quota units of one call: a patch counts three (google-api-facts.md §3), everything else one. */
    private static int units(Step step) {
        try {
            return step.request() instanceof com.google.api.services.calendar.Calendar.Events.Patch ? 3 : 1;
        } catch (IOException | RuntimeException e) {
            return 1;
        }
    }

    /** Waits until both the user's and the project's window have room for {@code units} more, and charges them. */
    private void pace(int calls, int units) {
        apiCalls.addAndGet(calls);
        quota.acquire(userKey, units);
    }

    /** A failed call travelling through resilience4j. */
    static final class Failed extends RuntimeException {
        final CallError error;

        Failed(CallError error) {
            super(error.describe(), null, false, false);
            this.error = error;
        }
    }
}
