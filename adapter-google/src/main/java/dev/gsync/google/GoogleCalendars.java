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
import io.vavr.control.Option;

import java.time.Clock;

/**
 * Makes each user's {@link GoogleCalendar}. All users share one {@link GoogleQuota} (the project's window, and each
 * user's own window for as long as it lives, however many adapters are made for them).
 */
public final class GoogleCalendars {
    private final GoogleConfig config;
    private final GoogleAuthorization authorization;
    private final HttpTransport transport;
    private final JsonFactory json;
    private final Clock clock;
    private final GoogleQuota quota;

    public GoogleCalendars(GoogleConfig config, GoogleAuthorization authorization, HttpTransport transport, JsonFactory json, Clock clock) {
        this(config, authorization, transport, json, clock, GoogleQuota.of(config));
    }

    /** @param quota the runner's one quota (a Guice singleton), shared with anything else that calls Google for its users */
    public GoogleCalendars(GoogleConfig config, GoogleAuthorization authorization, HttpTransport transport, JsonFactory json, Clock clock, GoogleQuota quota) {
        this.quota = quota;
        this.config = config;
        this.authorization = authorization;
        this.transport = transport;
        this.json = ZoneAwareJsonFactory.around(json);   // reads offset-less dateTimes in their timeZone
        this.clock = clock;
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
        GoogleCalls calls = new GoogleCalls(user.value(), quota, config.maxAttempts(),
                GoogleCalls.backoff(config.initialBackoff(), config.maxBackoff()), config.batchSize(), revoked, timeouts);
        return new GoogleApiCalendar(calendar, tasks, calls, settings, config, clock);
    }

    /** The quota all users of this factory share. */
    public GoogleQuota quota() {
        return quota;
    }
}
