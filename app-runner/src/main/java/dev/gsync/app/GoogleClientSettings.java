package dev.gsync.app;

import dev.gsync.app.config.AppConfig;
import dev.gsync.app.config.ConfigKey;
import dev.gsync.core.model.UserId;
import dev.gsync.core.port.CredentialStore;
import io.vavr.control.Option;

/**
 * The OAuth client (id and secret) gsync uses with Google. The admin page may set it; what it set is kept,
 * encrypted, in the credential store under a system user and wins over the configuration, so a cluster shares it.
 */
public final class GoogleClientSettings {
    /** Not a CRM user name: vtiger user names cannot contain spaces. */
    public static final UserId SYSTEM = UserId.of("gsync system");
    static final String ID = "google.clientId";
    static final String SECRET = "google.clientSecret";

    public record GoogleClient(String clientId, String clientSecret) {
        @Override
        public String toString() {
            return "GoogleClient[" + clientId + ", secret ***]";
        }
    }

    private final AppConfig config;
    private final CredentialStore store;

    public GoogleClientSettings(AppConfig config, CredentialStore store) {
        this.config = config;
        this.store = store;
    }

    public Option<GoogleClient> current() {
        String id = store.load(SYSTEM, ID).getOrElse(config.get(ConfigKey.GOOGLE_CLIENT_ID));
        String secret = store.load(SYSTEM, SECRET).getOrElse(config.get(ConfigKey.GOOGLE_CLIENT_SECRET));
        return id.isBlank() || secret.isBlank() ? Option.none() : Option.some(new GoogleClient(id, secret));
    }

    public String clientId() {
        return store.load(SYSTEM, ID).getOrElse(config.get(ConfigKey.GOOGLE_CLIENT_ID));
    }

    public boolean hasSecret() {
        return store.load(SYSTEM, SECRET).orElse(Option.of(config.get(ConfigKey.GOOGLE_CLIENT_SECRET)).filter(s -> !s.isBlank())).isDefined();
    }

    /** A blank secret keeps the one stored: the admin page never shows it back, so it cannot be re-submitted. */
    public void save(String clientId, String clientSecret) {
        store.save(SYSTEM, ID, clientId.strip());
        if (!clientSecret.isBlank()) store.save(SYSTEM, SECRET, clientSecret.strip());
    }
}
