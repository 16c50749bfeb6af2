package dev.gsync.app;

import com.google.inject.Injector;
import dev.gsync.app.config.AppConfig;
import dev.gsync.app.config.ConfigKey;
import dev.gsync.core.model.SyncSettings;
import dev.gsync.core.model.UserId;
import dev.gsync.core.port.GoogleCalendar;
import dev.gsync.google.GoogleAuthorization;
import dev.gsync.google.GoogleConfig;
import dev.gsync.google.GoogleModule;
import io.vavr.control.Either;
import io.vavr.control.Option;

import java.net.URI;

/**
 * The Google adapter as the runner uses it. The OAuth client can change while the runner runs (the admin page), so
 * the adapter's {@link GoogleModule} lives in a child injector that is built again when the client or the redirect
 * URI changes; everything else (credential store, clock) comes from the main injector.
 */
public final class GoogleSide implements GoogleAccounts, GoogleCalendars {
    private static final String NOT_CONFIGURED =
            "the Google OAuth client is not configured (admin page, or google.clientId and google.clientSecret)";

    private final Injector parent;
    private final AppConfig config;
    private final GoogleClientSettings clients;
    private final WebAddress address;
    private Key key;
    private Injector google;
    private final java.util.List<java.util.function.Consumer<UserId>> beforeUnlink = new java.util.concurrent.CopyOnWriteArrayList<>();

    private record Key(GoogleClientSettings.GoogleClient client, URI redirect) {}

    public GoogleSide(Injector parent, AppConfig config, GoogleClientSettings clients, WebAddress address) {
        this.parent = parent;
        this.config = config;
        this.clients = clients;
        this.address = address;
    }

    private synchronized Option<Injector> adapter() {
        Option<GoogleClientSettings.GoogleClient> client = clients.current();
        if (client.isEmpty()) return Option.none();
        Key now = new Key(client.get(), address.redirectUri());
        if (!now.equals(key)) {
            GoogleConfig googleConfig = GoogleConfig.forGoogle(now.client().clientId(), now.client().clientSecret(), now.redirect())
                    .withEndpoints(config.get(ConfigKey.GOOGLE_CALENDAR_ROOT), config.get(ConfigKey.GOOGLE_TASKS_ROOT),
                            config.get(ConfigKey.GOOGLE_AUTH_URI), config.get(ConfigKey.GOOGLE_TOKEN_URI));
            google = parent.createChildInjector(new GoogleModule(googleConfig));
            key = now;
        }
        return Option.some(google);
    }

    private Option<GoogleAuthorization> authorization() {
        return adapter().map(i -> i.getInstance(GoogleAuthorization.class));
    }

    @Override
    public Either<String, URI> consentUrl(UserId user) {
        return authorization().toEither(NOT_CONFIGURED).map(a -> a.consentUrl(user));
    }

    @Override
    public Either<String, UserId> complete(String state, String code) {
        return authorization().toEither(NOT_CONFIGURED).flatMap(a -> a.complete(state, code));
    }

    @Override
    public boolean isLinked(UserId user) {
        return authorization().exists(a -> a.isLinked(user));
    }

    @Override
    public void unlink(UserId user) {
        for (var hook : beforeUnlink) {
            try {
                hook.accept(user);
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(GoogleSide.class).warn("before unlinking {}: {}", user, e.toString());
            }
        }
        authorization().forEach(a -> a.unlink(user));
    }

    /** Work that needs the user's Google access one last time before an unlink (stopping push channels). */
    public void beforeUnlink(java.util.function.Consumer<UserId> hook) {
        beforeUnlink.add(hook);
    }

    @Override
    public Either<String, io.vavr.collection.Seq<dev.gsync.google.GoogleCalendarDirectory.Entry>> calendarsOf(UserId user) {
        if (!isLinked(user)) return Either.left("Google is not linked");
        return adapter().toEither(NOT_CONFIGURED)
                .flatMap(i -> i.getInstance(dev.gsync.google.GoogleCalendarDirectory.class).calendarsOf(user));
    }

    @Override
    public Either<String, io.vavr.collection.Seq<dev.gsync.google.GoogleCalendarDirectory.TaskListEntry>> taskListsOf(UserId user) {
        if (!isLinked(user)) return Either.left("Google is not linked");
        return adapter().toEither(NOT_CONFIGURED)
                .flatMap(i -> i.getInstance(dev.gsync.google.GoogleCalendarDirectory.class).taskListsOf(user));
    }

    /** The Google quota of the current OAuth client (shared by all users); none while the client is not configured. */
    public Option<dev.gsync.google.GoogleQuota> quota() {
        return adapter().map(i -> i.getInstance(dev.gsync.google.GoogleQuota.class));
    }

    /** Push channels of the current OAuth client; none while the client is not configured. */
    public Option<dev.gsync.google.GoogleWatches> watches() {
        return adapter().map(i -> i.getInstance(dev.gsync.google.GoogleWatches.class));
    }

    @Override
    public GoogleCalendar forUser(UserId user, SyncSettings settings) {
        return adapter().getOrElseThrow(() -> new IllegalStateException(NOT_CONFIGURED))
                .getInstance(dev.gsync.google.GoogleCalendars.class).forUser(user, settings);
    }
}
