package dev.gsync.state;

import dev.gsync.core.model.UserId;
import io.vavr.control.Option;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Clock;
import java.util.Base64;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** OAuth tokens at rest: sealed, refused without a key, and loud when the key is wrong or the row was altered. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CredentialStoreChecks {
    private static final String TOKEN = "1//0gRefreshToken-ABCdef_123456789";
    private static final String OTHER_KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private StateConfig config;
    private StateDatabase db;
    private JpaCredentialStore store;
    private UserId user;

    abstract TestDatabase database();

    @BeforeAll
    void open() {
        config = database().fresh();
        db = StateDatabase.open(config);
        store = storeWithKey(config.secretKey());
    }

    @AfterAll
    void close() {
        db.close();
    }

    @BeforeEach
    void newUser() {
        user = UserId.of("user-" + UUID.randomUUID());
    }

    private JpaCredentialStore storeWithKey(Option<String> key) {
        return new JpaCredentialStore(db, key.map(k -> SecretCipher.of(k).get()), Clock.systemUTC());
    }

    @Test
    void a_secret_comes_back_as_saved_until_deleted() {
        assertThat(store.load(user, "google-refresh-token").isEmpty()).isTrue();

        store.save(user, "google-refresh-token", TOKEN);
        store.save(user, "google-access-token", "ya29.short-lived");

        assertThat(store.load(user, "google-refresh-token").get()).isEqualTo(TOKEN);
        assertThat(store.load(user, "google-access-token").get()).isEqualTo("ya29.short-lived");

        store.save(user, "google-refresh-token", TOKEN + "-rotated");
        assertThat(store.load(user, "google-refresh-token").get()).isEqualTo(TOKEN + "-rotated");

        store.delete(user, "google-refresh-token");
        assertThat(store.load(user, "google-refresh-token").isEmpty()).isTrue();
        assertThat(store.load(user, "google-access-token").isDefined()).isTrue();
    }

    @Test
    void the_database_holds_only_ciphertext() throws Exception {
        store.save(user, "google-refresh-token", TOKEN);
        String firstSeal = Tables.text(config, "select sealed from t_credential where user_id = ?", user.value());

        store.save(user, "google-refresh-token", TOKEN);
        String secondSeal = Tables.text(config, "select sealed from t_credential where user_id = ?", user.value());

        assertThat(firstSeal).startsWith("v1:").doesNotContain(TOKEN).doesNotContain("RefreshToken");
        assertThat(new String(Base64.getDecoder().decode(firstSeal.substring(3)), java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain("RefreshToken");
        assertThat(secondSeal).isNotEqualTo(firstSeal);   // a fresh nonce for every seal
        assertThat(Tables.text(config, "select key_id from t_credential where user_id = ?", user.value()))
                .isEqualTo(SecretCipher.of(config.secretKey().get()).get().keyId());
    }

    @Test
    void without_a_key_nothing_is_stored() {
        JpaCredentialStore keyless = storeWithKey(Option.none());

        assertThatThrownBy(() -> keyless.save(user, "google-refresh-token", TOKEN))
                .isInstanceOf(CredentialException.class)
                .hasMessageContaining("GSYNC_SECRET_KEY").hasMessageContaining("refusing")
                .message().doesNotContain(TOKEN);
        assertThat(store.load(user, "google-refresh-token").isEmpty()).isTrue();
    }

    @Test
    void a_wrong_key_fails_clearly_instead_of_returning_garbage() {
        store.save(user, "google-refresh-token", TOKEN);

        assertThatThrownBy(() -> storeWithKey(Option.some(OTHER_KEY)).load(user, "google-refresh-token"))
                .isInstanceOf(CredentialException.class)
                .hasMessageContaining("sealed with key").hasMessageContaining(user.value())
                .message().doesNotContain(TOKEN);
        assertThatThrownBy(() -> storeWithKey(Option.none()).load(user, "google-refresh-token"))
                .isInstanceOf(CredentialException.class).hasMessageContaining("no encryption key");
    }

    @Test
    void an_altered_value_does_not_open() throws Exception {
        store.save(user, "google-refresh-token", TOKEN);
        String sealed = Tables.text(config, "select sealed from t_credential where user_id = ?", user.value());
        char last = sealed.charAt(sealed.length() - 3);
        String altered = sealed.substring(0, sealed.length() - 3) + (last == 'A' ? 'B' : 'A') + sealed.substring(sealed.length() - 2);
        Tables.update(config, "update t_credential set sealed = ? where user_id = ?", altered, user.value());

        assertThatThrownBy(() -> store.load(user, "google-refresh-token"))
                .isInstanceOf(CredentialException.class).hasMessageContaining("authentication failed");
    }

    @Test
    void a_value_copied_to_another_users_row_does_not_open_there() throws Exception {
        UserId mallory = UserId.of("mallory-" + UUID.randomUUID());
        store.save(user, "google-refresh-token", TOKEN);
        store.save(mallory, "google-refresh-token", "mallorys own token");
        String sealed = Tables.text(config, "select sealed from t_credential where user_id = ?", user.value());

        Tables.update(config, "update t_credential set sealed = ? where user_id = ?", sealed, mallory.value());

        assertThatThrownBy(() -> store.load(mallory, "google-refresh-token")).isInstanceOf(CredentialException.class);
    }
}
