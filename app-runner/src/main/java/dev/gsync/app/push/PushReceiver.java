package dev.gsync.app.push;

import dev.gsync.core.model.UserId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Google's push notifications, as they arrive at {@code POST /push/google}: the channel id must name a channel in
 * the shared store, the token must hash to the stored one and the resource id must match; anything else is refused
 * and counted (forged: wrong token or resource; stale: unknown, stopped or expired channel). "sync" confirms that
 * the webhook is reachable, "exists" wakes the user's sync, "not_exists" drops the channel. Answers are what Google
 * expects: 200 when taken, 4xx when refused (Google does not retry those), never 5xx for a bad message.
 */
public final class PushReceiver {
    private static final Logger log = LoggerFactory.getLogger(PushReceiver.class);

    /** Counters of this instance since it started, for the admin page and the logs. */
    public record Counts(long accepted, long forged, long stale) {}

    private final PushStore store;
    private final ChannelKeeper keeper;
    private final Consumer<UserId> wake;
    private final Clock clock;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong forged = new AtomicLong();
    private final AtomicLong stale = new AtomicLong();

    public PushReceiver(PushStore store, ChannelKeeper keeper, Consumer<UserId> wake, Clock clock) {
        this.store = store;
        this.keeper = keeper;
        this.wake = wake;
        this.clock = clock;
    }

    /** Handles one notification given its headers (case-insensitive lookup); answers the HTTP status to send. */
    public int receive(Function<String, String> header) {
        String channelId = header.apply("X-Goog-Channel-ID");
        String token = header.apply("X-Goog-Channel-Token");
        String resourceId = header.apply("X-Goog-Resource-ID");
        String state = header.apply("X-Goog-Resource-State");
        if (channelId == null || state == null) {
            forged.incrementAndGet();
            return 400;
        }
        var stored = store.channel(channelId);
        Instant now = clock.instant();
        if (stored.isEmpty() || !stored.get().expiresAt().isAfter(now)) {
            stale.incrementAndGet();
            log.info("push notification for unknown or expired channel {} refused", channelId);
            return 404;
        }
        PushStore.StoredChannel channel = stored.get();
        boolean tokenOk = token != null && MessageDigest.isEqual(ChannelKeeper.hash(token).getBytes(StandardCharsets.US_ASCII),
                channel.tokenHash().getBytes(StandardCharsets.US_ASCII));
        // the resource id is empty only between saving the channel and Google's answer, when "sync" may come first
        boolean resourceOk = channel.resourceId().isEmpty() ? "sync".equals(state) : channel.resourceId().equals(resourceId);
        if (!tokenOk || !resourceOk) {
            forged.incrementAndGet();
            log.warn("push notification for channel {} refused: wrong {}", channelId, tokenOk ? "resource id" : "token");
            return 403;
        }
        accepted.incrementAndGet();
        switch (state) {
            case "sync" -> {
                store.confirm(channelId, now);
                keeper.refreshMode(channel.user());
            }
            case "exists" -> wake.accept(channel.user());
            case "not_exists" -> {
                store.delete(channelId);
                store.setMode(channel.user(), SyncMode.POLLING, "Google says calendar " + channel.calendarId() + " is gone");
            }
            default -> log.info("push notification with unknown state {} on channel {} ignored", state, channelId);
        }
        return 200;
    }

    public Counts counts() { return new Counts(accepted.get(), forged.get(), stale.get()); }
}
