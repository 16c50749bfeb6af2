package dev.gsync.app;

import dev.gsync.core.model.ItemKind;
import dev.gsync.core.model.SyncSettings;
import dev.gsync.core.model.UserId;
import dev.gsync.core.port.CrmCalendar;
import dev.gsync.core.port.GoogleCalendar;
import dev.gsync.core.run.RunOptions;
import dev.gsync.core.run.RunReport;
import dev.gsync.core.run.SyncRun;
import dev.gsync.emulator.EmulatedUser;
import dev.gsync.vtiger.jdbc.VtigerSampleData;
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
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14, item 4 (JDBC) end to end: a weekly series made as vtiger 8.4's UI makes it (one record per occurrence,
 * vtiger-facts.md §8) on the embedded MariaDB, the JDBC adapter, the real Google client against the emulator. vtiger's
 * UI edits reach Google: "this occurrence only" as that instance, "this and following" as the following instances
 * (exceptions of the Google series), "all" as a change of the Google series.
 */
class VtigerUiSeriesEditsTest {
    private static final ZoneId UTC = ZoneId.of("UTC");
    private static RunnerFixture runner;

    @BeforeAll
    static void start() {
        runner = new RunnerFixture(true, true);
    }

    @AfterAll
    static void stop() throws Exception {
        if (runner != null) runner.close();
    }

    private static EmulatedUser google() {
        return runner.emulator.user(RunnerFixture.GOOGLE_ACCOUNT);
    }

    private static Connection vtiger() throws SQLException {
        return DriverManager.getConnection(runner.services.config().get(dev.gsync.app.config.ConfigKey.CRM_JDBC_URL), "root", "");
    }

    private static void sql(String statement, Object... params) {
        try (Connection c = vtiger(); PreparedStatement ps = c.prepareStatement(statement)) {
            for (int i = 0; i < params.length; i++) ps.setObject(i + 1, params[i]);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int vtigerUserId(String name) throws SQLException {
        try (Connection c = vtiger(); PreparedStatement ps = c.prepareStatement("SELECT id FROM vtiger_users WHERE user_name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private record Story(UserId user, String calendar, SyncSettings settings) {
        RunReport sync() {
            CrmCalendar crm = runner.services.injector().getInstance(CrmCalendars.class).forUser(user).get();
            GoogleCalendar g = runner.services.injector().getInstance(GoogleSide.class).forUser(user, settings);
            RunReport report = new SyncRun(crm, g, runner.services.store(), Clock.systemUTC()).run(user, settings, RunOptions.DEFAULT);
            assertThat(report.outcome()).as(report.summary()).isEqualTo(RunReport.Outcome.COMPLETED);
            assertThat(report.failures()).as(report.summary()).isEmpty();
            return report;
        }

        /** The calendar's live events as "start summary" (series master marked with its RRULE, exceptions with their original start). */
        List<String> googleEvents() {
            return List.ofAll(google().events(calendar)).filter(json -> !json.contains("\"status\":\"cancelled\""))
                    .map(json -> field(json, "dateTime", "start").replace(".000Z", "Z") + " " + field(json, "summary", null)
                            + (json.contains("\"recurrence\"") ? " (series)" : "")
                            + (json.contains("\"originalStartTime\"") ? " (instance of " + field(json, "dateTime", "originalStartTime").replace(".000Z", "Z") + ")" : ""))
                    .sorted();
        }
    }

    /** A crude reader for the emulator's JSON: the value of {@code key}, inside the object named {@code within} if given. */
    private static String field(String json, String key, String within) {
        String from = within == null ? json : json.substring(json.indexOf("\"" + within + "\""));
        return from.replaceAll("(?s)^.*?\"" + key + "\":\"([^\"]*)\".*$", "$1");
    }

    private static Story story(String crmUser) throws Exception {
        UserId user = UserId.of(crmUser);
        dev.gsync.app.demo.BrowserlessConsent.follow(runner.web.links().connectLink(user));
        assertThat(runner.services.accounts().isLinked(user)).isTrue();
        String calendar = google().addCalendar(crmUser + "'s calendar");
        return new Story(user, calendar, SyncSettings.defaults(UTC).withKinds(HashSet.of(ItemKind.EVENT)).withGoogleCalendars(List.of(calendar)));
    }

    /** vtiger's UI edit of members {@code from}.. of a series: subject and times (UTC) change, links and rule rows stay. */
    private static void editFrom(int[] ids, int from, String subject, String start, String end) {
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        for (int i = from; i < ids.length; i++) {
            sql("UPDATE vtiger_activity SET subject = ?, time_start = ?, time_end = ? WHERE activityid = ?", subject, start, end, ids[i]);
            sql("UPDATE vtiger_crmentity SET modifiedtime = ?, label = ? WHERE crmid = ?", now, subject, ids[i]);
        }
    }

    /**
     * vtiger's UI "this and following" from member {@code from} (RepeatEvents::repeat, docs/vtiger-jdbc.md): those
     * members change, and each one's rule row is written again with the edited member's date as its start.
     */
    private static void editFollowing(int[] ids, int from, String subject, String start, String end) {
        editFrom(ids, from, subject, start, end);
        for (int i = from; i < ids.length; i++) {
            sql("UPDATE vtiger_recurringevents SET recurringdate = (SELECT date_start FROM vtiger_activity WHERE activityid = ?) WHERE activityid = ?", ids[from], ids[i]);
        }
    }

    /** vtiger's UI "all": every member changes, every rule row starts at the series' start (the parent's date) again. */
    private static void editAll(int[] ids, String subject, String start, String end) {
        editFollowing(ids, 0, subject, start, end);
    }

    @Test
    void this_and_following_reaches_google_as_a_split_and_all_joins_it_again() throws Exception {
        Story story = story("bob");
        LocalDate monday = LocalDate.now(UTC).plusWeeks(1).with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
        int[] ids;
        try (Connection c = vtiger()) {
            ids = VtigerSampleData.addWeeklySeries(c, vtigerUserId("bob"), "Standup", monday.atTime(9, 0), 5,
                    LocalDateTime.now(ZoneOffset.UTC).minusHours(1).truncatedTo(ChronoUnit.SECONDS));
        }
        String[] day = new String[5];
        for (int i = 0; i < 5; i++) day[i] = monday.plusWeeks(i).toString();

        story.sync();
        assertThat(story.googleEvents()).containsExactly(day[0] + "T09:00:00Z Standup (series)");

        // "this and following" from the 4th: new title and an hour later for the 4th and the 5th -> Google's split
        editFollowing(ids, 3, "Standup (new time)", "10:00:00", "11:00:00");
        story.sync();
        assertThat(story.googleEvents()).containsExactly(
                day[0] + "T09:00:00Z Standup (series)",
                day[3] + "T10:00:00Z Standup (new time) (series)");
        String until = "UNTIL=" + monday.plusWeeks(3).minusDays(1).toString().replace("-", "") + "T235959Z";
        assertThat(List.ofAll(google().events(story.calendar())).filter(json -> json.contains("\"summary\":\"Standup\"")))
                .as("the first part ends the day before the edited occurrence").singleElement().asString().contains(until);
        assertThat(story.sync().counts(dev.gsync.core.model.Side.GOOGLE).updated()).as("settled").isZero();

        // "all" from the 2nd: every member takes the new values and the series' start again -> one series in Google
        editAll(ids, "Standup (all)", "08:00:00", "08:30:00");
        story.sync();
        assertThat(story.googleEvents()).containsExactly(day[0] + "T08:00:00Z Standup (all) (series)");
        assertThat(story.sync().counts(dev.gsync.core.model.Side.GOOGLE).updated()).as("settled").isZero();
    }

    /**
     * D35: vtiger's UI "delete this occurrence only" (vtiger-facts.md §8.4): deleted=1, its link and rule rows removed.
     * Each story needs a CRM user of its own (the JDBC adapter syncs all of a user's records into the story's calendar).
     */
    @Test
    void a_delete_of_this_occurrence_only_takes_exactly_that_occurrence_out_of_the_google_series() throws Exception {
        Story story = story("alice");
        LocalDate wednesday = LocalDate.now(UTC).plusWeeks(1).with(TemporalAdjusters.nextOrSame(DayOfWeek.WEDNESDAY));
        int[] ids;
        try (Connection c = vtiger()) {
            ids = VtigerSampleData.addWeeklySeries(c, vtigerUserId("alice"), "Planning", wednesday.atTime(13, 0), 4,
                    LocalDateTime.now(ZoneOffset.UTC).minusHours(1).truncatedTo(ChronoUnit.SECONDS));
        }
        story.sync();
        story.sync();

        sql("UPDATE vtiger_crmentity SET deleted = 1, modifiedtime = ? WHERE crmid = ?", LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS), ids[1]);
        sql("DELETE FROM vtiger_activity_recurring_info WHERE recurrenceid = ?", ids[1]);
        sql("DELETE FROM vtiger_recurringevents WHERE activityid = ?", ids[1]);
        RunReport next = story.sync();

        String master = List.ofAll(google().events(story.calendar())).find(json -> json.contains("\"recurrence\"")).get();
        assertThat(story.googleEvents()).as(next.summary()).containsExactly(wednesday + "T13:00:00Z Planning (series)");
        assertThat(master).contains("EXDATE", wednesday.plusWeeks(1).toString().replace("-", "") + "T130000Z")
                .doesNotContain(wednesday.toString().replace("-", "") + "T130000Z", wednesday.plusWeeks(2).toString().replace("-", "") + "T130000Z");
        RunReport settled = story.sync();
        assertThat(settled.counts(dev.gsync.core.model.Side.GOOGLE).updated() + settled.counts(dev.gsync.core.model.Side.CRM).updated()
                + settled.counts(dev.gsync.core.model.Side.CRM).deleted()).as(settled.summary()).isZero();
    }

    @Test
    void an_all_edit_reaches_google_as_a_change_of_the_series() throws Exception {
        Story story = story("carol");
        LocalDate monday = LocalDate.now(UTC).plusWeeks(1).with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
        int[] ids;
        try (Connection c = vtiger()) {
            ids = VtigerSampleData.addWeeklySeries(c, vtigerUserId("carol"), "Review", monday.atTime(9, 0), 3,
                    LocalDateTime.now(ZoneOffset.UTC).minusHours(1).truncatedTo(ChronoUnit.SECONDS));
        }
        story.sync();

        editFrom(ids, 0, "Review (all)", "08:00:00", "08:30:00");
        story.sync();

        assertThat(story.googleEvents()).containsExactly(monday + "T08:00:00Z Review (all) (series)");
    }

    /** vtiger-facts.md §8 item 3: an "all" edit overwrites an earlier single-occurrence edit; Google's exception follows. */
    @Test
    void an_all_edit_after_a_single_occurrence_edit_puts_that_occurrence_back_in_line_in_google() throws Exception {
        Story story = story("dave");
        LocalDate monday = LocalDate.now(UTC).plusWeeks(1).with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
        int[] ids;
        try (Connection c = vtiger()) {
            ids = VtigerSampleData.addWeeklySeries(c, vtigerUserId("dave"), "Sync", monday.atTime(9, 0), 3,
                    LocalDateTime.now(ZoneOffset.UTC).minusHours(1).truncatedTo(ChronoUnit.SECONDS));
        }
        story.sync();
        editFrom(ids, 2, "Sync (moved)", "11:00:00", "12:00:00");   // "this occurrence only" of the 3rd (the last)
        story.sync();
        assertThat(story.googleEvents()).contains(monday.plusWeeks(2) + "T11:00:00Z Sync (moved) (instance of " + monday.plusWeeks(2) + "T09:00:00Z)");

        editFrom(ids, 0, "Sync (all)", "08:00:00", "08:30:00");   // "all": the 3rd is put back in line
        story.sync();

        assertThat(story.googleEvents()).as("the series and every instance Google shows carry the new values")
                .allMatch(e -> e.contains("T08:00:00Z Sync (all)"), "at 08:00, titled 'Sync (all)'")
                .contains(monday + "T08:00:00Z Sync (all) (series)");
        assertThat(story.sync().counts(dev.gsync.core.model.Side.GOOGLE).updated()).as("settled").isZero();
    }

    /** A single-occurrence edit, then "this and following" from an earlier occurrence: the old exception must not stay. */
    @Test
    void this_and_following_over_an_earlier_single_occurrence_edit_leaves_no_old_exception_in_google() throws Exception {
        Story story = story("erin");
        LocalDate monday = LocalDate.now(UTC).plusWeeks(1).with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
        int[] ids;
        try (Connection c = vtiger()) {
            ids = VtigerSampleData.addWeeklySeries(c, vtigerUserId("erin"), "Plan", monday.atTime(9, 0), 4,
                    LocalDateTime.now(ZoneOffset.UTC).minusHours(1).truncatedTo(ChronoUnit.SECONDS));
        }
        String[] day = new String[4];
        for (int i = 0; i < 4; i++) day[i] = monday.plusWeeks(i).toString();
        story.sync();
        editFrom(ids, 3, "Plan (moved)", "12:00:00", "13:00:00");   // "this occurrence only" of the 4th: its own rule row
        sql("UPDATE vtiger_recurringevents SET recurringdate = ? WHERE activityid = ?", day[3], ids[3]);
        story.sync();
        assertThat(story.googleEvents()).contains(day[3] + "T12:00:00Z Plan (moved) (instance of " + day[3] + "T09:00:00Z)");

        editFollowing(ids, 1, "Plan (later)", "10:00:00", "11:00:00");   // from the 2nd: the 4th is re-saved with the rest
        story.sync();

        assertThat(story.googleEvents()).containsExactly(day[0] + "T09:00:00Z Plan (series)", day[1] + "T10:00:00Z Plan (later) (series)");
        // the old exception was deleted in Google: Google then reads it as an EXDATE of the first series (D34), past
        // its UNTIL, which the next run writes to vtiger once (nothing changes there); then quiet
        story.sync();
        RunReport settled = story.sync();
        assertThat(settled.counts(dev.gsync.core.model.Side.GOOGLE).updated() + settled.counts(dev.gsync.core.model.Side.GOOGLE).created()
                + settled.counts(dev.gsync.core.model.Side.CRM).updated() + settled.counts(dev.gsync.core.model.Side.CRM).deleted()).as(settled.summary()).isZero();
        assertThat(story.googleEvents()).containsExactly(day[0] + "T09:00:00Z Plan (series)", day[1] + "T10:00:00Z Plan (later) (series)");
    }
}
