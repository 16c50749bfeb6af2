package dev.gsync.app.vtiger;

import dev.gsync.app.GoogleSide;
import dev.gsync.app.RunnerFixtureAccess;
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
import dev.gsync.vtiger.jdbc.TestDatabase;
import dev.gsync.vtiger.jdbc.VtigerSampleData;
import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14 item 2 for recurring series (D36), end to end: vtiger's tables on the embedded MariaDB (JDBC transport), the
 * webservice fake over real HTTP (REST transport), the real Google client against the emulator, gsync's JPA state
 * store. A user is switched from one transport to the other and back; the two vtiger stores are kept holding the same
 * records as one database behind both would ({@link OneVtigerTwoTransports#mirrorWebserviceInDb}). A series stays one
 * Google series: nothing is duplicated, re-created or unlinked, and edits keep flowing.
 */
class TransportSwitchSeriesTest {
    private static final ZoneId UTC = ZoneId.of("UTC");
    private static RunnerFixtureAccess runner;

    @BeforeAll
    static void start() {
        runner = RunnerFixtureAccess.startOnMariaDb(true);
    }

    @AfterAll
    static void stop() throws Exception {
        if (runner != null) runner.close();
    }

    private static EmulatedUser google() {
        return runner.emulator().user("user@example.com");
    }

    /** One user of the runner's vtiger database, seen through both transports, with a Google calendar of their own. */
    private static final class Story implements AutoCloseable {
        final UserId user;
        final OneVtigerTwoTransports vtiger;
        final String calendar;
        final SyncSettings settings;

        Story(String name) throws Exception {
            user = UserId.of(name);
            TestDatabase db = new TestDatabase(runner.services().config().get(dev.gsync.app.config.ConfigKey.CRM_JDBC_URL), "root", "", false);
            int id = ((Number) db.query("SELECT id FROM vtiger_users WHERE user_name = ?", name).get(0).get(0)).intValue();
            vtiger = new OneVtigerTwoTransports(db, Map.of(name, id), "UTC");
            dev.gsync.app.demo.BrowserlessConsent.follow(runner.web().links().connectLink(user));
            assertThat(runner.services().accounts().isLinked(user)).isTrue();
            calendar = google().addCalendar(name + "'s calendar");
            settings = SyncSettings.defaults(UTC).withKinds(HashSet.of(ItemKind.EVENT)).withGoogleCalendars(List.of(calendar));
        }

        RunReport viaRest() {
            vtiger.ws.setClock(java.time.Instant.now());
            return run(vtiger.viaRest(user.value()));
        }

        RunReport viaJdbc() {
            return run(vtiger.viaJdbc(user.value()));
        }

        private RunReport run(CrmCalendar crm) {
            GoogleCalendar g = runner.services().injector().getInstance(GoogleSide.class).forUser(user, settings);
            RunReport report = new SyncRun(crm, g, runner.services().store(), Clock.systemUTC()).run(user, settings, RunOptions.DEFAULT);
            assertThat(report.outcome()).as(report.summary()).isEqualTo(RunReport.Outcome.COMPLETED);
            assertThat(report.failures()).as(report.summary()).isEmpty();
            return report;
        }

        /** The calendar's live events as "start summary" (a series marked, an instance with its original start). */
        List<String> googleEvents() {
            return List.ofAll(google().events(calendar)).filter(json -> !json.contains("\"status\":\"cancelled\""))
                    .map(json -> field(json, "dateTime", "start").replace(".000Z", "Z") + " " + field(json, "summary", null)
                            + (json.contains("\"recurrence\"") ? " (series)" : "")
                            + (json.contains("\"originalStartTime\"") ? " (instance of " + field(json, "dateTime", "originalStartTime").replace(".000Z", "Z") + ")" : ""))
                    .sorted();
        }

        int links() {
            return runner.services().store().allLinks(user).size();
        }

        /** vtiger's series rows of a record: its parent in vtiger_activity_recurring_info, if any. */
        List<Long> seriesParents(long crmid) {
            return List.ofAll(vtiger.db.query("SELECT activityid FROM vtiger_activity_recurring_info WHERE recurrenceid = ?", crmid))
                    .map(r -> ((Number) r.get(0)).longValue());
        }

        @Override
        public void close() {
            vtiger.close();
        }
    }

    private static void nothingWritten(RunReport report) {
        for (Side side : Side.values()) {
            RunReport.Counts c = report.counts(side);
            assertThat(c.created() + c.updated() + c.deleted()).as(side + ": " + report.summary()).isZero();
        }
    }

    /** A crude reader for the emulator's JSON: the value of {@code key}, inside the object named {@code within} if given. */
    private static String field(String json, String key, String within) {
        String from = within == null ? json : json.substring(json.indexOf("\"" + within + "\""));
        return from.replaceAll("(?s)^.*?\"" + key + "\":\"([^\"]*)\".*$", "$1");
    }

    private static String[] mondays(int n) {
        LocalDate monday = LocalDate.now(UTC).plusWeeks(1).with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
        String[] day = new String[n];
        for (int i = 0; i < n; i++) day[i] = monday.plusWeeks(i).toString();
        return day;
    }

    @Test
    void a_series_made_over_rest_stays_one_series_through_jdbc_and_back() throws Exception {
        try (Story story = new Story("alice")) {
            String[] day = mondays(4);
            String seeded = google().seedEvent(story.calendar, "{\"summary\":\"Standup\",\"start\":{\"dateTime\":\"" + day[0] + "T09:00:00Z\",\"timeZone\":\"UTC\"},"
                    + "\"end\":{\"dateTime\":\"" + day[0] + "T10:00:00Z\",\"timeZone\":\"UTC\"},\"recurrence\":[\"RRULE:FREQ=WEEKLY;COUNT=4\"]}");
            String series = seeded.replaceAll("(?s)^.*?\"id\":\"([^\"]*)\".*$", "$1");

            // over the webservice: one record per occurrence; one instance moved in Google becomes its record's move
            story.viaRest();
            google().editEvent(story.calendar, series + "_" + day[1].replace("-", "") + "T090000Z", "{\"start\":{\"dateTime\":\"" + day[1]
                    + "T11:00:00Z\",\"timeZone\":\"UTC\"},\"end\":{\"dateTime\":\"" + day[1] + "T12:00:00Z\",\"timeZone\":\"UTC\"}}");
            story.viaRest();
            assertThat(story.vtiger.ws.rows()).hasSize(4);
            int links = story.links();
            List<String> before = story.googleEvents();
            assertThat(before).containsExactly(day[0] + "T09:00:00Z Standup (series)",
                    day[1] + "T11:00:00Z Standup (instance of " + day[1] + "T09:00:00Z)");

            // the installation switches to the database transport: the same series, nothing written anywhere
            story.vtiger.mirrorWebserviceInDb();
            nothingWritten(story.viaJdbc());
            assertThat(story.googleEvents()).isEqualTo(before);
            assertThat(story.links()).isEqualTo(links);
            // ... and vtiger's own tables now tie the records as one series (vtiger's UI shows it as one)
            long first = story.vtiger.dbRows().keySet().stream().min(Long::compare).get();
            for (Long crmid : story.vtiger.dbRows().keySet()) assertThat(story.seriesParents(crmid)).containsExactly(first);

            // "this occurrence only" in vtiger's UI: the 3rd an hour later, its description rewritten; vtiger's HTML
            // purifier drops the series comment (and the key) of what it saves, the record stays in its series
            long third = story.vtiger.dbRows().entrySet().stream().filter(e -> e.getValue().get("date_start").equals(day[2])).findFirst().get().getKey();
            LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
            story.vtiger.db.update("UPDATE vtiger_activity SET time_start = '10:00:00', time_end = '11:00:00' WHERE activityid = ?", third);
            story.vtiger.db.update("UPDATE vtiger_crmentity SET description = 'bring the numbers', modifiedtime = ? WHERE crmid = ?", now, third);
            story.viaJdbc();
            List<String> afterEdit = story.googleEvents();
            assertThat(afterEdit).containsExactly(day[0] + "T09:00:00Z Standup (series)",
                    day[1] + "T11:00:00Z Standup (instance of " + day[1] + "T09:00:00Z)",
                    day[2] + "T10:00:00Z Standup (instance of " + day[2] + "T09:00:00Z)");
            assertThat(story.links()).isEqualTo(links + 1);

            // and back to the webservice: still the same series, nothing written
            story.vtiger.copyDbToWebservice();
            nothingWritten(story.viaRest());
            assertThat(story.googleEvents()).isEqualTo(afterEdit);
            assertThat(story.links()).isEqualTo(links + 1);

            // a change of the whole series in Google reaches its plain occurrences over the webservice; the changed
            // ones keep their own values, as Google's instances do (and as the JDBC transport leaves them)
            google().editEvent(story.calendar, series, "{\"summary\":\"Standup (room 2)\"}");
            story.viaRest();
            assertThat(story.vtiger.ws.rows().values().stream().map(f -> f.get("date_start") + " " + f.get("subject")).sorted().toList())
                    .containsExactly(day[0] + " Standup (room 2)", day[1] + " Standup", day[2] + " Standup", day[3] + " Standup (room 2)");
            assertThat(story.googleEvents()).containsExactly(day[0] + "T09:00:00Z Standup (room 2) (series)",
                    day[1] + "T11:00:00Z Standup (instance of " + day[1] + "T09:00:00Z)",
                    day[2] + "T10:00:00Z Standup (instance of " + day[2] + "T09:00:00Z)");
            nothingWritten(story.viaRest());

            // one more week in Google: the webservice transport makes a 5th record (only its comment ties it), and the
            // switch to the database transport takes it into vtiger's series rows, writing nothing
            google().editEvent(story.calendar, series, "{\"recurrence\":[\"RRULE:FREQ=WEEKLY;COUNT=5\"]}");
            story.viaRest();
            assertThat(story.vtiger.ws.rows()).hasSize(5);
            List<String> fiveWeeks = story.googleEvents();
            story.vtiger.mirrorWebserviceInDb();
            nothingWritten(story.viaJdbc());
            assertThat(story.googleEvents()).isEqualTo(fiveWeeks);
            for (Long crmid : story.vtiger.dbRows().keySet()) assertThat(story.seriesParents(crmid)).containsExactly(first);
        }
    }

    @Test
    void records_saved_in_vtigers_ui_while_synced_over_rest_stay_in_their_series_there_and_after_the_switch() throws Exception {
        try (Story story = new Story("carol")) {
            String[] day = mondays(4);
            google().seedEvent(story.calendar, "{\"summary\":\"Planning\",\"start\":{\"dateTime\":\"" + day[0] + "T14:00:00Z\",\"timeZone\":\"UTC\"},"
                    + "\"end\":{\"dateTime\":\"" + day[0] + "T15:00:00Z\",\"timeZone\":\"UTC\"},\"recurrence\":[\"RRULE:FREQ=WEEKLY;COUNT=4\"]}");
            story.viaRest();
            java.util.List<Long> ids = story.vtiger.ws.rows().keySet().stream().sorted().toList();
            assertThat(ids).hasSize(4);
            int carol = story.vtiger.users.get("carol");

            // the 3rd saved in vtiger's UI with a note: its comments are gone (vtiger's purifier), it stays in the series
            story.vtiger.ws.saveInUi(ids.get(2), Map.of("description", "room changed"), carol);
            story.viaRest();
            assertThat(story.googleEvents()).containsExactly(day[0] + "T14:00:00Z Planning (series)",
                    day[2] + "T14:00:00Z Planning (instance of " + day[2] + "T14:00:00Z)");
            nothingWritten(story.viaRest());

            // the 4th saved in the UI too, and the installation switches to the database transport before any REST run
            story.vtiger.ws.saveInUi(ids.get(3), Map.of("description", "cancelled? ask Bob"), carol);
            story.vtiger.mirrorWebserviceInDb();
            story.viaJdbc();
            assertThat(story.googleEvents()).containsExactly(day[0] + "T14:00:00Z Planning (series)",
                    day[2] + "T14:00:00Z Planning (instance of " + day[2] + "T14:00:00Z)",
                    day[3] + "T14:00:00Z Planning (instance of " + day[3] + "T14:00:00Z)");
            for (Long crmid : ids) assertThat(story.seriesParents(crmid)).containsExactly(ids.get(0));
            nothingWritten(story.viaJdbc());
        }
    }

    @Test
    void a_series_made_in_vtigers_ui_and_synced_over_jdbc_stays_one_series_through_rest_and_back() throws Exception {
        try (Story story = new Story("bob")) {
            String[] day = mondays(5);
            int[] ids;
            try (Connection c = story.vtiger.db.connect()) {
                ids = VtigerSampleData.addWeeklySeries(c, story.vtiger.users.get("bob"), "Review", LocalDate.parse(day[0]).atTime(9, 0), 5,
                        LocalDateTime.now(ZoneOffset.UTC).minusHours(1).truncatedTo(ChronoUnit.SECONDS));
            }
            story.viaJdbc();
            List<String> before = story.googleEvents();
            assertThat(before).containsExactly(day[0] + "T09:00:00Z Review (series)");
            int links = story.links();

            // switched to the webservice, which shows no series rows: the same one series, nothing written
            story.vtiger.copyDbToWebservice();
            nothingWritten(story.viaRest());
            assertThat(story.googleEvents()).isEqualTo(before);
            assertThat(story.links()).isEqualTo(links);

            // a Google change of the series reaches all five records over the webservice, and nothing comes back
            String series = google().events(story.calendar).stream().filter(j -> j.contains("\"recurrence\"")).findFirst().get()
                    .replaceAll("(?s)^.*?\"id\":\"([^\"]*)\".*$", "$1");
            google().editEvent(story.calendar, series, "{\"summary\":\"Review (room 5)\"}");
            story.viaRest();
            assertThat(story.vtiger.ws.rows().values().stream().map(f -> f.get("subject")).toList()).containsOnly("Review (room 5)").hasSize(5);
            nothingWritten(story.viaRest());
            assertThat(story.googleEvents()).containsExactly(day[0] + "T09:00:00Z Review (room 5) (series)");

            // and back to the database transport: vtiger's series rows are still there, nothing written
            story.vtiger.mirrorWebserviceInDb();
            nothingWritten(story.viaJdbc());
            assertThat(story.googleEvents()).containsExactly(day[0] + "T09:00:00Z Review (room 5) (series)");
            assertThat(story.links()).isEqualTo(links);
            for (int id : ids) assertThat(story.seriesParents(id)).containsExactly((long) ids[0]);
        }
    }

    /** vtiger's "this and following" over JDBC is Google's split (D39); the webservice transport reads the same two series. */
    @Test
    void a_series_split_by_this_and_following_over_jdbc_stays_two_series_through_rest_and_back() throws Exception {
        try (Story story = new Story("dave")) {
            String[] day = mondays(5);
            int[] ids;
            try (Connection c = story.vtiger.db.connect()) {
                ids = VtigerSampleData.addWeeklySeries(c, story.vtiger.users.get("dave"), "Sync", LocalDate.parse(day[0]).atTime(9, 0), 5,
                        LocalDateTime.now(ZoneOffset.UTC).minusHours(1).truncatedTo(ChronoUnit.SECONDS));
            }
            story.viaJdbc();
            // vtiger's UI "this and following" from the 3rd (RepeatEvents::repeat): new values, rule rows from its date
            LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
            for (int i = 2; i < 5; i++) {
                story.vtiger.db.update("UPDATE vtiger_activity SET subject = 'Sync (later)', time_start = '10:00:00', time_end = '11:00:00' WHERE activityid = ?", ids[i]);
                story.vtiger.db.update("UPDATE vtiger_crmentity SET modifiedtime = ?, label = 'Sync (later)' WHERE crmid = ?", now, ids[i]);
                story.vtiger.db.update("UPDATE vtiger_recurringevents SET recurringdate = ? WHERE activityid = ?", LocalDate.parse(day[2]), ids[i]);
            }
            story.viaJdbc();
            List<String> split = List.of(day[0] + "T09:00:00Z Sync (series)", day[2] + "T10:00:00Z Sync (later) (series)");
            assertThat(story.googleEvents()).containsExactlyElementsOf(split);
            story.viaJdbc();   // the series comments of both parts are written on reading; then nothing more
            int links = story.links();

            story.vtiger.copyDbToWebservice();
            nothingWritten(story.viaRest());
            assertThat(story.googleEvents()).containsExactlyElementsOf(split);
            assertThat(story.links()).isEqualTo(links);

            story.vtiger.mirrorWebserviceInDb();
            nothingWritten(story.viaJdbc());
            assertThat(story.googleEvents()).containsExactlyElementsOf(split);
            assertThat(story.links()).isEqualTo(links);
        }
    }
}
