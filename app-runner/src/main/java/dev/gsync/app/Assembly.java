package dev.gsync.app;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.Stage;
import dev.gsync.app.cli.ConfigProblem;
import dev.gsync.app.config.AppConfig;
import dev.gsync.app.config.ConfigKey;
import dev.gsync.app.db.RunnerDatabase;
import dev.gsync.core.port.CredentialStore;
import dev.gsync.core.port.SyncStateStore;
import dev.gsync.state.RunRetention;
import dev.gsync.state.StateConfig;
import dev.gsync.state.StateJpaModule;
import dev.gsync.vtiger.jdbc.VtigerJdbcCalendar;
import dev.gsync.vtiger.jdbc.VtigerJdbcCalendars;
import dev.gsync.vtiger.jdbc.VtigerJdbcConfig;
import dev.gsync.vtiger.jdbc.VtigerJdbcModule;
import dev.gsync.vtiger.rest.AccessKeySource;
import dev.gsync.vtiger.rest.VtigerRestCalendars;
import dev.gsync.vtiger.rest.VtigerRestModule;
import dev.gsync.vtiger.rest.VtigerRestSettings;
import io.vavr.control.Option;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;

/**
 * The one place that chooses adapters, from the configuration: the CRM over JDBC or REST, the state database (H2
 * or MariaDB, by its URL), Google. Builds the injector once and hands out the {@link Services}.
 */
public final class Assembly {
    private Assembly() {}

    public static Services production(AppConfig config) {
        Injector injector = Guice.createInjector(Stage.PRODUCTION, new CoreModule(config), stateModule(config), crmModule(config));
        return services(injector);
    }

    public static Services services(Injector injector) {
        AppConfig config = injector.getInstance(AppConfig.class);
        GoogleSide google = injector.getInstance(GoogleSide.class);
        RunnerDatabase runnerDb = injector.getInstance(RunnerDatabase.class);
        dev.gsync.state.StateDatabase stateDb = injector.getInstance(dev.gsync.state.StateDatabase.class);
        return new Services(config, injector.getInstance(UserSync.class), injector.getInstance(SyncStateStore.class),
                injector.getInstance(CredentialStore.class), google, injector.getInstance(GoogleClientSettings.class),
                injector.getInstance(RunLog.class), runnerDb.dataSource(), injector.getInstance(Clock.class),
                injector.getInstance(WebAddress.class), injector, () -> {
                    closeCrm(injector);
                    runnerDb.close();
                    stateDb.close();
                });
    }

    private static void closeCrm(Injector injector) {
        var jdbc = injector.getExistingBinding(com.google.inject.Key.get(VtigerJdbcCalendars.class));
        if (jdbc != null) ((VtigerJdbcCalendars) jdbc.getProvider().get()).close();
    }

    public static Module stateModule(AppConfig config) {
        String key = config.get(ConfigKey.STATE_ENCRYPTION_KEY);
        return new StateJpaModule(new StateConfig(config.get(ConfigKey.STATE_JDBC_URL), config.get(ConfigKey.STATE_JDBC_USER),
                config.get(ConfigKey.STATE_JDBC_PASSWORD), StateConfig.DEFAULT_PREFIX, Option.of(key).filter(k -> !k.isBlank()),
                RunRetention.DEFAULT, 4));
    }

    public static Module crmModule(AppConfig config) {
        return switch (config.get(ConfigKey.CRM_ADAPTER)) {
            case "rest" -> restCrm(config);
            case "jdbc" -> jdbcCrm(config);
            default -> throw new ConfigProblem(ConfigKey.CRM_ADAPTER.key() + ": must be jdbc or rest");
        };
    }

    private static Module restCrm(AppConfig config) {
        String url = config.required(ConfigKey.CRM_REST_URL).getOrElseThrow(ConfigProblem::new);
        VtigerRestSettings settings = VtigerRestSettings.defaults(URI.create(url)).withDbZone(ZoneId.of(config.get(ConfigKey.CRM_ZONE)));
        String keys = config.get(ConfigKey.CRM_REST_KEYS);
        return new AbstractModule() {
            @Override
            protected void configure() {
                if (!keys.equals("store")) {
                    install(new VtigerRestModule(settings, keys.startsWith("dir:")
                            ? AccessKeySource.directory(Path.of(keys.substring("dir:".length())))
                            : AccessKeySource.environment("GSYNC_VTIGER_KEY_")));
                }
            }

            @Provides @Singleton
            CrmCalendars crm(com.google.inject.Injector injector) {
                VtigerRestCalendars calendars = keys.equals("store")
                        ? new VtigerRestCalendars(settings, AccessKeySource.credentialStore(injector.getInstance(CredentialStore.class)))
                        : injector.getInstance(VtigerRestCalendars.class);
                return new CrmCalendars() {
                    @Override
                    public io.vavr.control.Either<String, dev.gsync.core.port.CrmCalendar> forUser(dev.gsync.core.model.UserId user) {
                        return calendars.calendarOf(user).map(c -> c);
                    }

                    @Override
                    public io.vavr.control.Option<ZoneId> zoneOf(dev.gsync.core.model.UserId user) {   // from the login answer
                        return calendars.calendarOf(user).toOption().flatMap(c -> c.userZone().toOption());
                    }
                };
            }
        };
    }

    private static Module jdbcCrm(AppConfig config) {
        String url = config.required(ConfigKey.CRM_JDBC_URL).getOrElseThrow(ConfigProblem::new);
        VtigerJdbcConfig jdbc = VtigerJdbcConfig.of(url, config.get(ConfigKey.CRM_JDBC_USER), config.get(ConfigKey.CRM_JDBC_PASSWORD))
                .withDbZone(ZoneId.of(config.get(ConfigKey.CRM_ZONE)));
        return new AbstractModule() {
            @Override
            protected void configure() {
                install(new VtigerJdbcModule(jdbc));
            }

            @Provides @Singleton
            CrmCalendars crm(VtigerJdbcCalendars calendars) {
                return new CrmCalendars() {
                    @Override
                    public io.vavr.control.Either<String, dev.gsync.core.port.CrmCalendar> forUser(dev.gsync.core.model.UserId user) {
                        return calendars.forUser(user).map(c -> c);
                    }

                    @Override
                    public io.vavr.control.Option<ZoneId> zoneOf(dev.gsync.core.model.UserId user) {   // vtiger_users.time_zone
                        return calendars.forUser(user).toOption().map(VtigerJdbcCalendar::userZone);
                    }
                };
            }
        };
    }
}
