package dev.gsync.app;

import dev.gsync.core.model.ItemKind;
import dev.gsync.core.model.Side;
import dev.gsync.core.model.SyncSettings;
import dev.gsync.core.model.UserId;
import dev.gsync.core.port.CrmCalendar;
import dev.gsync.core.port.GoogleCalendar;
import dev.gsync.core.run.RunOptions;
import dev.gsync.core.run.RunReport;
import dev.gsync.core.run.SyncRun;
import dev.gsync.emulator.EmulatedUser;
import dev.gsync.vtiger.rest.WebserviceFake;
import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14, item 4: an occurrence of a Google series deleted on its own (Google's UI "delete this event": a cancelled
 * instance, not an EXDATE of the series) reaches its CRM record, through both transports: the real Google client
 * against the emulator; the JDBC adapter on the embedded MariaDB, the REST adapter over HTTP on the webservice fake.
 * A weekly series of 4 makes 4 records; deleting the 3rd occurrence deletes exactly that record; the next run writes
 * nothing; a later rename of the series keeps the occurrence deleted (D34).
 */
class CancelledOccurrenceTest {
    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final String KEY = "accessKey16chars";
    private static RunnerFixture runner;
    private static WebserviceFake vtigerWs;
    private static WebserviceFake otherWs;

    @BeforeAll
    static void start() {
        runner = new RunnerFixture(true, true);
        vtigerWs = new WebserviceFake().user(7, "erin", KEY, "UTC");
        otherWs = new WebserviceFake().user(8, "bob", KEY, "UTC");
    }

    @AfterAll
    static void stop() throws Exception {
        if (vtigerWs != null) vtigerWs.close();
        if (otherWs != null) otherWs.close();
        if (runner != null) runner.close();
    }

    private static EmulatedUser google() {
        return runner.emulator.user(RunnerFixture.GOOGLE_ACCOUNT);
    }

    /** The MariaDB vtiger's live events of a user as "date time subject", in time order. */
    private static java.util.List<String> jdbcRecords(String user) {
        try (Connection c = DriverManager.getConnection(runner.services.config().get(dev.gsync.app.config.ConfigKey.CRM_JDBC_URL), "root", "");
             PreparedStatement ps = c.prepareStatement("SELECT a.date_start, a.time_start, a.subject FROM vtiger_activity a"
                     + " JOIN vtiger_crmentity e ON e.crmid = a.activityid JOIN vtiger_users u ON u.id = e.smownerid"
                     + " WHERE e.deleted = 0 AND u.user_name = ? AND a.activitytype <> 'Task'")) {
            ps.setString(1, user);
            java.util.List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3));
            }
            return out.stream().sorted().toList();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static java.util.List<String> restRecords() {
        return vtigerWs.rows().values().stream()
                .map(f -> f.get("date_start") + " " + f.get("time_start") + " " + f.get("subject")).sorted().toList();
    }

    private static RunReport sync(UserId user, SyncSettings settings, CrmCalendar crm) {
        GoogleCalendar g = runner.services.injector().getInstance(GoogleSide.class).forUser(user, settings);
        RunReport report = new SyncRun(crm, g, runner.services.store(), Clock.systemUTC()).run(user, settings, RunOptions.DEFAULT);
        assertThat(report.outcome()).as(report.summary()).isEqualTo(RunReport.Outcome.COMPLETED);
        assertThat(report.failures()).as(report.summary()).isEmpty();
        return report;
    }

    @Test
    void over_jdbc_a_google_occurrence_deleted_on_its_own_deletes_its_record() throws Exception {
        UserId user = UserId.of("dave");
        story(user, () -> runner.services.injector().getInstance(CrmCalendars.class).forUser(user).get(), () -> jdbcRecords("dave"));
    }

    @Test
    void over_rest_a_google_occurrence_deleted_on_its_own_deletes_its_record() throws Exception {
        UserId user = UserId.of("erin");
        story(user, () -> {
            vtigerWs.advance(java.time.Duration.ofSeconds(2));
            return vtigerWs.calendarOf("erin", KEY);
        }, CancelledOccurrenceTest::restRecords);
    }

    @Test
    void over_jdbc_an_occurrence_moved_then_deleted_in_google_deletes_its_record() throws Exception {
        UserId user = UserId.of("carol");
        movedThenDeleted(user, () -> runner.services.injector().getInstance(CrmCalendars.class).forUser(user).get(), () -> jdbcRecords("carol"));
    }

    @Test
    void over_rest_an_occurrence_moved_then_deleted_in_google_deletes_its_record() throws Exception {
        UserId user = UserId.of("bob");
        movedThenDeleted(user, () -> {
            otherWs.advance(java.time.Duration.ofSeconds(2));
            return otherWs.calendarOf("bob", KEY);
        }, () -> otherWs.rows().values().stream()
                .map(f -> f.get("date_start") + " " + f.get("time_start") + " " + f.get("subject")).sorted().toList());
    }

    /** A moved occurrence is a linked exception; deleted later it is both a linked removal and an EXDATE. */
    private static void movedThenDeleted(UserId user, Supplier<CrmCalendar> crm, Supplier<java.util.List<String>> records) throws Exception {
        dev.gsync.app.demo.BrowserlessConsent.follow(runner.web.links().connectLink(user));
        String calendar = google().addCalendar(user.value() + "'s other calendar");
        SyncSettings settings = SyncSettings.defaults(UTC).withKinds(HashSet.of(ItemKind.EVENT)).withGoogleCalendars(List.of(calendar));
        LocalDate tuesday = LocalDate.now(UTC).plusWeeks(1).with(TemporalAdjusters.nextOrSame(DayOfWeek.TUESDAY));
        String[] day = new String[3];
        for (int i = 0; i < 3; i++) day[i] = tuesday.plusWeeks(i).toString();
        String seeded = google().seedEvent(calendar, "{\"summary\":\"Review\",\"start\":{\"dateTime\":\"" + day[0] + "T14:00:00Z\",\"timeZone\":\"UTC\"},"
                + "\"end\":{\"dateTime\":\"" + day[0] + "T15:00:00Z\",\"timeZone\":\"UTC\"},\"recurrence\":[\"RRULE:FREQ=WEEKLY;COUNT=3\"]}");
        String series = seeded.replaceAll("(?s)^.*?\"id\":\"([^\"]*)\".*$", "$1");
        sync(user, settings, crm.get());
        int before = records.get().size();

        String second = series + "_" + day[1].replace("-", "") + "T140000Z";
        google().editEvent(calendar, second, "{\"start\":{\"dateTime\":\"" + day[1] + "T16:00:00Z\",\"timeZone\":\"UTC\"},"
                + "\"end\":{\"dateTime\":\"" + day[1] + "T17:00:00Z\",\"timeZone\":\"UTC\"}}");
        sync(user, settings, crm.get());
        assertThat(records.get()).contains(day[1] + " 16:00:00 Review").hasSize(before);

        google().deleteEvent(calendar, second);
        sync(user, settings, crm.get());
        assertThat(records.get()).contains(day[0] + " 14:00:00 Review", day[2] + " 14:00:00 Review")
                .doesNotContain(day[1] + " 16:00:00 Review", day[1] + " 14:00:00 Review").hasSize(before - 1);
        RunReport settled = sync(user, settings, crm.get());
        assertThat(settled.counts(Side.CRM).created() + settled.counts(Side.CRM).updated() + settled.counts(Side.CRM).deleted()
                + settled.counts(Side.GOOGLE).created() + settled.counts(Side.GOOGLE).updated() + settled.counts(Side.GOOGLE).deleted())
                .as(settled.summary()).isZero();
    }

    private static void story(UserId user, Supplier<CrmCalendar> crm, Supplier<java.util.List<String>> records) throws Exception {
        dev.gsync.app.demo.BrowserlessConsent.follow(runner.web.links().connectLink(user));
        assertThat(runner.services.accounts().isLinked(user)).isTrue();
        String calendar = google().addCalendar(user.value() + "'s calendar");
        SyncSettings settings = SyncSettings.defaults(UTC).withKinds(HashSet.of(ItemKind.EVENT)).withGoogleCalendars(List.of(calendar));
        LocalDate monday = LocalDate.now(UTC).plusWeeks(1).with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
        String[] day = new String[4];
        for (int i = 0; i < 4; i++) day[i] = monday.plusWeeks(i).toString();
        String seeded = google().seedEvent(calendar, "{\"summary\":\"Standup\",\"start\":{\"dateTime\":\"" + day[0] + "T09:00:00Z\",\"timeZone\":\"UTC\"},"
                + "\"end\":{\"dateTime\":\"" + day[0] + "T10:00:00Z\",\"timeZone\":\"UTC\"},\"recurrence\":[\"RRULE:FREQ=WEEKLY;COUNT=4\"]}");
        String series = seeded.replaceAll("(?s)^.*?\"id\":\"([^\"]*)\".*$", "$1");

        sync(user, settings, crm.get());
        assertThat(records.get()).containsExactly(day[0] + " 09:00:00 Standup", day[1] + " 09:00:00 Standup",
                day[2] + " 09:00:00 Standup", day[3] + " 09:00:00 Standup");

        // as Google's UI "delete this event" does: the instance becomes a cancelled exception, the series' rule stays
        google().deleteEvent(calendar, series + "_" + day[2].replace("-", "") + "T090000Z");
        assertThat(google().event(calendar, series).orElseThrow()).doesNotContain("EXDATE");
        sync(user, settings, crm.get());
        assertThat(records.get()).containsExactly(day[0] + " 09:00:00 Standup", day[1] + " 09:00:00 Standup",
                day[3] + " 09:00:00 Standup");

        dev.gsync.emulator.EmulatorStats.Snapshot before = runner.emulator.stats();
        RunReport settled = sync(user, settings, crm.get());
        dev.gsync.emulator.EmulatorStats.Snapshot after = runner.emulator.stats();
        // the benchmark's goal (docs/benchmarks.md): a run with nothing changed makes at most 3 requests to Google; here
        // events.list alone: a series is read with its cancelled occurrences only when it is on the page
        assertThat(after.httpRequests() - before.httpRequests()).as("requests to Google in a quiet run").isLessThanOrEqualTo(3);
        assertThat(after.callsOf("calendar.events.instances") - before.callsOf("calendar.events.instances")).isZero();
        assertThat(settled.counts(Side.GOOGLE)).as(settled.summary()).satisfies(c -> {
            assertThat(c.created() + c.updated() + c.deleted()).isZero();
        });
        assertThat(settled.counts(Side.CRM)).as(settled.summary()).satisfies(c -> {
            assertThat(c.created() + c.updated() + c.deleted()).isZero();
        });

        // a later change of the whole series keeps the occurrence deleted
        google().editEvent(calendar, series, "{\"summary\":\"Standup (room 2)\"}");
        sync(user, settings, crm.get());
        assertThat(records.get()).containsExactly(day[0] + " 09:00:00 Standup (room 2)", day[1] + " 09:00:00 Standup (room 2)",
                day[3] + " 09:00:00 Standup (room 2)");
        RunReport again = sync(user, settings, crm.get());
        assertThat(again.counts(Side.GOOGLE).updated() + again.counts(Side.GOOGLE).created() + again.counts(Side.GOOGLE).deleted())
                .as(again.summary()).isZero();
        assertThat(again.counts(Side.CRM).updated() + again.counts(Side.CRM).created() + again.counts(Side.CRM).deleted())
                .as(again.summary()).isZero();
        assertThat(List.ofAll(google().events(calendar)).filter(json -> !json.contains("\"status\":\"cancelled\"")))
                .as("only the series, no copy came back").hasSize(1);
    }
}
