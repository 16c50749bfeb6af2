package dev.gsync.app.push;

import dev.gsync.core.model.UserId;
import io.vavr.collection.List;
import io.vavr.control.Option;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * Push channels and per-user push state in gsync's own database, so every `serve` instance behind a load balancer
 * can verify a notification, whichever instance opened the channel. Plain JDBC with SQL that H2 and MariaDB both
 * accept (as the scheduler's table): two small tables only the runner uses. Tokens are kept as SHA-256 hashes; a
 * notification's token is hashed and compared.
 */
public final class PushStore {
    private static final String[] SCHEMA = {
            """
            CREATE TABLE IF NOT EXISTS gsync_push_channel (
              channel_id VARCHAR(64) NOT NULL PRIMARY KEY,
              user_id VARCHAR(190) NOT NULL,
              calendar_id VARCHAR(255) NOT NULL,
              resource_id VARCHAR(255) NOT NULL,
              token_hash VARCHAR(64) NOT NULL,
              expires_at TIMESTAMP(6) NOT NULL,
              opened_at TIMESTAMP(6) NOT NULL,
              confirmed_at TIMESTAMP(6) NULL)""",
            "CREATE INDEX IF NOT EXISTS gsync_push_channel_user ON gsync_push_channel (user_id)",
            """
            CREATE TABLE IF NOT EXISTS gsync_push_user (
              user_id VARCHAR(190) NOT NULL PRIMARY KEY,
              mode VARCHAR(16) NOT NULL,
              reason VARCHAR(500) NOT NULL,
              pending_since TIMESTAMP(6) NULL,
              last_google_poll TIMESTAMP(6) NULL)"""
    };

    /** One channel as stored. */
    public record StoredChannel(String channelId, UserId user, String calendarId, String resourceId, String tokenHash,
                                Instant expiresAt, Instant openedAt, Option<Instant> confirmedAt) {}

    /** A user's push state: the mode shown on the status page and why; a pending notification; the last Google poll. */
    public record UserPush(UserId user, SyncMode mode, String reason, Option<Instant> pendingSince, Option<Instant> lastGooglePoll) {}

    private final DataSource db;

    public PushStore(DataSource db) {
        this.db = db;
        run(c -> {
            try (Statement s = c.createStatement()) {
                for (String sql : SCHEMA) s.execute(sql);
            }
            return null;
        });
    }

    public void save(StoredChannel channel) {
        run(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO gsync_push_channel (channel_id, user_id, calendar_id, "
                    + "resource_id, token_hash, expires_at, opened_at, confirmed_at) VALUES (?,?,?,?,?,?,?,?)")) {
                s.setString(1, channel.channelId());
                s.setString(2, channel.user().value());
                s.setString(3, channel.calendarId());
                s.setString(4, channel.resourceId());
                s.setString(5, channel.tokenHash());
                s.setTimestamp(6, ts(channel.expiresAt()));
                s.setTimestamp(7, ts(channel.openedAt()));
                s.setTimestamp(8, channel.confirmedAt().map(PushStore::ts).getOrNull());
                s.executeUpdate();
            }
            return null;
        });
    }

    public Option<StoredChannel> channel(String channelId) {
        return Option.ofOptional(channels("channel_id = ?", channelId).headOption().toJavaOptional());
    }

    public List<StoredChannel> channelsOf(UserId user) { return channels("user_id = ?", user.value()); }

    public List<StoredChannel> allChannels() { return channels("1 = 1", null); }

    /** Google answered the watch: the channel's resource id and the expiration Google granted. */
    public void opened(String channelId, String resourceId, Instant expiresAt) {
        update("UPDATE gsync_push_channel SET resource_id = ?, expires_at = ? WHERE channel_id = ?", resourceId, ts(expiresAt), channelId);
    }

    /** Google's "sync" message arrived: the webhook is reachable for this channel. */
    public void confirm(String channelId, Instant at) {
        update("UPDATE gsync_push_channel SET confirmed_at = ? WHERE channel_id = ? AND confirmed_at IS NULL", ts(at), channelId);
    }

    public void delete(String channelId) { update("DELETE FROM gsync_push_channel WHERE channel_id = ?", channelId); }

    public Option<UserPush> user(UserId user) {
        return run(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT mode, reason, pending_since, last_google_poll FROM gsync_push_user WHERE user_id = ?")) {
                s.setString(1, user.value());
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) return Option.<UserPush>none();
                    return Option.some(new UserPush(user, SyncMode.valueOf(r.getString(1)), r.getString(2),
                            instant(r.getTimestamp(3)), instant(r.getTimestamp(4))));
                }
            }
        });
    }

    public void setMode(UserId user, SyncMode mode, String reason) {
        ensureUser(user);
        update("UPDATE gsync_push_user SET mode = ?, reason = ? WHERE user_id = ?", mode.name(), abbreviate(reason), user.value());
    }

    /** Marks a notification as waiting; true when none was waiting already (the caller then wakes the user's sync). */
    public boolean markPending(UserId user, Instant at) {
        ensureUser(user);
        return update("UPDATE gsync_push_user SET pending_since = ? WHERE user_id = ? AND pending_since IS NULL", ts(at), user.value()) > 0;
    }

    /** The user's sync starts: notifications so far are served by it; later ones mark the user again. */
    public void startingSync(UserId user, boolean pollsGoogle, Instant at) {
        ensureUser(user);
        if (pollsGoogle) update("UPDATE gsync_push_user SET pending_since = NULL, last_google_poll = ? WHERE user_id = ?", ts(at), user.value());
    }

    /** The sync that counted as a Google poll failed: the next wake-up polls again. */
    public void googlePollFailed(UserId user) {
        update("UPDATE gsync_push_user SET last_google_poll = NULL WHERE user_id = ?", user.value());
    }

    public void forgetUser(UserId user) {
        update("DELETE FROM gsync_push_channel WHERE user_id = ?", user.value());
        update("DELETE FROM gsync_push_user WHERE user_id = ?", user.value());
    }

    private void ensureUser(UserId user) {
        run(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO gsync_push_user (user_id, mode, reason) "
                    + "SELECT ?, 'POLLING', 'push not set up yet' FROM (SELECT 1 AS one) x "
                    + "WHERE NOT EXISTS (SELECT 1 FROM gsync_push_user WHERE user_id = ?)")) {
                s.setString(1, user.value());
                s.setString(2, user.value());
                s.executeUpdate();
            } catch (SQLException raced) {
                // another instance inserted the same user at the same moment: the row exists, which is all we need
                if (!"23000".equals(raced.getSQLState()) && !String.valueOf(raced.getSQLState()).startsWith("23")) throw raced;
            }
            return null;
        });
    }

    private List<StoredChannel> channels(String where, String value) {
        return run(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT channel_id, user_id, calendar_id, resource_id, token_hash, "
                    + "expires_at, opened_at, confirmed_at FROM gsync_push_channel WHERE " + where + " ORDER BY opened_at")) {
                if (value != null) s.setString(1, value);
                List<StoredChannel> result = List.empty();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        result = result.append(new StoredChannel(r.getString(1), UserId.of(r.getString(2)), r.getString(3),
                                r.getString(4), r.getString(5), instant(r.getTimestamp(6)).get(), instant(r.getTimestamp(7)).get(),
                                instant(r.getTimestamp(8))));
                    }
                }
                return result;
            }
        });
    }

    private int update(String sql, Object... params) {
        return run(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) s.setObject(i + 1, params[i]);
                return s.executeUpdate();
            }
        });
    }

    private interface Work<T> { T on(Connection connection) throws SQLException; }

    private <T> T run(Work<T> work) {
        try (Connection c = db.getConnection()) {
            return work.on(c);
        } catch (SQLException e) {
            throw new IllegalStateException("push state database: " + e.getMessage(), e);
        }
    }

    private static Timestamp ts(Instant instant) {
        // the columns keep no zone: write and read UTC wall time, as db-scheduler does with alwaysPersistTimestampInUTC
        return Timestamp.valueOf(java.time.LocalDateTime.ofInstant(instant, java.time.ZoneOffset.UTC));
    }

    private static Option<Instant> instant(Timestamp value) {
        return Option.of(value).map(t -> t.toLocalDateTime().toInstant(java.time.ZoneOffset.UTC));
    }

    private static String abbreviate(String text) { return text.length() <= 500 ? text : text.substring(0, 497) + "..."; }
}
