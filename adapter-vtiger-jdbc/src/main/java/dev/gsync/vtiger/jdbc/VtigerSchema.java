package dev.gsync.vtiger.jdbc;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Tables around the adapter: gsync's own idempotency table (created on start), the optional change-feed index on
 * vtiger_crmentity (only when an administrator asks for it), and the vtiger test schema for tests and demos.
 */
public final class VtigerSchema {
    public static final String MARIADB_DDL = "dev/gsync/vtiger/jdbc/vtiger-schema-mariadb.sql";
    public static final String H2_DDL = "dev/gsync/vtiger/jdbc/vtiger-schema-h2.sql";

    private VtigerSchema() {}

    /** Creates vtiger's calendar tables (the faithful subset) in an empty database; for tests and demos only. */
    public static void createVtigerTables(Connection c, boolean h2) throws SQLException {
        run(c, statements(h2 ? H2_DDL : MARIADB_DDL));
    }

    /**
     * Adds gsync's own index for the change feed, {@code (smownerid, setype, modifiedtime)}: vtiger has no index on
     * modifiedtime, so without it the feed reads all of the user's calendar rows. Changing vtiger's tables is an
     * intrusion some administrators refuse, hence optional; {@link #dropFeedIndex} takes it away again.
     */
    public static void addFeedIndex(Connection c, VtigerJdbcConfig config) throws SQLException {
        if (hasIndex(c, "vtiger_crmentity", config.feedIndex())) return;
        run(c, List.of("CREATE INDEX " + config.feedIndex() + " ON vtiger_crmentity (smownerid, setype, modifiedtime)"));
    }

    public static void dropFeedIndex(Connection c, VtigerJdbcConfig config) throws SQLException {
        if (!hasIndex(c, "vtiger_crmentity", config.feedIndex())) return;
        run(c, List.of(config.isH2() ? "DROP INDEX " + config.feedIndex() : "DROP INDEX " + config.feedIndex() + " ON vtiger_crmentity"));
    }

    static void ensureOwnTables(EntityManagerFactory emf, VtigerJdbcConfig config) {
        EntityManager em = emf.createEntityManager();
        try {
            em.getTransaction().begin();
            em.createNativeQuery(IdempotencyKeys.ddl(config.keysTable(), config.isH2())).executeUpdate();
            em.getTransaction().commit();
            Connection c = null;
            em.getTransaction().begin();
            c = em.unwrap(Connection.class);
            boolean present = hasIndex(c, config.keysTable(), config.keysTable() + "_external_idx");
            em.getTransaction().commit();
            if (!present) {
                em.getTransaction().begin();
                em.createNativeQuery(IdempotencyKeys.indexDdl(config.keysTable())).executeUpdate();
                em.getTransaction().commit();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create gsync's table " + config.keysTable(), e);
        } finally {
            if (em.getTransaction().isActive()) em.getTransaction().rollback();
            em.close();
        }
    }

    static boolean hasIndex(Connection c, String table, String index) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        for (String t : new String[]{table, table.toUpperCase(java.util.Locale.ROOT)}) {
            try (ResultSet rs = md.getIndexInfo(c.getCatalog(), null, t, false, false)) {
                while (rs.next()) {
                    String name = rs.getString("INDEX_NAME");
                    if (name != null && name.equalsIgnoreCase(index)) return true;
                }
            }
        }
        return false;
    }

    private static void run(Connection c, List<String> statements) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String sql : statements) s.execute(sql);
        }
    }

    static List<String> statements(String resource) {
        try (InputStream in = VtigerSchema.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing resource " + resource);
            StringBuilder text = new StringBuilder();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.strip().startsWith("--")) text.append(line).append('\n');
            }
            List<String> out = new ArrayList<>();
            for (String s : text.toString().split(";\\s*\n")) if (!s.isBlank()) out.add(s.strip());
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
