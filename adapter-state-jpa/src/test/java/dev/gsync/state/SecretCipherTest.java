package dev.gsync.state;

import org.junit.jupiter.api.Test;

import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class SecretCipherTest {
    private final SecretCipher cipher = SecretCipher.of(TestDatabase.KEY).get();

    @Test
    void a_sealed_secret_opens_with_the_same_key_and_context() {
        String sealed = cipher.seal("token ✓", "ann/google");

        assertThat(cipher.open(sealed, "ann/google").get()).isEqualTo("token ✓");
    }

    @Test
    void another_context_or_key_does_not_open_it() {
        String sealed = cipher.seal("token", "ann/google");
        SecretCipher other = SecretCipher.of(Base64.getEncoder().encodeToString(new byte[32])).get();

        assertThat(cipher.open(sealed, "bob/google").getLeft()).contains("authentication failed");
        assertThat(other.open(sealed, "ann/google").getLeft()).contains("authentication failed");
        assertThat(other.keyId()).isNotEqualTo(cipher.keyId()).hasSize(16);
    }

    @Test
    void malformed_sealed_values_are_lefts() {
        assertThat(cipher.open("plaintext", "x").getLeft()).contains("unknown sealed format");
        assertThat(cipher.open("v1:!!!", "x").getLeft()).contains("not base64");
        assertThat(cipher.open("v1:AAAA", "x").getLeft()).contains("truncated");
    }

    @Test
    void only_a_256_bit_base64_key_is_accepted() {
        assertThat(SecretCipher.of("not base64 at all!").getLeft()).contains("not base64");
        assertThat(SecretCipher.of(Base64.getEncoder().encodeToString(new byte[16])).getLeft()).contains("256 bits").contains("got 16 bytes");
        assertThat(SecretCipher.of(" " + TestDatabase.KEY + "\n").isRight()).isTrue();
    }

    @Test
    void its_string_form_never_shows_the_key() {
        assertThat(cipher.toString()).doesNotContain(TestDatabase.KEY).contains(cipher.keyId());
    }
}
