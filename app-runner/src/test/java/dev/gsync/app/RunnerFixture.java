package dev.gsync.app;

import com.google.inject.Guice;
import dev.gsync.app.config.AppConfig;
import dev.gsync.app.config.ConfigKey;
import dev.gsync.app.web.WebServer;
import dev.gsync.core.model.CalendarItem;
import dev.gsync.core.model.IdempotencyKey;
import dev.gsync.core.model.UserId;
import dev.gsync.core.port.CrmCalendar;
import dev.gsync.core.port.Write;
import dev.gsync.emulator.EmulatorSettings;
import dev.gsync.emulator.GoogleEmulator;
import dev.gsync.vtiger.jdbc.VtigerJdbcCalendars;
import dev.gsync.vtiger.jdbc.VtigerSampleData;
import dev.gsync.vtiger.jdbc.VtigerSchema;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A runner as `gsync serve` assembles it: the vtiger JDBC adapter on an H2 database holding vtiger's tables (users
 * {@link #CRM_USERS}), the JPA state store on H2, the Google adapter against the emulator, the web server on a free
 * port.
 */
final class RunnerFixture implements AutoCloseable {
    static final String CLIENT_ID = "gsync-test-client";
    static final String ADMIN_TOKEN = "admin-" + UUID.randomUUID();
    static final String GOOGLE_ACCOUNT = "user@example.com";

    final GoogleEmulator emulator;
    final Services services;
    final WebServer web;
    static final String[] CRM_USERS = {"alice", "bob", "carol", "dave", "erin"};

    RunnerFixture(boolean autoApprove) {
        emulator = GoogleEmulator.start(EmulatorSettings.defaults().autoApprove(autoApprove).withoutQuota());
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String vtigerUrl = "jdbc:h2:mem:vtiger-" + UUID.randomUUID() + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1";
        try (Connection c = DriverManager.getConnection(vtigerUrl, "sa", "")) {
            VtigerSchema.createVtigerTables(c, true);
            for (String user : CRM_USERS) VtigerSampleData.addUser(c, user, user + "@example.com", user, "Tester", "UTC");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        Map<ConfigKey, String> values = new HashMap<>();
        values.put(ConfigKey.CRM_ADAPTER, "jdbc");
        values.put(ConfigKey.CRM_JDBC_URL, vtigerUrl);
        values.put(ConfigKey.CRM_JDBC_USER, "sa");
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
        services = Assembly.services(Guice.createInjector(new CoreModule(config), Assembly.stateModule(config), Assembly.crmModule(config)));
        web = WebServer.of(services, config.get(ConfigKey.WEB_LINK_KEY), ADMIN_TOKEN);
        web.start("127.0.0.1", 0, "");
        emulator.registerClient(CLIENT_ID, config.get(ConfigKey.GOOGLE_CLIENT_SECRET), web.links().redirectUri().toString());
    }

    /** Adds an item to the user's vtiger calendar through the adapter, as the CRM's own screens would. */
    void addToCrm(UserId user, CalendarItem item) {
        CrmCalendar crm = services.injector().getInstance(VtigerJdbcCalendars.class).forUser(user).getOrElseThrow(problem -> new IllegalStateException(problem));
        var written = crm.write(new Write.Create(item, new IdempotencyKey("test:" + UUID.randomUUID())));
        if (written.isLeft()) throw new IllegalStateException(written.getLeft().describe());
    }

    @Override
    public void close() throws Exception {
        web.close();
        services.close();
        emulator.close();
    }
}
