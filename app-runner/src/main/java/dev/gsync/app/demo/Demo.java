package dev.gsync.app.demo;

import com.google.inject.Guice;
import com.google.inject.Stage;
import dev.gsync.app.Assembly;
import dev.gsync.app.CoreModule;
import dev.gsync.app.Outcome;
import dev.gsync.app.RunSummary;
import dev.gsync.app.Services;
import dev.gsync.app.config.AppConfig;
import dev.gsync.app.config.ConfigKey;
import dev.gsync.app.web.WebServer;
import dev.gsync.core.model.CalendarItem;
import dev.gsync.core.model.IdempotencyKey;
import dev.gsync.core.model.Timing;
import dev.gsync.core.model.UserId;
import dev.gsync.core.port.CrmCalendar;
import dev.gsync.core.port.Write;
import dev.gsync.emulator.EmulatedUser;
import dev.gsync.emulator.EmulatorSettings;
import dev.gsync.emulator.GoogleEmulator;
import dev.gsync.vtiger.jdbc.VtigerJdbcCalendars;
import dev.gsync.vtiger.jdbc.VtigerSampleData;
import dev.gsync.vtiger.jdbc.VtigerSchema;
import io.vavr.collection.List;

import java.io.PrintStream;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * `gsync demo`: everything on this machine, nothing to install or configure. A Google emulator on a free port, an
 * in-memory H2 database with vtiger's calendar tables and a user with sample events and to-dos, gsync's own state in
 * another in-memory H2. The demo user links Google through the real OAuth redirects (the emulator approves
 * consent at once), then one bidirectional sync runs and its report is printed.
 */
public final class Demo {
    public static final UserId USER = UserId.of("demo");
    static final String GOOGLE_ACCOUNT = "user@example.com";   // the account the emulator approves without a login hint
    static final int SAMPLE_EVENTS = 12;

    private Demo() {}

    public static Outcome run(PrintStream out) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        try (GoogleEmulator emulator = GoogleEmulator.start(EmulatorSettings.defaults().autoApprove(true).withoutQuota())) {
            EmulatedUser google = emulator.user(GOOGLE_ACCOUNT);
            LocalDate tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1);
            google.seedEvent(google.primaryCalendarId(), "{\"summary\":\"Dentist (entered in Google)\","
                    + "\"start\":{\"dateTime\":\"" + tomorrow + "T16:00:00Z\"},\"end\":{\"dateTime\":\"" + tomorrow + "T17:00:00Z\"}}");

            String vtigerUrl = "jdbc:h2:mem:vtiger-" + run + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1";
            try (Connection c = DriverManager.getConnection(vtigerUrl, "sa", "")) {
                VtigerSchema.createVtigerTables(c, true);
                int owner = VtigerSampleData.addUser(c, USER.value(), "demo@example.com", "Dana", "Demo", "UTC");
                VtigerSampleData.addEvents(c, owner, SAMPLE_EVENTS, tomorrow.atTime(9, 0), LocalDateTime.now(ZoneOffset.UTC), 42);
            }

            AppConfig config = AppConfig.of(configFor(emulator, vtigerUrl, run));
            try (Services services = Assembly.services(Guice.createInjector(Stage.PRODUCTION, new CoreModule(config),
                    Assembly.stateModule(config), Assembly.crmModule(config)));
                 WebServer web = WebServer.of(services, config.get(ConfigKey.WEB_LINK_KEY), "")) {
                web.start("127.0.0.1", 0, "");
                emulator.registerClient(config.get(ConfigKey.GOOGLE_CLIENT_ID), config.get(ConfigKey.GOOGLE_CLIENT_SECRET),
                        web.links().redirectUri().toString());
                addSampleTodos(services, tomorrow);
                out.println("gsync demo");
                out.println("  Google emulator : " + emulator.rootUrl() + " (account " + GOOGLE_ACCOUNT + ", 1 event entered in Google)");
                out.println("  vtiger database : H2 in memory, user '" + USER + "' with " + SAMPLE_EVENTS + " events and 2 to-dos");
                out.println("  gsync web pages : " + web.links().baseUrl());
                out.println();

                out.println("1. Linking " + USER + "'s Google account through OAuth (consent approved by the emulator)...");
                var landing = BrowserlessConsent.follow(web.links().connectLink(USER));
                if (!services.accounts().isLinked(USER)) {
                    out.println("   linking failed (HTTP " + landing.status() + " at " + landing.uri() + ")");
                    return Outcome.NOT_LINKED;
                }
                out.println("   linked.");
                out.println("2. Syncing both ways...");
                RunSummary summary = services.userSync().sync(USER, false);
                out.println(summary.report().indent(3).stripTrailing());
                out.println("3. Google now holds " + google.events(google.primaryCalendarId()).size() + " events and "
                        + google.tasks(google.defaultTaskListId()).size() + " tasks.");
                out.println();
                out.println("Next: `./gsync --help`; configure a real vtiger and Google client as in docs/configuration.md.");
                return summary.outcome();
            }
        }
    }

    /** To-dos are made through the CRM port itself, so they are exactly what vtiger's own UI would store. */
    private static void addSampleTodos(Services services, LocalDate tomorrow) {
        VtigerJdbcCalendars calendars = services.injector().getInstance(VtigerJdbcCalendars.class);
        CrmCalendar crm = calendars.forUser(USER).getOrElseThrow(problem -> new IllegalStateException(problem));
        var results = crm.write(List.of(
                new Write.Create(CalendarItem.task("Send the quote to ACME", new Timing.Due(tomorrow, io.vavr.control.Option.some(LocalTime.of(12, 0)))),
                        new IdempotencyKey("demo:todo-1")),
                new Write.Create(CalendarItem.task("Prepare the quarterly review", Timing.Due.on(tomorrow.plusDays(6))),
                        new IdempotencyKey("demo:todo-2"))));
        results.filter(io.vavr.control.Either::isLeft)
                .forEach(failed -> { throw new IllegalStateException("cannot add the demo to-dos: " + failed.getLeft().describe()); });
    }

    private static Map<ConfigKey, String> configFor(GoogleEmulator emulator, String vtigerUrl, String run) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Map<ConfigKey, String> values = new HashMap<>();
        values.put(ConfigKey.CRM_ADAPTER, "jdbc");
        values.put(ConfigKey.CRM_JDBC_URL, vtigerUrl);
        values.put(ConfigKey.CRM_JDBC_USER, "sa");
        values.put(ConfigKey.STATE_JDBC_URL, "jdbc:h2:mem:gsync-state-" + run + ";DB_CLOSE_DELAY=-1");
        values.put(ConfigKey.STATE_ENCRYPTION_KEY, Base64.getEncoder().encodeToString(key));
        values.put(ConfigKey.GOOGLE_CLIENT_ID, "gsync-demo");
        values.put(ConfigKey.GOOGLE_CLIENT_SECRET, UUID.randomUUID().toString());
        values.put(ConfigKey.GOOGLE_AUTH_URI, emulator.authorizeUrl());
        values.put(ConfigKey.GOOGLE_TOKEN_URI, emulator.tokenUrl());
        values.put(ConfigKey.GOOGLE_CALENDAR_ROOT, emulator.rootUrl());
        values.put(ConfigKey.GOOGLE_TASKS_ROOT, emulator.rootUrl());
        values.put(ConfigKey.WEB_PORT, "0");
        values.put(ConfigKey.WEB_LINK_KEY, UUID.randomUUID().toString());
        return values;
    }

    static Clock clock() {
        return Clock.systemUTC();
    }
}
