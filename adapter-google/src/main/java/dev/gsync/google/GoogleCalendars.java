package dev.gsync.google;

import com.google.api.client.auth.oauth2.Credential;
import com.google.api.client.http.HttpRequestInitializer;
import com.google.api.client.http.HttpTransport;
import com.google.api.client.json.JsonFactory;
import com.google.api.services.calendar.Calendar;
import com.google.api.services.tasks.Tasks;
import dev.gsync.core.model.SyncSettings;
import dev.gsync.core.model.UserId;
import dev.gsync.core.port.GoogleCalendar;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.vavr.control.Option;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes each user's {@link GoogleCalendar}. All users share the project's rate; each user keeps one rate of their
 * own for as long as this factory lives, however many adapters are made for them.
 */
public final class GoogleCalendars {
    /** Waiting for a permit longer than this is a bug or a badly chosen rate, not pacing. */
    private static final Duration PACING_TIMEOUT = Duration.ofMinutes(10);

    private final GoogleConfig config;
    private final GoogleAuthorization authorization;
    private final HttpTransport transport;
    private final JsonFactory json;
    private final Clock clock;
    private final RateLimiter projectRate;
    private final Map<UserId, RateLimiter> userRates = new ConcurrentHashMap<>();

    public GoogleCalendars(GoogleConfig config, GoogleAuthorization authorization, HttpTransport transport, JsonFactory json, Clock clock) {
        this.config = config;
        this.authorization = authorization;
        this.transport = transport;
        this.json = ZoneAwareJsonFactory.around(json);   // reads offset-less dateTimes in their timeZone
        this.clock = clock;
        this.projectRate = rateLimiter("google-project", config.projectRate());
    }

    /** The user's Google side under their settings; one that answers AuthorizationRequired when they are not linked. */
    public GoogleCalendar forUser(UserId user, SyncSettings settings) {
        Option<Credential> credential = authorization.credential(user);
        if (credential.isEmpty()) return new UnlinkedGoogleCalendar(user.value());
        return adapter(user, settings, credential.get(), () -> authorization.grantRevoked(user));
    }

    GoogleApiCalendar adapter(UserId user, SyncSettings settings, HttpRequestInitializer credential, java.util.function.BooleanSupplier revoked) {
        HttpRequestInitializer timeouts = request -> {
            request.setConnectTimeout(20_000);
            request.setReadTimeout((int) config.readTimeout().toMillis());
        };
        HttpRequestInitializer init = request -> {
            credential.initialize(request);
            timeouts.initialize(request);
        };
        Calendar calendar = new Calendar.Builder(transport, json, init)
                .setRootUrl(config.calendarRootUrl()).setApplicationName(config.applicationName()).build();
        Tasks tasks = new Tasks.Builder(transport, json, init)
                .setRootUrl(config.tasksRootUrl()).setApplicationName(config.applicationName()).build();
        RateLimiter userRate = userRates.computeIfAbsent(user, u -> rateLimiter("google-user-" + u.value(), config.userRate()));
        GoogleCalls calls = new GoogleCalls("google-" + user.value(), userRate, projectRate, config.maxAttempts(),
                GoogleCalls.backoff(config.initialBackoff(), config.maxBackoff()), config.batchSize(), revoked, timeouts);
        return new GoogleApiCalendar(calendar, tasks, calls, settings, config, clock);
    }

    /**
     * Permits come in cycles of about a second (the cycle sized so the rate is exact). A cycle of a second is longer
     * than a batch takes, so no cycle's permits go unused while a batch is on the wire, and short enough that a sliding
     * minute window never sees more than about 1/60 over the rate: set the rate a little under the quota.
     */
    static RateLimiter rateLimiter(String name, GoogleConfig.Rate rate) {
        long periodNanos = rate.period().toNanos();
        long aboutASecond = Math.min(periodNanos, Duration.ofSeconds(1).toNanos());
        int perCycle = (int) Math.max(1, rate.limit() * aboutASecond / periodNanos);
        Duration cycle = Duration.ofNanos(Math.max(1_000_000L, periodNanos * perCycle / rate.limit()));
        return RateLimiter.of(name, RateLimiterConfig.custom()
                .limitForPeriod(perCycle)
                .limitRefreshPeriod(cycle)
                .timeoutDuration(PACING_TIMEOUT)
                .build());
    }
}
