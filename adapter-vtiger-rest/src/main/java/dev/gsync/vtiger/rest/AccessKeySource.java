package dev.gsync.vtiger.rest;

import dev.gsync.core.model.UserId;
import dev.gsync.core.port.CredentialStore;
import io.vavr.control.Either;

import java.nio.file.Path;
import java.util.Locale;

/** Where a vtiger user's access key comes from. Never from the plain configuration file. */
@FunctionalInterface
public interface AccessKeySource {
    Either<String, AccessKey> accessKeyOf(UserId user);

    /** {@code <prefix><USER NAME>} in the environment, upper-cased, other characters as '_' (GSYNC_VTIGER_KEY_ADMIN). */
    static AccessKeySource environment(String prefix) {
        return user -> AccessKey.fromEnv(prefix + user.value().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"));
    }

    /** {@code <directory>/<user name>.key}, first line. */
    static AccessKeySource directory(Path directory) {
        return user -> {
            if (!user.value().matches("[A-Za-z0-9._@-]+") || user.value().startsWith("."))
                return Either.left("user name '" + user + "' cannot name a key file");
            return AccessKey.fromFile(directory.resolve(user.value() + ".key"));
        };
    }

    /** The secret named {@code vtiger.accesskey} in gsync's encrypted credential store. */
    static AccessKeySource credentialStore(CredentialStore store) {
        return user -> store.load(user, "vtiger.accesskey").map(AccessKey::of)
                .toEither(() -> "no vtiger access key stored for " + user);
    }
}
