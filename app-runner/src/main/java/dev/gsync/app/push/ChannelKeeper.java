package dev.gsync.app.push;

import dev.gsync.app.GoogleAccounts;
import dev.gsync.app.UserSync;
import dev.gsync.core.model.ItemKind;
import dev.gsync.core.model.SyncSettings;
import dev.gsync.core.model.UserId;
import dev.gsync.google.GoogleWatches;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Keeps one Google push channel per user and synced calendar: opens missing ones, replaces those close to their end
 * (Google has no renewal: a new channel, then the old one is stopped, so the two overlap), stops channels of
 * calendars no longer synced and, before an unlink, all of a user's channels. Sets the user's {@link SyncMode} with
 * its reason. Runs as one cluster-wide recurring task, so two instances never open channels for the same user at once.
 *
 * The channel row is saved before Google is asked, because Google may send its first ("sync") message before it
 * answers the watch call, and whichever instance receives it must find the channel.
 */
public final class ChannelKeeper {
    private static final Logger log = LoggerFactory.getLogger(ChannelKeeper.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final PushStore store;
    private final PushSettings settings;
    private final Supplier<Option<GoogleWatches>> watches;
    private final UserSync userSync;
    private final GoogleAccounts accounts;
    private final Clock clock;

    public ChannelKeeper(PushStore store, PushSettings settings, Supplier<Option<GoogleWatches>> watches, UserSync userSync,
                         GoogleAccounts accounts, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.watches = watches;
        this.userSync = userSync;
        this.accounts = accounts;
        this.clock = clock;
    }

    public void maintain(Seq<UserId> users) {
        for (UserId user : users) {
            try {
                maintain(user);
            } catch (RuntimeException e) {
                log.warn("push channels of user={} not maintained: {}", user, e.toString());
            }
        }
    }

    /** Brings one user's channels in line with their settings and sets their mode. */
    public void maintain(UserId user) {
        Instant now = clock.instant();
        List<PushStore.StoredChannel> channels = store.channelsOf(user);
        channels.filter(c -> !c.expiresAt().isAfter(now)).forEach(c -> store.delete(c.channelId()));
        channels = channels.filter(c -> c.expiresAt().isAfter(now));

        Either<String, URI> webhook = settings.webhook();
        if (webhook.isLeft()) {
            stopAll(user, channels);
            store.setMode(user, SyncMode.POLLING, webhook.getLeft());
            return;
        }
        if (!accounts.isLinked(user)) {
            channels.forEach(c -> store.delete(c.channelId()));   // no token left to stop them with: they run out
            store.setMode(user, SyncMode.POLLING, "Google is not linked");
            return;
        }
        Option<GoogleWatches> google = watches.get();
        if (google.isEmpty()) {
            store.setMode(user, SyncMode.POLLING, "the Google OAuth client is not configured");
            return;
        }
        SyncSettings synced = userSync.settings(user);
        if (!synced.kinds().contains(ItemKind.EVENT)) {
            stopAll(user, channels);
            store.setMode(user, SyncMode.POLLING, "only tasks are synced, and Google Tasks has no push");
            return;
        }

        Seq<String> calendars = synced.googleCalendars();
        List<String> problems = List.empty();
        for (String calendar : calendars) {
            List<PushStore.StoredChannel> mine = channels.filter(c -> c.calendarId().equals(calendar));
            boolean fresh = mine.exists(c -> c.expiresAt().isAfter(now.plus(settings.renewBefore())));
            if (!fresh) {
                Either<String, PushStore.StoredChannel> opened = open(google.get(), user, calendar, webhook.get(), now);
                if (opened.isLeft()) {
                    problems = problems.append(calendar + ": " + opened.getLeft());
                    continue;
                }
                mine.forEach(old -> stop(google.get(), old));   // the new channel is open: the old one may go
            }
        }
        channels.filter(c -> !calendars.contains(c.calendarId())).forEach(c -> stop(google.get(), c));
        setMode(user, calendars, problems);
    }

    /** After Google's "sync" message: the mode may now be PUSH. */
    public void refreshMode(UserId user) {
        // A message that arrives while the channels are being stopped (an unlink) must not bring "waiting" back.
        if (store.channelsOf(user).isEmpty()) return;
        setMode(user, userSync.settings(user).googleCalendars(), List.empty());
    }

    /** Stops every channel of the user (before an unlink, while their token still works). */
    public void stopAll(UserId user) {
        stopAll(user, store.channelsOf(user));
        store.setMode(user, SyncMode.POLLING, "Google is not linked");
    }

    private void stopAll(UserId user, List<PushStore.StoredChannel> channels) {
        if (channels.isEmpty()) return;
        Option<GoogleWatches> google = accounts.isLinked(user) ? watches.get() : Option.none();
        channels.forEach(c -> {
            if (google.isDefined()) stop(google.get(), c);
            else store.delete(c.channelId());
        });
    }

    private void setMode(UserId user, Seq<String> calendars, List<String> problems) {
        if (!problems.isEmpty()) {
            store.setMode(user, SyncMode.POLLING, "push failed, polling: " + problems.mkString("; "));
            return;
        }
        Instant now = clock.instant();
        List<PushStore.StoredChannel> live = store.channelsOf(user).filter(c -> c.expiresAt().isAfter(now));
        boolean allConfirmed = calendars.forAll(cal -> live.exists(c -> c.calendarId().equals(cal) && c.confirmedAt().isDefined()));
        if (allConfirmed) {
            Instant until = live.map(PushStore.StoredChannel::expiresAt).min().getOrElse(now);
            store.setMode(user, SyncMode.PUSH, "Google announces changes of " + calendars.mkString(", ") + " (channels renewed before " + until + ")");
            return;
        }
        boolean overdue = live.exists(c -> c.confirmedAt().isEmpty() && c.openedAt().plus(settings.confirmWithin()).isBefore(now));
        if (overdue) {
            store.setMode(user, SyncMode.POLLING, "webhook unreachable: Google's first message did not arrive at "
                    + settings.webhook().getOrElse(URI.create("about:blank")) + " within " + settings.confirmWithin());
        } else {
            store.setMode(user, SyncMode.PUSH_PENDING, "channels opened, waiting for Google's first message");
        }
    }

    private Either<String, PushStore.StoredChannel> open(GoogleWatches google, UserId user, String calendar, URI webhook, Instant now) {
        String channelId = "gsync-" + UUID.randomUUID();
        String token = newToken();
        PushStore.StoredChannel row = new PushStore.StoredChannel(channelId, user, calendar, "", hash(token),
                now.plus(settings.channelTtl()), now, Option.none());
        store.save(row);
        var answer = google.watch(user, calendar, channelId, token, webhook, settings.channelTtl());
        if (answer.isLeft()) {
            store.delete(channelId);
            log.warn("push channel for user={} calendar={} refused: {}", user, calendar, answer.getLeft().reason());
            return Either.left(answer.getLeft().reason());
        }
        store.opened(channelId, answer.get().resourceId(), answer.get().expiration());
        log.info("push channel {} opened for user={} calendar={} until {}", channelId, user, calendar, answer.get().expiration());
        return Either.right(row);
    }

    private void stop(GoogleWatches google, PushStore.StoredChannel channel) {
        var stopped = google.stop(channel.user(), channel.channelId(), channel.resourceId());
        if (stopped.isLeft()) log.info("push channel {} not stopped ({}): it runs out at {}", channel.channelId(), stopped.getLeft().reason(), channel.expiresAt());
        store.delete(channel.channelId());   // either way: its notifications are stale from now on
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JVM has SHA-256", e);
        }
    }
}
