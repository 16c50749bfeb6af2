package dev.gsync.app;

import com.google.inject.AbstractModule;
import com.google.inject.Injector;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.gsync.app.config.AppConfig;
import dev.gsync.app.config.ConfigKey;
import dev.gsync.app.db.RunnerDatabase;
import dev.gsync.core.port.CredentialStore;
import dev.gsync.core.port.RunAuditStore;
import dev.gsync.core.port.UserStatusStore;
import dev.gsync.core.port.SyncStateStore;
import dev.gsync.core.run.RunOptions;

import java.net.URI;
import java.time.Clock;
import java.time.ZoneId;

/**
 * The runner's own objects around the core: the clock, the scheduler table, the run log (over the status and audit
 * ports), the sync of one user, the Google client settings. The adapters' modules bind the ports
 * ({@link SyncStateStore}, {@link CredentialStore}, {@link RunAuditStore}, {@link UserStatusStore}, the per-user
 * calendar factories); {@link Assembly} picks which.
 */
public final class CoreModule extends AbstractModule {
    private final AppConfig config;

    public CoreModule(AppConfig config) {
        this.config = config;
    }

    @Override
    protected void configure() {
        bind(AppConfig.class).toInstance(config);
        bind(Clock.class).toInstance(Clock.systemUTC());
    }

    @Provides @Singleton
    RunnerDatabase runnerDatabase() {
        return RunnerDatabase.open(config.get(ConfigKey.STATE_JDBC_URL), config.get(ConfigKey.STATE_JDBC_USER),
                config.get(ConfigKey.STATE_JDBC_PASSWORD));
    }

    @Provides @Singleton
    RunLog runLog(RunAuditStore audits, UserStatusStore statuses) {
        return new RunLog(audits, statuses);
    }

    @Provides @Singleton
    WebAddress webAddress() {
        String base = config.get(ConfigKey.WEB_BASE_URL);
        return new WebAddress(URI.create(base.isBlank()
                ? "http://" + config.get(ConfigKey.WEB_BIND) + ":" + config.get(ConfigKey.WEB_PORT) : base));
    }

    @Provides @Singleton
    GoogleClientSettings googleClientSettings(CredentialStore credentials) {
        return new GoogleClientSettings(config, credentials);
    }

    @Provides @Singleton
    GoogleSide googleSide(Injector injector, GoogleClientSettings clients, WebAddress address) {
        return new GoogleSide(injector, config, clients, address);
    }

    @Provides @Singleton
    SyncEngine engine(SyncStateStore store, Clock clock) {
        return new CoreSyncEngine(store, clock, RunOptions.DEFAULT);
    }

    @Provides @Singleton
    UserSync userSync(CrmCalendars crm, GoogleSide google, SyncStateStore store, SyncEngine engine, RunLog runLog, Clock clock,
                      RunnerDatabase runnerDb) {
        return new UserSync(crm, google, google, store, engine, runLog, clock, ZoneId.of(config.get(ConfigKey.SYNC_ZONE)),
                new dev.gsync.app.db.DatabaseSyncLock(runnerDb.dataSource()));
    }
}
