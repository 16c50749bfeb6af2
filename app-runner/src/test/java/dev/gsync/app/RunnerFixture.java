package dev.gsync.app;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.gsync.app.config.AppConfig;
import dev.gsync.app.config.ConfigKey;
import dev.gsync.app.web.WebServer;
import dev.gsync.core.memory.InMemoryCrmCalendar;
import dev.gsync.core.model.UserId;
import dev.gsync.emulator.EmulatorSettings;
import dev.gsync.emulator.GoogleEmulator;
import io.vavr.control.Either;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A runner as `gsync serve` assembles it (real state store on H2, real Google adapter against the emulator, the
 * web server on a free port), with CRM calendars kept in memory: these tests are about the runner, not the CRM.
 */
final class RunnerFixture implements AutoCloseable {
    static final String CLIENT_ID = "gsync-test-client";
    static final String ADMIN_TOKEN = "admin-" + UUID.randomUUID();
    static final String GOOGLE_ACCOUNT = "user@example.com";

    final GoogleEmulator emulator;
    final Services services;
    final WebServer web;
    final Map<UserId, InMemoryCrmCalendar> crms = new ConcurrentHashMap<>();

    RunnerFixture(boolean autoApprove) {
        emulator = GoogleEmulator.start(EmulatorSettings.defaults().autoApprove(autoApprove).withoutQuota());
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Map<ConfigKey, String> values = new HashMap<>();
        values.put(ConfigKey.STATE_JDBC_URL, "jdbc:h2:mem:runner-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        values.put(ConfigKey.STATE_ENCRYPTION_KEY, Base64.getEncoder().encodeToString(key));
        values.put(ConfigKey.GOOGLE_CLIENT_ID, CLIENT_ID);
        values.put(ConfigKey.GOOGLE_CLIENT_SECRET, "client-secret-" + UUID.randomUUID());
        values.put(ConfigKey.GOOGLE_AUTH_URI, emulator.authorizeUrl());
        values.put(ConfigKey.GOOGLE_TOKEN_URI, emulator.tokenUrl());
        values.put(ConfigKey.GOOGLE_CALENDAR_ROOT, emulator.rootUrl());
        values.put(ConfigKey.GOOGLE_TASKS_ROOT, emulator.rootUrl());
        values.put(ConfigKey.WEB_PORT, "0");
        values.put(ConfigKey.WEB_LINK_KEY, "link-key-" + UUID.randomUUID());
        values.put(ConfigKey.WEB_ADMIN_TOKEN, ADMIN_TOKEN);
        AppConfig config = AppConfig.of(values);
        services = Assembly.services(Guice.createInjector(new CoreModule(config), Assembly.stateModule(config), new AbstractModule() {
            @Provides @Singleton
            CrmCalendars crm(Clock clock) {
                return user -> Either.right(crms.computeIfAbsent(user, u -> new InMemoryCrmCalendar(clock)));
            }
        }));
        web = WebServer.of(services, config.get(ConfigKey.WEB_LINK_KEY), ADMIN_TOKEN);
        web.start("127.0.0.1", 0, "");
        emulator.registerClient(CLIENT_ID, config.get(ConfigKey.GOOGLE_CLIENT_SECRET), web.links().redirectUri().toString());
    }

    InMemoryCrmCalendar crm(UserId user) {
        return crms.computeIfAbsent(user, u -> new InMemoryCrmCalendar(Clock.systemUTC()));
    }

    @Override
    public void close() throws Exception {
        web.close();
        services.close();
        emulator.close();
    }
}
