package dev.gsync.app.vtiger;

import org.apache.commons.codec.digest.Md5Crypt;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class VtigerPasswordsTest {
    @Test
    void a_php_password_hash_is_checked_like_password_verify() {
        // what PHP's password_hash('s3cret!', PASSWORD_DEFAULT) stores: bcrypt with the $2y$ prefix
        String stored = OpenBSDBCrypt.generate("2y", "s3cret!".toCharArray(), new byte[16], 10);

        assertThat(stored).startsWith("$2y$10$");
        assertThat(VtigerPasswords.matches("alice", "s3cret!", "PHASH", stored)).isTrue();
        assertThat(VtigerPasswords.matches("alice", "s3cret", "PHASH", stored)).isFalse();
    }

    @Test
    void the_older_md5_schemes_use_the_first_two_letters_of_the_user_name_as_salt() {
        String md5 = Md5Crypt.md5Crypt("s3cret!".getBytes(StandardCharsets.UTF_8), "$1$bo$");
        String php53 = Md5Crypt.md5Crypt("s3cret!".getBytes(StandardCharsets.UTF_8), "$1$bo000000");

        assertThat(VtigerPasswords.matches("bob", "s3cret!", "MD5", md5)).isTrue();
        assertThat(VtigerPasswords.matches("bob", "wrong", "MD5", md5)).isFalse();
        assertThat(VtigerPasswords.matches("bob", "s3cret!", "PHP5.3MD5", php53)).isTrue();
        assertThat(VtigerPasswords.matches("bo", "s3cret!", "MD5", md5)).isTrue();
    }

    @Test
    void unknown_schemes_and_empty_hashes_never_match() {
        assertThat(VtigerPasswords.matches("bob", "s3cret!", "BLOWFISH", "$2$bo$whatever")).isFalse();
        assertThat(VtigerPasswords.matches("bob", "", "MD5", "")).isFalse();
        assertThat(VtigerPasswords.matches("bob", "x", null, null)).isFalse();
    }
}
