package dev.gsync.app;

import org.apache.commons.codec.digest.Md5Crypt;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * vtiger's sign-in data in a test vtiger database: the columns and tables gsync's sign-in and link installer use
 * (vtiger_users.crypt_type, vtiger_links, vtiger_links_seq; the shared test schema predates them), and passwords
 * stored the way vtiger stores them (PHASH: PHP password_hash, bcrypt $2y$; MD5: crypt with '$1$' + 2 letters).
 */
public final class VtigerAccountsFixture {
    private VtigerAccountsFixture() {}

    public static void addSignInTables(String url) {
        run(url, "ALTER TABLE vtiger_users ADD COLUMN IF NOT EXISTS crypt_type varchar(20) NOT NULL DEFAULT 'MD5'",
                "CREATE TABLE IF NOT EXISTS vtiger_links (linkid int NOT NULL, tabid int DEFAULT NULL, linktype varchar(50) DEFAULT NULL, "
                        + "linklabel varchar(50) DEFAULT NULL, linkurl varchar(255) DEFAULT NULL, linkicon varchar(100) DEFAULT NULL, "
                        + "sequence int DEFAULT NULL, handler_path varchar(128) DEFAULT NULL, handler_class varchar(50) DEFAULT NULL, "
                        + "handler varchar(50) DEFAULT NULL, parent_link int DEFAULT NULL, PRIMARY KEY (linkid))",
                "CREATE TABLE IF NOT EXISTS vtiger_links_seq (id int NOT NULL)",
                "INSERT INTO vtiger_links_seq (id) SELECT 100 WHERE NOT EXISTS (SELECT 1 FROM vtiger_links_seq)");
    }

    /** As vtiger 7.x/8.x stores a password set on PHP 5.5+: crypt_type PHASH, password_hash() (bcrypt, cost 10). */
    public static void setPasswordPhash(String url, String user, String password) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        set(url, user, "PHASH", OpenBSDBCrypt.generate("2y", password.toCharArray(), salt, 10));
    }

    /** As older vtiger versions stored it: crypt_type MD5, crypt($password, '$1$' . substr($user_name, 0, 2) . '$'). */
    public static void setPasswordMd5(String url, String user, String password) {
        set(url, user, "MD5", Md5Crypt.md5Crypt(password.getBytes(StandardCharsets.UTF_8), "$1$" + user.substring(0, 2) + "$"));
    }

    public static void setStatus(String url, String user, String status) {
        try (Connection c = DriverManager.getConnection(url, "sa", "");
             PreparedStatement ps = c.prepareStatement("UPDATE vtiger_users SET status = ? WHERE user_name = ?")) {
            ps.setString(1, status);
            ps.setString(2, user);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void set(String url, String user, String cryptType, String hash) {
        try (Connection c = DriverManager.getConnection(url, "sa", "");
             PreparedStatement ps = c.prepareStatement("UPDATE vtiger_users SET crypt_type = ?, user_password = ? WHERE user_name = ?")) {
            ps.setString(1, cryptType);
            ps.setString(2, hash);
            ps.setString(3, user);
            if (ps.executeUpdate() != 1) throw new IllegalStateException("no vtiger user " + user);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void run(String url, String... statements) {
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            for (String sql : statements) s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
