package dev.gsync.app;

import com.google.inject.Guice;
import dev.gsync.app.config.AppConfig;
import dev.gsync.app.config.ConfigKey;
import dev.gsync.app.web.WebServer;
import dev.gsync.core.model.CalendarItem;
import dev.gsync.core.model.IdempotencyKey;
import dev.gsync.core.model.UserId;
import dev.gsync.core.model.ExternalId;
import dev.gsync.core.port.Change;
import dev.gsync.core.port.ChangePage;
import dev.gsync.core.port.CrmCalendar;
import dev.gsync.core.port.Cursor;
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
        this(autoApprove, false);
    }

    /** {@code onMariaDb}: vtiger's tables and gsync's state on the embedded MariaDB server instead of H2. */
    RunnerFixture(boolean autoApprove, boolean onMariaDb) {
        this(autoApprove, onMariaDb, Map.of());
    }

    /** {@code overrides}: configuration values set last (e.g. a password for gsync's own database). */
    RunnerFixture(boolean autoApprove, boolean onMariaDb, Map<ConfigKey, String> overrides) {
        emulator = GoogleEmulator.start(EmulatorSettings.defaults().autoApprove(autoApprove).withoutQuota());
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String vtigerUrl = onMariaDb ? EmbeddedMariaDb.newDatabase()
                : "jdbc:h2:mem:vtiger-" + UUID.randomUUID() + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1";
        String dbUser = onMariaDb ? "root" : "sa";
        try (Connection c = DriverManager.getConnection(vtigerUrl, dbUser, "")) {
            VtigerSchema.createVtigerTables(c, !onMariaDb);
            for (String user : CRM_USERS) VtigerSampleData.addUser(c, user, user + "@example.com", user, "Tester", "UTC");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        VtigerAccountsFixture.addSignInTables(vtigerUrl);
        Map<ConfigKey, String> values = new HashMap<>();
        values.put(ConfigKey.CRM_ADAPTER, "jdbc");
        values.put(ConfigKey.CRM_JDBC_URL, vtigerUrl);
        values.put(ConfigKey.CRM_JDBC_USER, dbUser);
        values.put(ConfigKey.STATE_JDBC_URL, onMariaDb ? EmbeddedMariaDb.newDatabase() : "jdbc:h2:mem:runner-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        if (onMariaDb) values.put(ConfigKey.STATE_JDBC_USER, "root");
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
        values.putAll(overrides);
        AppConfig config = AppConfig.of(values);
        services = Assembly.services(Guice.createInjector(new CoreModule(config), Assembly.stateModule(config), Assembly.crmModule(config)));
        web = WebServer.of(services, config.get(ConfigKey.WEB_LINK_KEY), ADMIN_TOKEN);
        web.start("127.0.0.1", 0, "");
        emulator.registerClient(CLIENT_ID, config.get(ConfigKey.GOOGLE_CLIENT_SECRET), web.links().redirectUri().toString());
    }

    /** Adds an item to the user's vtiger calendar through the adapter, as the CRM's own screens would; its CRM id. */
    ExternalId addToCrm(UserId user, CalendarItem item) {
        var written = crm(user).write(new Write.Create(item, new IdempotencyKey("test:" + UUID.randomUUID())));
        if (written.isLeft()) throw new IllegalStateException(written.getLeft().describe());
        return written.get().id();
    }

    /** Deletes an item from the user's vtiger calendar through the adapter, as the CRM's own screens would. */
    void deleteFromCrm(UserId user, ExternalId id) {
        CrmCalendar crm = crm(user);
        var now = crm.get(id).getOrElseThrow(f -> new IllegalStateException(f.describe())).getOrElseThrow(() -> new IllegalStateException("no " + id));
        var deleted = crm.write(new Write.Delete(id, now.version()));
        if (deleted.isLeft()) throw new IllegalStateException(deleted.getLeft().describe());
    }

    /** The titles of the items in the user's vtiger calendar now. */
    io.vavr.collection.List<String> crmTitles(UserId user) {
        CrmCalendar crm = crm(user);
        io.vavr.collection.List<String> titles = io.vavr.collection.List.empty();
        Cursor cursor = Cursor.START;
        for (int page = 0; page < 1000; page++) {
            ChangePage answer = crm.changesSince(cursor).getOrElseThrow(f -> new IllegalStateException(f.describe()));
            titles = titles.appendAll(answer.changes().filter(c -> c instanceof Change.Upserted).map(c -> ((Change.Upserted) c).item().title()));
            if (!answer.more()) break;
            cursor = answer.next();
        }
        return titles.sorted();
    }

    private CrmCalendar crm(UserId user) {
        return services.injector().getInstance(VtigerJdbcCalendars.class).forUser(user).getOrElseThrow(problem -> new IllegalStateException(problem));
    }

    @Override
    public void close() throws Exception {
        web.close();
        services.close();
        emulator.close();
    }
}
