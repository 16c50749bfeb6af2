package dev.gsync.app.vtiger;

import dev.gsync.core.model.UserId;
import io.vavr.control.Either;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Signs a vtiger user in on gsync's page with their vtiger password, checked against vtiger's own hash in
 * vtiger_users (the database gsync syncs, crm.jdbc.url): only an active, not deleted user of that vtiger gets in.
 * The answer never says which of name or password was wrong. Nothing of the password is kept.
 */
public final class VtigerSignIn {
    /** The same words for every refusal, so the page does not tell which user names exist. */
    public static final String REFUSED = "Sign-in failed: wrong user name or password, or the account is not active in this CRM.";

    private final String url;
    private final String user;
    private final String password;

    public VtigerSignIn(String jdbcUrl, String dbUser, String dbPassword) {
        this.url = jdbcUrl;
        this.user = dbUser;
        this.password = dbPassword;
    }

    /** Left: what to show (REFUSED, or that vtiger's database cannot be read). */
    public Either<String, UserId> check(String userName, String given) {
        if (userName == null || userName.isBlank() || given == null || given.isEmpty()) return Either.left(REFUSED);
        try (Connection c = DriverManager.getConnection(url, user, password);
             PreparedStatement ps = c.prepareStatement("SELECT user_name, user_password, crypt_type, status FROM vtiger_users "
                     + "WHERE user_name = ? AND deleted = 0 ORDER BY id")) {
            ps.setString(1, userName.strip());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    if (!"Active".equals(rs.getString(4))) continue;   // vtiger refuses inactive users too
                    if (VtigerPasswords.matches(name, given, rs.getString(3), rs.getString(2))) return Either.right(UserId.of(name));
                }
            }
            return Either.left(REFUSED);
        } catch (SQLException e) {
            return Either.left("The CRM's user list cannot be read right now; try again later.");
        }
    }
}
