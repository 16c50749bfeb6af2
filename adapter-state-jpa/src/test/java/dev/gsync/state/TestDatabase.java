package dev.gsync.state;

import io.vavr.control.Option;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;

/** A kind of database the tests run on; each {@link #fresh} call hands out a new, empty one. */
interface TestDatabase {
    String KEY = Base64.getEncoder().encodeToString(new byte[]{
            1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32});

    StateConfig fresh();

    /** The name quoted as Flyway quotes the names it creates (H2 keeps quoted names in lower case). */
    String quoted(String name);

    /** "seeks ids" when the plan for {@code sql} seeks the IN list's ids in an index; otherwise the plan itself. */
    String idSeek(Connection connection, String sql) throws SQLException;

    static Connection connect(StateConfig config) throws SQLException {
        return DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password());
    }

    static StateConfig config(String url, String user) {
        return new StateConfig(url, user, "", "t_", Option.some(KEY), RunRetention.DEFAULT, 8);
    }

    /** Embedded H2 in a file, as in the default configuration. */
    TestDatabase H2 = new TestDatabase() {
        @Override
        public StateConfig fresh() {
            String dir = java.nio.file.Path.of("target", "h2", java.util.UUID.randomUUID().toString()).toAbsolutePath().toString();
            return config("jdbc:h2:file:" + dir + "/state", "sa");
        }

        @Override
        public String quoted(String name) {
            return '"' + name + '"';
        }

        @Override
        public String idSeek(Connection connection, String sql) throws SQLException {
            try (Statement st = connection.createStatement(); ResultSet plan = st.executeQuery("EXPLAIN " + sql)) {
                plan.next();
                // e.g. "/* PUBLIC.PRIMARY_KEY_9: CRM_ID IN('c0', ...) */": the IN list is the index condition
                String text = plan.getString(1);
                return text.matches("(?s).*/\\* [^*]*_ID IN\\(.*") ? "seeks ids" : text;
            }
        }
    };

    /** The MariaDB server the tests start once per JVM; a new database (schema) per call. */
    TestDatabase MARIADB = new TestDatabase() {
        @Override
        public StateConfig fresh() {
            return config(EmbeddedMariaDb.newDatabase(), "root");
        }

        @Override
        public String quoted(String name) {
            return '`' + name + '`';
        }

        @Override
        public String idSeek(Connection connection, String sql) throws SQLException {
            try (Statement st = connection.createStatement()) {
                st.execute("ANALYZE TABLE t_link");   // statistics as a long-lived table has them
                try (ResultSet plan = st.executeQuery("EXPLAIN " + sql)) {
                    plan.next();
                    // a range scan over the primary key or the Google id key, not the user's rows
                    String type = plan.getString("type");
                    String key = plan.getString("key");
                    return "range".equals(type) && key != null && !key.endsWith("link_user") ? "seeks ids"
                            : "type=" + type + " key=" + key + " rows=" + plan.getString("rows") + " " + plan.getString("Extra");
                }
            }
        }
    };
}
