package dev.gsync.app.db;

import org.h2.jdbcx.JdbcConnectionPool;
import org.mariadb.jdbc.MariaDbPoolDataSource;

import javax.sql.DataSource;
import java.io.Closeable;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The runner's connection pool on gsync's own database (H2 or MariaDB), and the tables only the runner uses:
 * db-scheduler's {@code scheduled_tasks} and the per-user sync lock {@code user_sync_lock}, created if missing with SQL both databases accept, so one setup serves a
 * laptop and a cluster. Run history and status live in the state store's tables ({@code adapter-state-jpa}).
 */
public final class RunnerDatabase implements Closeable {
    private static final String[] SCHEMA = {
            """
            CREATE TABLE IF NOT EXISTS scheduled_tasks (
              task_name VARCHAR(100) NOT NULL,
              task_instance VARCHAR(100) NOT NULL,
              task_data BLOB,
              execution_time TIMESTAMP(6) NOT NULL,
              picked BOOLEAN NOT NULL,
              picked_by VARCHAR(50),
              last_success TIMESTAMP(6) NULL,
              last_failure TIMESTAMP(6) NULL,
              consecutive_failures INT,
              last_heartbeat TIMESTAMP(6) NULL,
              version BIGINT NOT NULL,
              priority SMALLINT,
              PRIMARY KEY (task_name, task_instance))""",
            "CREATE INDEX IF NOT EXISTS execution_time_idx ON scheduled_tasks (execution_time)",
            "CREATE INDEX IF NOT EXISTS last_heartbeat_idx ON scheduled_tasks (last_heartbeat)",
            // one row per user, locked for the length of each sync run (DatabaseSyncLock)
            """
            CREATE TABLE IF NOT EXISTS user_sync_lock (
              user_id VARCHAR(128) NOT NULL,
              PRIMARY KEY (user_id))"""
    };

    private final DataSource dataSource;
    private final Closeable pool;

    private RunnerDatabase(DataSource dataSource, Closeable pool) {
        this.dataSource = dataSource;
        this.pool = pool;
    }

    public static RunnerDatabase open(String url, String user, String password) {
        try {
            RunnerDatabase db;
            if (url.startsWith("jdbc:h2:")) {
                // the state store's settings for the same file (WRITE_DELAY, MAX_COMPACT_TIME): whichever opens it first
                JdbcConnectionPool pool = JdbcConnectionPool.create(dev.gsync.state.StateDatabase.connectionUrl(url), user, password);
                pool.setMaxConnections(20);
                db = new RunnerDatabase(pool, pool::dispose);
            } else if (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:")) {
                String withCredentials = url + (url.contains("?") ? "&" : "?") + "maxPoolSize=20";
                MariaDbPoolDataSource pool = new MariaDbPoolDataSource(withCredentials);
                pool.setUser(user);
                pool.setPassword(password);
                db = new RunnerDatabase(pool, pool::close);
            } else {
                throw new IllegalArgumentException("state.jdbc.url: only H2 (jdbc:h2:) and MariaDB (jdbc:mariadb:) are supported, got " + url);
            }
            db.createTables();
            return db;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the state database " + url + ": " + e.getMessage(), e);
        }
    }

    private void createTables() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String sql : SCHEMA) s.execute(sql);
        }
    }

    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        try {
            pool.close();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
