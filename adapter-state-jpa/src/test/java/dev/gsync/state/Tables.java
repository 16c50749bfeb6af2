package dev.gsync.state;

import io.vavr.collection.TreeSet;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Raw JDBC looks at the state tables, beside the store: what is really in the database. */
final class Tables {
    private Tables() {
    }

    /** Table names of the connection's own schema, lower case (H2 reports them upper case). */
    static TreeSet<String> names(StateConfig config) throws SQLException {
        try (Connection c = TestDatabase.connect(config);
             ResultSet rs = c.getMetaData().getTables(c.getCatalog(), c.getSchema(), "%", new String[]{"TABLE"})) {
            TreeSet<String> names = TreeSet.empty();
            while (rs.next()) names = names.add(rs.getString("TABLE_NAME").toLowerCase());
            return names;
        }
    }

    static long count(StateConfig config, String sql) throws SQLException {
        try (Connection c = TestDatabase.connect(config); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static String text(StateConfig config, String sql, String parameter) throws SQLException {
        try (Connection c = TestDatabase.connect(config); PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, parameter);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) throw new AssertionError("no row for " + sql + " / " + parameter);
                return rs.getString(1);
            }
        }
    }

    static int update(StateConfig config, String sql, String... parameters) throws SQLException {
        try (Connection c = TestDatabase.connect(config); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) st.setString(i + 1, parameters[i]);
            return st.executeUpdate();
        }
    }
}
