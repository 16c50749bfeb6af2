package dev.gsync.state;

import dev.gsync.core.port.RunAuditStore;
import dev.gsync.core.port.UserStatusStore;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.gsync.core.port.CredentialStore;
import dev.gsync.core.port.SyncStateStore;
import io.vavr.control.Option;

import java.time.Clock;

/**
 * Binds the sync state, the credential store, the user status and the run audit trail to one JDBC database.
 * The database is migrated when first needed; the embedder closes {@link StateDatabase} on shutdown.
 */
public final class StateJpaModule extends AbstractModule {
    private final StateConfig config;

    public StateJpaModule(StateConfig config) {
        this.config = config;
    }

    @Provides @Singleton
    StateDatabase database() {
        return StateDatabase.open(config);
    }

    @Provides @Singleton
    SyncStateStore syncState(StateDatabase db) {
        return new JpaSyncStateStore(db, Clock.systemUTC());
    }

    @Provides @Singleton
    CredentialStore credentials(StateDatabase db) {
        // a malformed key was already refused by StateConfig.load; a direct caller gets the same message here
        Option<SecretCipher> cipher = config.secretKey().map(key -> SecretCipher.of(key).getOrElseThrow(problem -> new IllegalArgumentException(problem)));
        return new JpaCredentialStore(db, cipher, Clock.systemUTC());
    }

    @Provides @Singleton
    UserStatusStore userStatus(StateDatabase db) {
        return new JpaUserStatusStore(db, Clock.systemUTC());
    }

    @Provides @Singleton
    RunAuditStore runAudit(StateDatabase db) {
        return new JpaRunAuditStore(db, config.retention(), Clock.systemUTC());
    }
}
