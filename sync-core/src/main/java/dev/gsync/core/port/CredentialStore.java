package dev.gsync.core.port;

import dev.gsync.core.model.UserId;
import io.vavr.control.Option;

/**
 * Secrets per user (OAuth tokens, for one). Implementations encrypt at rest and refuse to store plaintext; callers
 * never log what passes through.
 */
public interface CredentialStore {
    Option<String> load(UserId user, String name);

    void save(UserId user, String name, String secret);

    void delete(UserId user, String name);
}
