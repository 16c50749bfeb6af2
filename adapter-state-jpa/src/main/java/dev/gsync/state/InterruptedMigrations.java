package dev.gsync.state;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts back what a migration stopped half-way (the process killed) left behind. H2 and MariaDB commit every
 * CREATE, DROP and RENAME as it runs, so Flyway's transaction cannot take them back, and the history row that
 * would say "done" is written only at the end: the next start would run the script again and fail on
 * "table already exists", at every start, for good.
 * <p>
 * Only the first pending migration can have been interrupted. The scripts follow two patterns, and each is undone:
 * a new table ({@code CREATE TABLE p_x}) found already there and empty is dropped; a table rebuilt as
 * {@code p_x_v2} (create, copy, drop {@code p_x}, rename) is dropped while {@code p_x} still exists, or renamed
 * to {@code p_x} once the old one is gone (its rows are then the copy, which the script copies again). On H2, whose
 * constraint names are schema-wide, a constraint the script declares that already exists (the rebuild got past its
 * rename) is dropped from its table, which the script copies and drops anyway. Found by StateStoreKillTest.
 */
final class InterruptedMigrations {
    private static final Logger LOG = LoggerFactory.getLogger(InterruptedMigrations.class);
    private static final Pattern CONSTRAINT = Pattern.compile("(?i)CONSTRAINT\\s+(\\w+)");
    private static final Pattern CREATE_TABLE = Pattern.compile("(?i)CREATE\\s+TABLE\\s+(\\w+)");
    /** Repairs done in this JVM (StateStoreKillTest reports it). */
    static final java.util.concurrent.atomic.AtomicInteger REPAIRS = new java.util.concurrent.atomic.AtomicInteger();

    private InterruptedMigrations() {
    }

    /** Returns what it did, one line per table; empty when nothing was left behind. */
    static List<String> repair(Flyway flyway, StateConfig config, Dialect dialect, String location) {
        MigrationInfo[] pending = flyway.info().pending();
        if (pending.length == 0 || pending[0].getScript() == null) return List.of();
        String script = read(location + "/" + pending[0].getScript()).replace("${prefix}", config.tablePrefix());
        List<String> done = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(dialect.connectionUrl(config.jdbcUrl()), config.user(), config.password());
             Statement s = c.createStatement()) {
            Set<String> existing = tables(c);
            Matcher created = CREATE_TABLE.matcher(script);
            while (created.find()) {
                String table = created.group(1).toLowerCase(Locale.ROOT);
                if (!existing.contains(table)) continue;
                if (table.endsWith("_v2")) {
                    String old = table.substring(0, table.length() - 3);
                    if (existing.contains(old)) {
                        s.execute("DROP TABLE " + table);
                        done.add("dropped " + table + " (" + old + " is still there)");
                    } else {
                        s.execute("ALTER TABLE " + table + " RENAME TO " + old);
                        done.add("renamed " + table + " to " + old + " (" + old + " had been dropped)");
                    }
                } else {
                    try (ResultSet rows = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
                        rows.next();
                        if (rows.getLong(1) > 0) {
                            throw new IllegalStateException("state table " + table + " has rows, but migration "
                                    + pending[0].getVersion() + " that creates it never finished; restore a backup or drop the table");
                        }
                    }
                    s.execute("DROP TABLE " + table);
                    done.add("dropped " + table + " (empty, created by the unfinished migration)");
                }
            }
            if (dialect == Dialect.H2) {
                // H2's constraint names are schema-wide: a rebuild cut off after its rename left the new table with
                // the constraint the script declares again on <t>_v2. <t> is copied and dropped by the script, so
                // its copy of the constraint can go.
                Matcher constraint = CONSTRAINT.matcher(script);
                while (constraint.find()) {
                    String name = constraint.group(1);
                    try (java.sql.PreparedStatement q = c.prepareStatement("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS"
                            + " WHERE TABLE_SCHEMA = CURRENT_SCHEMA AND LOWER(CONSTRAINT_NAME) = ?")) {
                        q.setString(1, name.toLowerCase(Locale.ROOT));
                        try (ResultSet owner = q.executeQuery()) {
                            if (owner.next()) {
                                String table = owner.getString(1);
                                s.execute("ALTER TABLE " + table + " DROP CONSTRAINT " + name);
                                done.add("dropped constraint " + name + " of " + table.toLowerCase(Locale.ROOT) + " (declared again by the script)");
                            }
                        }
                    }
                }
            }
            if (!c.getAutoCommit()) c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot repair the state tables after an interrupted migration: " + e.getMessage(), e);
        }
        if (!done.isEmpty()) {
            REPAIRS.incrementAndGet();
            LOG.warn("migration {} of the state tables had been interrupted; undone before running it again: {}",
                    pending[0].getVersion(), String.join("; ", done));
        }
        return done;
    }

    private static Set<String> tables(Connection c) throws SQLException {
        Set<String> names = new HashSet<>();
        try (ResultSet rs = c.getMetaData().getTables(c.getCatalog(), c.getSchema(), "%", new String[]{"TABLE"})) {
            while (rs.next()) names.add(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
        }
        return names;
    }

    private static String read(String resource) {
        try (InputStream in = InterruptedMigrations.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("migration script not found: " + resource);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
