package dev.gsync.google;

import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.JsonFactory;
import com.google.api.client.json.gson.GsonFactory;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.gsync.core.port.CredentialStore;

import java.time.Clock;

/**
 * Binds the Google side: {@link GoogleAuthorization} (linking accounts) and {@link GoogleCalendars} (one
 * {@code GoogleCalendar} per user). Needs a {@link CredentialStore} and a {@link Clock} bound elsewhere.
 */
public final class GoogleModule extends AbstractModule {
    private final GoogleConfig config;

    public GoogleModule(GoogleConfig config) {
        this.config = config;
    }

    @Provides
    @Singleton
    GoogleConfig config() {
        return config;
    }

    @Provides
    @Singleton
    HttpTransport transport() {
        return new NetHttpTransport();
    }

    @Provides
    @Singleton
    JsonFactory json() {
        return GsonFactory.getDefaultInstance();
    }

    @Provides
    @Singleton
    GoogleAuthorization authorization(CredentialStore store, HttpTransport transport, JsonFactory json, Clock clock) {
        return new GoogleAuthorization(config, store, transport, json, clock);
    }

    @Provides
    @Singleton
    GoogleCalendars calendars(GoogleAuthorization authorization, HttpTransport transport, JsonFactory json, Clock clock, GoogleQuota quota) {
        return new GoogleCalendars(config, authorization, transport, json, clock, quota);
    }

    /** One per runner: every user's calls share the project's window (issue 10). */
    @Provides
    @Singleton
    GoogleQuota quota() {
        return GoogleQuota.of(config);
    }

    @Provides @Singleton
    GoogleCalendarDirectory calendarDirectory(GoogleAuthorization authorization, HttpTransport transport, JsonFactory json) {
        return new GoogleCalendarDirectory(config, authorization, transport, json);
    }

    @Provides
    @Singleton
    GoogleWatches watches(GoogleAuthorization authorization, HttpTransport transport, JsonFactory json) {
        return new GoogleWatches(config, authorization, transport, json);
    }
}
