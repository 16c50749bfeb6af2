package dev.gsync.google;

import com.google.api.client.auth.oauth2.Credential;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.HttpTransport;
import com.google.api.client.json.JsonFactory;
import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.Channel;
import dev.gsync.core.model.UserId;
import io.vavr.control.Either;
import io.vavr.control.Option;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Google Calendar push channels for one user's calendar: events.watch opens one (Google then POSTs an empty
 * message with X-Goog-* headers to the address after each change), channels.stop closes it. Kept apart from
 * {@link GoogleApiCalendar}: channels are about when to sync, not what. Google facts stay here: the channel is
 * a "web_hook", the lifetime is asked for with params.ttl (seconds) and Google may grant less, the answer's
 * expiration is Unix milliseconds.
 */
public final class GoogleWatches {
    /** A channel Google opened: what channels.stop needs and when it ends. */
    public record OpenedChannel(String channelId, String resourceId, Instant expiration) {}

    /** Why a channel could not be opened or stopped; {@code permanent} when trying again will not help. */
    public record WatchFailure(String reason, boolean permanent) {}

    private final GoogleConfig config;
    private final GoogleAuthorization authorization;
    private final HttpTransport transport;
    private final JsonFactory json;

    public GoogleWatches(GoogleConfig config, GoogleAuthorization authorization, HttpTransport transport, JsonFactory json) {
        this.config = config;
        this.authorization = authorization;
        this.transport = transport;
        this.json = json;
    }

    /** Opens a channel on one calendar; Google sends a "sync" message to {@code address} right away. */
    public Either<WatchFailure, OpenedChannel> watch(UserId user, String calendarId, String channelId, String token,
                                                     URI address, Duration ttl) {
        return client(user).flatMap(calendar -> {
            Channel asked = new Channel().setId(channelId).setType("web_hook").setAddress(address.toString())
                    .setToken(token).setParams(Map.of("ttl", String.valueOf(ttl.toSeconds())));
            try {
                Channel opened = calendar.events().watch(calendarId, asked).execute();
                Instant expiration = opened.getExpiration() == null ? Instant.MAX : Instant.ofEpochMilli(opened.getExpiration());
                return Either.right(new OpenedChannel(opened.getId(), opened.getResourceId(), expiration));
            } catch (GoogleJsonResponseException refused) {
                return Either.left(failure(refused));
            } catch (IOException e) {
                return Either.left(new WatchFailure("Google unreachable: " + e.getClass().getSimpleName(), false));
            }
        });
    }

    /** Stops a channel; one Google no longer knows (expired, already stopped) counts as stopped. */
    public Either<WatchFailure, String> stop(UserId user, String channelId, String resourceId) {
        return client(user).flatMap(calendar -> {
            try {
                calendar.channels().stop(new Channel().setId(channelId).setResourceId(resourceId)).execute();
                return Either.right(channelId);
            } catch (GoogleJsonResponseException refused) {
                return refused.getStatusCode() == 404 ? Either.right(channelId) : Either.left(failure(refused));
            } catch (IOException e) {
                return Either.left(new WatchFailure("Google unreachable: " + e.getClass().getSimpleName(), false));
            }
        });
    }

    private Either<WatchFailure, Calendar> client(UserId user) {
        Option<Credential> credential = authorization.credential(user);
        if (credential.isEmpty()) return Either.left(new WatchFailure("Google is not linked", true));
        return Either.right(new Calendar.Builder(transport, json, request -> {
            credential.get().initialize(request);
            request.setConnectTimeout(20_000);
            request.setReadTimeout((int) config.readTimeout().toMillis());
        }).setRootUrl(config.calendarRootUrl()).setApplicationName(config.applicationName()).build());
    }

    private static WatchFailure failure(GoogleJsonResponseException refused) {
        String reason = refused.getDetails() != null && refused.getDetails().getErrors() != null && !refused.getDetails().getErrors().isEmpty()
                ? refused.getDetails().getErrors().get(0).getReason() : "status " + refused.getStatusCode();
        int status = refused.getStatusCode();
        // 400 (not https, push not supported for this calendar, bad id), 401/403 (access) will not heal by themselves
        boolean permanent = status == 400 || status == 401 || status == 404 || (status == 403 && !reason.contains("RateLimit") && !reason.equals("quotaExceeded"));
        return new WatchFailure(reason + " (" + status + ")", permanent);
    }
}
