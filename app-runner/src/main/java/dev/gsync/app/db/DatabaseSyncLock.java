package dev.gsync.app.db;

import dev.gsync.app.SyncLock;
import dev.gsync.core.model.UserId;
import io.vavr.control.Option;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;

/**
 * {@link SyncLock} as a row lock in gsync's database ({@code user_sync_lock}, one row per user): the run holds its
 * row {@code FOR UPDATE} in an open transaction on a connection of its own until it ends. Nothing to expire or
 * clean up: a process that dies loses its connection, and the database lets the lock go with it. A second run
 * asks with {@code NOWAIT} and is told at once that the user is busy.
 */
public final class DatabaseSyncLock implements SyncLock {
    private static final Logger log = LoggerFactory.getLogger(DatabaseSyncLock.class);
    /**
     * "Lock wait timeout" (MariaDB 1205; MySQL's NOWAIT 3572), H2's LOCK_TIMEOUT_1; and a deadlock victim (MariaDB
     * 1213, SQL state 40001), which also means another run is in the way: try again later like a busy user.
     */
    private static final Set<Integer> BUSY_CODES = Set.of(1205, 3572, 50200, 1213);

    private final DataSource dataSource;

    public DatabaseSyncLock(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Option<Held> tryLock(UserId user) {
        Connection c = null;
        try {
            c = dataSource.getConnection();
            ensureRow(c, user);
            c.setAutoCommit(false);
            try (PreparedStatement lock = c.prepareStatement("SELECT user_id FROM user_sync_lock WHERE user_id = ? FOR UPDATE NOWAIT")) {
                lock.setString(1, user.value());
                try (ResultSet rs = lock.executeQuery()) {
                    if (!rs.next()) throw new IllegalStateException("no lock row for " + user);
                }
            }
            Connection held = c;
            return Option.some(() -> release(held, user));
        } catch (SQLException e) {
            if (c != null) release(c, user);
            if (BUSY_CODES.contains(e.getErrorCode()) || "40001".equals(e.getSQLState())) return Option.none();
            throw new IllegalStateException("cannot lock the sync of " + user + ": " + e.getMessage(), e);
        }
    }

    /** Inserted by the first run of the user ever; a plain read first, since an insert would wait on a held row. */
    private static void ensureRow(Connection c, UserId user) throws SQLException {
        try (PreparedStatement find = c.prepareStatement("SELECT COUNT(*) FROM user_sync_lock WHERE user_id = ?")) {
            find.setString(1, user.value());
            try (ResultSet rs = find.executeQuery()) {
                rs.next();
                if (rs.getInt(1) > 0) return;
            }
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO user_sync_lock (user_id) VALUES (?)")) {
            insert.setString(1, user.value());
            insert.executeUpdate();
        } catch (SQLException raced) {
            log.debug("lock row of {} inserted meanwhile by another run: {}", user, raced.getMessage());
        }
    }

    private static void release(Connection c, UserId user) {
        try (c) {
            if (!c.getAutoCommit()) c.rollback();
        } catch (SQLException e) {
            // closing the connection ends the transaction, and the lock with it, in any case
            log.warn("releasing the sync lock of {}: {}", user, e.getMessage());
        }
    }
}
