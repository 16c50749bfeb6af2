package dev.gsync.app.vtiger;

import io.vavr.control.Either;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The "Google Sync" link in vtiger's own menu, written the way vtlib's Vtiger_Link::addLink does: a row in
 * vtiger_links (type HEADERLINK, tabid 0: the user menu on every page) with its id from vtiger_links_seq, added only
 * once; {@link #uninstall} deletes that row again. The link opens gsync's sign-in page.
 */
public final class VtigerLinks {
    public static final String LABEL = "Google Sync";
    static final String TYPE = "HEADERLINK";

    private final String url;
    private final String user;
    private final String password;

    public VtigerLinks(String jdbcUrl, String dbUser, String dbPassword) {
        this.url = jdbcUrl;
        this.user = dbUser;
        this.password = dbPassword;
    }

    /** Right: the link id (a new one, or the one already there). Left: why it could not be written. */
    public Either<String, Integer> install(String target) {
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement find = c.prepareStatement("SELECT linkid FROM vtiger_links WHERE tabid = 0 AND linktype = ? AND linklabel = ? AND linkurl = ?")) {
                    find.setString(1, TYPE);
                    find.setString(2, LABEL);
                    find.setString(3, target);
                    try (ResultSet rs = find.executeQuery()) {
                        if (rs.next()) {
                            c.rollback();
                            return Either.right(rs.getInt(1));
                        }
                    }
                }
                int id;
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("UPDATE vtiger_links_seq SET id = id + 1");
                    try (ResultSet rs = s.executeQuery("SELECT id FROM vtiger_links_seq")) {
                        if (!rs.next()) throw new SQLException("vtiger_links_seq is empty");
                        id = rs.getInt(1);
                    }
                }
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO vtiger_links (linkid, tabid, linktype, linklabel, linkurl, linkicon, sequence) "
                        + "VALUES (?, 0, ?, ?, ?, '', 0)")) {
                    insert.setInt(1, id);
                    insert.setString(2, TYPE);
                    insert.setString(3, LABEL);
                    insert.setString(4, target);
                    insert.executeUpdate();
                }
                c.commit();
                return Either.right(id);
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            return Either.left("cannot write vtiger_links: " + e.getMessage());
        }
    }

    /** Right: how many "Google Sync" links were removed (0 when there was none). */
    public Either<String, Integer> uninstall() {
        try (Connection c = DriverManager.getConnection(url, user, password);
             PreparedStatement delete = c.prepareStatement("DELETE FROM vtiger_links WHERE tabid = 0 AND linktype = ? AND linklabel = ?")) {
            delete.setString(1, TYPE);
            delete.setString(2, LABEL);
            return Either.right(delete.executeUpdate());
        } catch (SQLException e) {
            return Either.left("cannot write vtiger_links: " + e.getMessage());
        }
    }
}
