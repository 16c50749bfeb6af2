package dev.gsync.state;

import dev.gsync.core.model.UserId;
import dev.gsync.core.port.CredentialStore;
import io.vavr.control.Option;

import java.time.Clock;

/**
 * Secrets per user, sealed with AES-256-GCM before they reach the database. Without a configured key it refuses
 * to save (a {@link CredentialException}), because the only alternative would be plaintext; a stored secret that
 * was sealed under another key, or altered, fails loudly on load instead of coming back as garbage.
 */
final class JpaCredentialStore implements CredentialStore {
    static final int MAX_NAME_LENGTH = 128;

    private final StateDatabase db;
    private final Option<SecretCipher> cipher;
    private final Clock clock;

    JpaCredentialStore(StateDatabase db, Option<SecretCipher> cipher, Clock clock) {
        this.db = db;
        this.cipher = cipher;
        this.clock = clock;
    }

    @Override
    public Option<String> load(UserId user, String name) {
        return db.read(em -> Option.of(em.find(CredentialRow.class, new CredentialRow.Key(JpaSyncStateStore.key(user), name))))
                .map(row -> open(user, name, row));
    }

    private String open(UserId user, String name, CredentialRow row) {
        String what = "secret '" + name + "' of user '" + user + "'";
        SecretCipher key = cipher.getOrElseThrow(() -> new CredentialException(
                "cannot read the " + what + ": no encryption key configured (set " + StateConfig.SECRET_KEY_ENV + ")"));
        if (!key.keyId().equals(row.keyId)) {
            throw new CredentialException("cannot read the " + what + ": it was sealed with key " + row.keyId
                    + " but the configured key is " + key.keyId() + " (wrong " + StateConfig.SECRET_KEY_ENV + "?)");
        }
        return key.open(row.sealed, context(row.userId, row.name))
                .getOrElseThrow(problem -> new CredentialException("cannot read the " + what + ": " + problem));
    }

    @Override
    public void save(UserId user, String name, String secret) {
        checkName(name);
        SecretCipher key = cipher.getOrElseThrow(() -> new CredentialException("refusing to store the secret '" + name
                + "' of user '" + user + "' unencrypted: no encryption key configured (set " + StateConfig.SECRET_KEY_ENV
                + " to a base64 256-bit key, e.g. from `openssl rand -base64 32`)"));
        String userKey = JpaSyncStateStore.key(user);
        String sealed = key.seal(secret, context(userKey, name));
        db.inTransaction(em -> {
            CredentialRow found = em.find(CredentialRow.class, new CredentialRow.Key(userKey, name));
            CredentialRow row = found != null ? found : new CredentialRow();
            row.userId = userKey;
            row.name = name;
            row.keyId = key.keyId();
            row.sealed = sealed;
            row.updatedAt = clock.millis();
            if (found == null) em.persist(row);
            return row.keyId;
        });
    }

    @Override
    public void delete(UserId user, String name) {
        db.inTransaction(em -> em.createQuery("delete from CredentialRow c where c.userId = :user and c.name = :name")
                .setParameter("user", JpaSyncStateStore.key(user))
                .setParameter("name", name)
                .executeUpdate());
    }

    private static void checkName(String name) {
        if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("a secret's name must be 1 to " + MAX_NAME_LENGTH + " characters");
        }
    }

    /** Binds a sealed value to its row: copied to another user or name, it no longer opens. */
    private static String context(String user, String name) {
        return "gsync-credential\u0000" + user + "\u0000" + name;
    }
}
