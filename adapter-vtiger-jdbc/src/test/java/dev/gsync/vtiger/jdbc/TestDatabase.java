package dev.gsync.vtiger.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** A database holding vtiger's test schema: embedded MariaDB or H2 in MySQL mode. */
public record TestDatabase(String url, String user, String password, boolean h2) {

    public static TestDatabase h2(String name) {
        return new TestDatabase("jdbc:h2:mem:" + name + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1", "sa", "", true);
    }

    public static TestDatabase mariaDb(String name) {
        return EmbeddedMariaDb.database(name);
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    public TestDatabase withVtigerTables() {
        try (Connection c = connect()) {
            VtigerSchema.createVtigerTables(c, h2);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    public VtigerJdbcConfig config() {
        return VtigerJdbcConfig.of(url, user, password);
    }

    public int update(String sql, Object... params) {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) ps.setObject(i + 1, params[i]);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public List<List<Object>> query(String sql, Object... params) {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) ps.setObject(i + 1, params[i]);
            List<List<Object>> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= n; i++) row.add(plain(rs.getObject(i)));
                    out.add(row);
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** Drivers differ in the Java types they answer; tests compare java.time values and Strings. */
    private static Object plain(Object o) throws SQLException {
        if (o instanceof java.sql.Timestamp t) return t.toLocalDateTime();
        if (o instanceof java.sql.Date d) return d.toLocalDate();
        if (o instanceof java.sql.Clob c) return c.getSubString(1, (int) c.length());
        return o;
    }

    public long count(String sql, Object... params) {
        return ((Number) query(sql, params).get(0).get(0)).longValue();
    }
}
