package dev.gsync.app.vtiger;

import org.apache.commons.codec.digest.Md5Crypt;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Checks a password against vtiger's own stored hash, as vtiger's Users::doLogin does (vtiger 7.x/8.x):
 * crypt_type PHASH is PHP's password_hash (bcrypt, $2y$), checked like password_verify; MD5 and PHP5.3MD5 are
 * crypt() with an MD5-crypt salt made of the first two letters of the user name ('$1$ab$', '$1$ab0000000').
 * BLOWFISH ('$2$ab$') is not a salt modern PHP accepts: such accounts cannot sign in to vtiger either.
 * gsync never stores or logs the password.
 */
final class VtigerPasswords {
    private VtigerPasswords() {}

    /** Whether {@code password} is the one vtiger stored for this user; false for an unknown scheme. */
    static boolean matches(String userName, String password, String cryptType, String stored) {
        if (stored == null || stored.isEmpty() || password == null) return false;
        String salt = userName.length() >= 2 ? userName.substring(0, 2) : userName;
        try {
            return switch (cryptType == null ? "" : cryptType) {
                case "PHASH" -> stored.startsWith("$2") && OpenBSDBCrypt.checkPassword(stored, password.toCharArray());
                case "MD5" -> same(Md5Crypt.md5Crypt(password.getBytes(StandardCharsets.UTF_8), "$1$" + salt + "$"), stored);
                case "PHP5.3MD5" -> same(Md5Crypt.md5Crypt(password.getBytes(StandardCharsets.UTF_8), "$1$" + pad(salt)), stored);
                default -> false;
            };
        } catch (IllegalArgumentException e) {   // a salt letter MD5-crypt does not accept, a broken hash: no match
            return false;
        }
    }

    /** PHP's str_pad($salt, 9, '0'); MD5-crypt then uses its first 8 characters. */
    private static String pad(String salt) {
        StringBuilder b = new StringBuilder(salt);
        while (b.length() < 9) b.append('0');
        return b.toString();
    }

    private static boolean same(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
