package dev.gsync.google;

import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import dev.gsync.core.model.SyncSettings;
import dev.gsync.core.model.UserId;
import dev.gsync.core.port.CalendarFailure;
import dev.gsync.core.port.Change;
import dev.gsync.core.port.ChangePage;
import dev.gsync.core.port.Cursor;
import dev.gsync.emulator.EmulatedUser;
import dev.gsync.emulator.EmulatorSettings;
import dev.gsync.emulator.GoogleEmulator;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The Google emulator on 127.0.0.1 with gsync's real Google stack pointed at it: accounts are linked through the real
 * OAuth flow (consent URL, redirect, code exchange), adapters are made by the real factory.
 */
final class EmulatedGoogle implements AutoCloseable {
    static final URI CALLBACK = URI.create("http://127.0.0.1:9/oauth/callback");

    final GoogleEmulator emulator;
    final InMemoryCredentialStore store = new InMemoryCredentialStore();
    final GoogleConfig config;
    final GoogleAuthorization authorization;
    final GoogleCalendars calendars;

    EmulatedGoogle(EmulatorSettings settings, GoogleConfig.Rate userRate) {
        this(settings, userRate, c -> c);
    }

    EmulatedGoogle(EmulatorSettings settings, GoogleConfig.Rate userRate, java.util.function.UnaryOperator<GoogleConfig> tune) {
        this(settings, userRate, tune, GoogleQuota::of);
    }

    /** @param quota makes the adapters' shared quota from the final config (e.g. on a test clock) */
    EmulatedGoogle(EmulatorSettings settings, GoogleConfig.Rate userRate, java.util.function.UnaryOperator<GoogleConfig> tune,
                   java.util.function.Function<GoogleConfig, GoogleQuota> quota) {
        this.emulator = GoogleEmulator.start(settings.autoApprove(true));
        this.config = tune.apply(GoogleConfig.forGoogle("gsync-test-client", "test-secret", CALLBACK)
                .withEndpoints(emulator.rootUrl(), emulator.rootUrl(), emulator.authorizeUrl(), emulator.tokenUrl())
                .withRates(userRate, GoogleConfig.Rate.unlimited())
                .withRetries(6, Duration.ofMillis(20), Duration.ofMillis(400)));
        this.authorization = new GoogleAuthorization(config, store, new NetHttpTransport(), GsonFactory.getDefaultInstance(), Clock.systemUTC());
        this.calendars = new GoogleCalendars(config, authorization, new NetHttpTransport(), GsonFactory.getDefaultInstance(), Clock.systemUTC(), quota.apply(config));
    }

    static EmulatedGoogle start() {
        return new EmulatedGoogle(EmulatorSettings.defaults().withoutQuota(), GoogleConfig.Rate.unlimited());
    }

    EmulatedUser user(String email) {
        return emulator.user(email);
    }

    /** Links the Google account {@code email} to the CRM user of the same name through the OAuth web flow. */
    UserId link(String email) {
        UserId user = UserId.of(email);
        URI consent = authorization.consentUrl(user, Option.of(email));
        Map<String, String> callback = query(redirectOf(consent));
        Either<String, UserId> linked = authorization.complete(callback.get("state"), callback.get("code"));
        if (linked.isLeft()) throw new AssertionError("linking failed: " + linked.getLeft());
        return linked.get();
    }

    GoogleApiCalendar adapter(String email, SyncSettings settings) {
        UserId user = authorization.isLinked(UserId.of(email)) ? UserId.of(email) : link(email);
        return (GoogleApiCalendar) calendars.forUser(user, settings);
    }

    GoogleApiCalendar adapter(String email) {
        return adapter(email, SyncSettings.defaults());
    }

    /** Every page from {@code cursor} on: the changes and the cursor to go on from. */
    record Listing(Seq<Change> changes, Cursor next, int pages) {
        Seq<Change.Upserted> upserts() {
            return changes.filter(c -> c instanceof Change.Upserted).map(c -> (Change.Upserted) c);
        }

        Seq<Change.Removed> removals() {
            return changes.filter(c -> c instanceof Change.Removed).map(c -> (Change.Removed) c);
        }
    }

    static Either<CalendarFailure, Listing> drain(GoogleApiCalendar adapter, Cursor from) {
        Seq<Change> all = List.empty();
        Cursor cursor = from;
        for (int pages = 1; pages <= 1000; pages++) {
            Either<CalendarFailure, ChangePage> page = adapter.changesSince(cursor);
            if (page.isLeft()) return Either.left(page.getLeft());
            all = all.appendAll(page.get().changes());
            cursor = page.get().next();
            if (!page.get().more()) return Either.right(new Listing(all, cursor, pages));
        }
        throw new AssertionError("more than 1000 pages");
    }

    static URI redirectOf(URI url) {
        try {
            HttpURLConnection connection = (HttpURLConnection) url.toURL().openConnection();
            connection.setInstanceFollowRedirects(false);
            int status = connection.getResponseCode();
            String location = connection.getHeaderField("Location");
            connection.disconnect();
            if (status / 100 != 3 || location == null) throw new AssertionError("no redirect from the consent page: " + status);
            return URI.create(location);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static Map<String, String> query(URI uri) {
        Map<String, String> result = new HashMap<>();
        if (uri.getRawQuery() == null) return result;
        for (String pair : uri.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            result.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return result;
    }

    @Override
    public void close() {
        emulator.close();
    }
}
