package dev.gsync.state;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import org.eclipse.persistence.config.PersistenceUnitProperties;
import org.eclipse.persistence.config.SessionCustomizer;
import org.eclipse.persistence.jpa.PersistenceProvider;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * The state database: brought up to date by Flyway when opened, then reached through one EclipseLink
 * EntityManagerFactory with its own small connection pool. Every unit of work runs in its own transaction and is
 * retried a few times when the database reports a deadlock, a lock timeout or a key collision with a concurrent
 * writer (another thread, or another runner on the same database).
 */
public final class StateDatabase implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StateDatabase.class);
    private static final int ATTEMPTS = 6;
    private static final String MIGRATIONS = "db/migration/gsync-state";

    private final StateConfig config;
    private final EntityManagerFactory factory;
    private final int migrationsApplied;

    private StateDatabase(StateConfig config, EntityManagerFactory factory, int migrationsApplied) {
        this.config = config;
        this.factory = factory;
        this.migrationsApplied = migrationsApplied;
    }

    /**
     * The JDBC URL the state store really connects with (H2 gets its durability settings): anything else that opens
     * the same H2 file in the same process must use it, since H2 takes some settings from the first connection.
     */
    public static String connectionUrl(String jdbcUrl) {
        return Dialect.ofJdbcUrl(jdbcUrl).map(d -> d.connectionUrl(jdbcUrl)).getOrElse(jdbcUrl);
    }

    /** Migrates the schema (creating the prefixed tables on first use) and connects. */
    public static StateDatabase open(StateConfig config) {
        return open(config, session -> { });
    }

    /** {@code extra} customises the EclipseLink session further (tests count statements with it). */
    static StateDatabase open(StateConfig config, SessionCustomizer extra) {
        Dialect dialect = Dialect.ofJdbcUrl(config.jdbcUrl()).getOrElseThrow(problem -> new IllegalArgumentException(problem));
        MigrateResult migrated = migrate(config, dialect);
        Map<String, Object> properties = new HashMap<>();
        properties.put(PersistenceUnitProperties.JDBC_DRIVER, dialect.driverClass);
        properties.put(PersistenceUnitProperties.JDBC_URL, dialect.connectionUrl(config.jdbcUrl()));
        properties.put(PersistenceUnitProperties.JDBC_USER, config.user());
        properties.put(PersistenceUnitProperties.JDBC_PASSWORD, config.password());
        properties.put(PersistenceUnitProperties.CONNECTION_POOL_MIN, "1");
        properties.put(PersistenceUnitProperties.CONNECTION_POOL_INITIAL, "1");
        properties.put(PersistenceUnitProperties.CONNECTION_POOL_MAX, String.valueOf(config.maxConnections()));
        // several runners may share the database: never trust a cached row, always read the table
        properties.put(PersistenceUnitProperties.CACHE_SHARED_DEFAULT, "false");
        properties.put(PersistenceUnitProperties.WEAVING, "false");
        properties.put(PersistenceUnitProperties.DDL_GENERATION, PersistenceUnitProperties.NONE);
        properties.put(PersistenceUnitProperties.BATCH_WRITING, "JDBC");
        // collisions between concurrent writers are retried here; EclipseLink would log each one as a warning
        properties.put(PersistenceUnitProperties.LOGGING_LEVEL, "SEVERE");
        properties.put(PersistenceUnitProperties.LOGGING_PARAMETERS, "false");   // bound values may be secrets
        // one EclipseLink session per database and prefix, never shared with another store in the same JVM
        properties.put(PersistenceUnitProperties.SESSION_NAME, "gsync-state-" + config.tablePrefix() + UUID.randomUUID());
        properties.put(PersistenceUnitProperties.SESSION_CUSTOMIZER, (SessionCustomizer) session -> {
            new TablePrefix(config.tablePrefix()).customize(session);
            extra.customize(session);
        });
        EntityManagerFactory factory = new PersistenceProvider().createContainerEntityManagerFactory(new StateUnit(), properties);
        factory.createEntityManager().close();   // log in now, so a wrong URL or password fails here
        return new StateDatabase(config, factory, migrated.migrationsExecuted);
    }

    private static MigrateResult migrate(StateConfig config, Dialect dialect) {
        return migrate(config, dialect, "latest");
    }

    /** Migrates only up to {@code version}: tests build a database as an older gsync left it. */
    static MigrateResult migrateTo(StateConfig config, String version) {
        return migrate(config, Dialect.ofJdbcUrl(config.jdbcUrl()).getOrElseThrow(problem -> new IllegalArgumentException(problem)), version);
    }

    private static MigrateResult migrate(StateConfig config, Dialect dialect, String target) {
        Flyway flyway = Flyway.configure(StateDatabase.class.getClassLoader())
                .dataSource(dialect.connectionUrl(config.jdbcUrl()), config.user(), config.password())
                .locations("classpath:" + MIGRATIONS)
                .table(config.tablePrefix() + "schema_history")
                .placeholders(dialect.placeholders(config.tablePrefix()).toJavaMap())
                // a database with other tables (vtiger's, or another prefix's) is fine: we only own our prefix
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .target(target)
                .load();
        MigrateResult result = whileNoOtherRunnerMigrates(config, dialect, () -> {
            InterruptedMigrations.repair(flyway, config, dialect, MIGRATIONS);
            return flyway.migrate();
        });
        if (result.migrationsExecuted > 0) {
            LOG.info("state tables '{}*' migrated to version {} ({} migrations)", config.tablePrefix(),
                    result.targetSchemaVersion, result.migrationsExecuted);
        }
        return result;
    }

    /**
     * On a database several runners share, the repair must not take a migration another runner is running right now
     * for an interrupted one: a named lock (MariaDB/MySQL GET_LOCK, released by the server if this process dies)
     * covers repair and migration. H2 files are used by one process.
     */
    private static MigrateResult whileNoOtherRunnerMigrates(StateConfig config, Dialect dialect, java.util.function.Supplier<MigrateResult> work) {
        if (dialect != Dialect.MARIADB && dialect != Dialect.MYSQL) return work.get();
        String lock = "gsync-migrate-" + config.tablePrefix();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password())) {
            try (java.sql.PreparedStatement get = c.prepareStatement("SELECT GET_LOCK(?, 600)")) {
                get.setString(1, lock);
                try (java.sql.ResultSet rs = get.executeQuery()) {
                    if (!rs.next() || rs.getInt(1) != 1) throw new IllegalStateException("another runner has been migrating the state tables for 10 minutes");
                }
            }
            try {
                return work.get();
            } finally {
                try (java.sql.PreparedStatement release = c.prepareStatement("SELECT RELEASE_LOCK(?)")) {
                    release.setString(1, lock);
                    release.execute();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot lock the state tables for migration: " + e.getMessage(), e);
        }
    }

    StateConfig config() {
        return config;
    }

    /** How many migrations opening this database applied: 0 when the tables were already up to date. */
    int migrationsApplied() {
        return migrationsApplied;
    }

    /** Runs {@code work} in a transaction, retrying it when a concurrent writer got in the way. */
    <T> T inTransaction(Function<EntityManager, T> work) {
        for (int attempt = 1; ; attempt++) {
            EntityManager em = factory.createEntityManager();
            EntityTransaction tx = em.getTransaction();
            try {
                tx.begin();
                T result = work.apply(em);
                tx.commit();
                return result;
            } catch (RuntimeException e) {
                if (tx.isActive()) tx.rollback();
                if (attempt >= ATTEMPTS || !isContention(e)) throw e;
                LOG.debug("state write collided with a concurrent one (attempt {}), retrying: {}", attempt, e.toString());
                pause(attempt);
            } finally {
                em.close();
            }
        }
    }

    /** Reads outside of an explicit transaction. */
    <T> T read(Function<EntityManager, T> work) {
        EntityManager em = factory.createEntityManager();
        try {
            return work.apply(em);
        } finally {
            em.close();
        }
    }

    /**
     * Deadlock or serialization failure (SQLState 40xxx), lock wait timeout (MariaDB 1205, H2 HYT00), or a
     * duplicate key (23xxx) from two writers inserting the same new row: all settle on a retry.
     */
    static boolean isContention(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState() == null ? "" : sql.getSQLState();
                if (state.startsWith("40") || state.startsWith("23") || state.equals("HYT00")
                        || sql.getErrorCode() == 1205 || sql.getErrorCode() == 1213) {
                    return true;
                }
            }
            if (t.getCause() == t) break;
        }
        return false;
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(5, 20L << attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a state write", e);
        }
    }

    @Override
    public void close() {
        factory.close();
    }
}
