package dev.gsync.app;

import dev.gsync.core.model.ItemKind;
import dev.gsync.core.model.SyncSettings;
import dev.gsync.core.model.UserId;
import dev.gsync.core.port.GoogleCalendar;
import dev.gsync.core.run.RunOptions;
import dev.gsync.core.run.RunReport;
import dev.gsync.core.run.SyncRun;
import dev.gsync.emulator.EmulatedUser;
import dev.gsync.vtiger.rest.VtigerRestCalendar;
import dev.gsync.vtiger.rest.WebserviceFake;
import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14, item 4 over REST end to end: the real Google client against the emulator, the REST adapter over real HTTP
 * against the webservice fake, gsync's JPA state store. A weekly Google series becomes one vtiger record per
 * occurrence; renaming the series renames them all; an instance moved in Google moves its record; an occurrence
 * taken out of the series (EXDATE) deletes its record.
 */
class VtigerRestSeriesEndToEndTest {
    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final String KEY = "accessKey16chars";
    private static RunnerFixture runner;
    private static WebserviceFake vtiger;

    @BeforeAll
    static void start() {
        runner = new RunnerFixture(true);
        vtiger = new WebserviceFake().user(7, "dave", KEY, "UTC");
    }

    @AfterAll
    static void stop() throws Exception {
        if (vtiger != null) vtiger.close();
        if (runner != null) runner.close();
    }

    private static EmulatedUser google() {
        return runner.emulator.user(RunnerFixture.GOOGLE_ACCOUNT);
    }

    /** The vtiger records as "date time subject", in time order. */
    private static java.util.List<String> records() {
        return vtiger.rows().values().stream()
                .map(f -> f.get("date_start") + " " + f.get("time_start") + " " + f.get("subject")).sorted().toList();
    }

    @Test
    void a_google_series_lands_as_one_record_per_occurrence_and_its_changes_follow() throws Exception {
        UserId dave = UserId.of("dave");
        dev.gsync.app.demo.BrowserlessConsent.follow(runner.web.links().connectLink(dave));
        assertThat(runner.services.accounts().isLinked(dave)).isTrue();
        String calendar = google().addCalendar("dave's calendar");
        SyncSettings settings = SyncSettings.defaults(UTC).withKinds(HashSet.of(ItemKind.EVENT)).withGoogleCalendars(List.of(calendar));
        VtigerRestCalendar crm = vtiger.calendarOf("dave", KEY);
        Runnable sync = () -> {
            vtiger.advance(java.time.Duration.ofSeconds(2));
            GoogleCalendar g = runner.services.injector().getInstance(GoogleSide.class).forUser(dave, settings);
            RunReport report = new SyncRun(crm, g, runner.services.store(), Clock.systemUTC()).run(dave, settings, RunOptions.DEFAULT);
            assertThat(report.failures()).as(report.summary()).isEmpty();
        };
        LocalDate monday = LocalDate.now(UTC).plusWeeks(1).with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
        String[] day = new String[3];
        for (int i = 0; i < 3; i++) day[i] = monday.plusWeeks(i).toString();
        String seeded = google().seedEvent(calendar, "{\"summary\":\"Standup\",\"start\":{\"dateTime\":\"" + day[0] + "T09:00:00Z\",\"timeZone\":\"UTC\"},"
                + "\"end\":{\"dateTime\":\"" + day[0] + "T10:00:00Z\",\"timeZone\":\"UTC\"},\"recurrence\":[\"RRULE:FREQ=WEEKLY;COUNT=3\"]}");
        String series = seeded.replaceAll("(?s)^.*?\"id\":\"([^\"]*)\".*$", "$1");

        sync.run();
        assertThat(records()).containsExactly(day[0] + " 09:00:00 Standup", day[1] + " 09:00:00 Standup", day[2] + " 09:00:00 Standup");

        google().editEvent(calendar, series, "{\"summary\":\"Standup (room 2)\"}");
        sync.run();
        assertThat(records()).containsExactly(day[0] + " 09:00:00 Standup (room 2)", day[1] + " 09:00:00 Standup (room 2)",
                day[2] + " 09:00:00 Standup (room 2)");

        String second = series + "_" + day[1].replace("-", "") + "T090000Z";
        google().editEvent(calendar, second, "{\"start\":{\"dateTime\":\"" + day[1] + "T11:00:00Z\",\"timeZone\":\"UTC\"},"
                + "\"end\":{\"dateTime\":\"" + day[1] + "T12:00:00Z\",\"timeZone\":\"UTC\"}}");
        sync.run();
        assertThat(records()).containsExactly(day[0] + " 09:00:00 Standup (room 2)", day[1] + " 11:00:00 Standup (room 2)",
                day[2] + " 09:00:00 Standup (room 2)");

        // an occurrence taken out of the rule (EXDATE); one deleted on its own: CancelledOccurrenceTest
        google().editEvent(calendar, series, "{\"recurrence\":[\"RRULE:FREQ=WEEKLY;COUNT=3\",\"EXDATE:" + day[2].replace("-", "") + "T090000Z\"]}");
        sync.run();
        assertThat(records()).containsExactly(day[0] + " 09:00:00 Standup (room 2)", day[1] + " 11:00:00 Standup (room 2)");

        sync.run();   // settled
        assertThat(records()).hasSize(2);
        assertThat(List.ofAll(google().events(calendar)).filter(json -> !json.contains("\"status\":\"cancelled\"")))
                .as("the series and its moved instance, no copy came back").hasSize(2);
    }

    /** D35: a CRM user deletes one occurrence's record in vtiger's UI; it leaves the Google series at the next run. */
    @Test
    void an_occurrence_record_deleted_in_vtigers_ui_vanishes_from_google_at_the_next_run() throws Exception {
        UserId erin = UserId.of("erin");
        WebserviceFake ws = new WebserviceFake().user(8, "erin", KEY, "UTC");
        try (ws) {
            dev.gsync.app.demo.BrowserlessConsent.follow(runner.web.links().connectLink(erin));
            String calendar = google().addCalendar("erin's calendar");
            SyncSettings settings = SyncSettings.defaults(UTC).withKinds(HashSet.of(ItemKind.EVENT)).withGoogleCalendars(List.of(calendar));
            VtigerRestCalendar crm = ws.calendarOf("erin", KEY);
            java.util.function.Supplier<RunReport> sync = () -> {
                ws.advance(java.time.Duration.ofSeconds(2));
                GoogleCalendar g = runner.services.injector().getInstance(GoogleSide.class).forUser(erin, settings);
                RunReport report = new SyncRun(crm, g, runner.services.store(), Clock.systemUTC()).run(erin, settings, RunOptions.DEFAULT);
                assertThat(report.failures()).as(report.summary()).isEmpty();
                return report;
            };
            LocalDate tuesday = LocalDate.now(UTC).plusWeeks(1).with(TemporalAdjusters.nextOrSame(DayOfWeek.TUESDAY));
            String[] day = new String[4];
            for (int i = 0; i < 4; i++) day[i] = tuesday.plusWeeks(i).toString();
            String seeded = google().seedEvent(calendar, "{\"summary\":\"Review\",\"start\":{\"dateTime\":\"" + day[0] + "T14:00:00Z\",\"timeZone\":\"UTC\"},"
                    + "\"end\":{\"dateTime\":\"" + day[0] + "T15:00:00Z\",\"timeZone\":\"UTC\"},\"recurrence\":[\"RRULE:FREQ=WEEKLY;COUNT=4\"]}");
            String series = seeded.replaceAll("(?s)^.*?\"id\":\"([^\"]*)\".*$", "$1");
            sync.get();
            sync.get();   // settled: the records just made are no longer in the feed
            assertThat(ws.rows()).hasSize(4);

            long third = ws.rows().entrySet().stream().filter(e -> e.getValue().get("date_start").equals(day[2])).findFirst().orElseThrow().getKey();
            ws.deleteInUi(third);
            RunReport next = sync.get();

            String master = google().event(calendar, series).orElseThrow();
            String recurrence = master.replaceAll("(?s)^.*\"recurrence\":\\[([^\\]]*)\\].*$", "$1");
            assertThat(recurrence).as(next.summary()).contains("RRULE:FREQ=WEEKLY;COUNT=4", "EXDATE", day[2].replace("-", "") + "T140000Z")
                    .doesNotContain(day[0].replace("-", ""), day[1].replace("-", ""), day[3].replace("-", ""));
            assertThat(ws.rows()).hasSize(3);
            RunReport settled = sync.get();
            assertThat(settled.counts(dev.gsync.core.model.Side.GOOGLE).updated() + settled.counts(dev.gsync.core.model.Side.CRM).updated()
                    + settled.counts(dev.gsync.core.model.Side.CRM).deleted() + settled.counts(dev.gsync.core.model.Side.CRM).created())
                    .as(settled.summary()).isZero();
        }
    }
}
