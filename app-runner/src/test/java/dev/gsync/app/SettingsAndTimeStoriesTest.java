package dev.gsync.app;

import dev.gsync.core.fixtures.MutableClock;
import dev.gsync.core.model.CalendarItem;
import dev.gsync.core.model.Horizon;
import dev.gsync.core.model.HourWindow;
import dev.gsync.core.model.ItemKind;
import dev.gsync.core.model.SyncSettings;
import dev.gsync.core.model.Timing;
import dev.gsync.core.model.UserId;
import dev.gsync.core.port.CrmCalendar;
import dev.gsync.core.port.GoogleCalendar;
import dev.gsync.core.run.RunOptions;
import dev.gsync.core.run.RunReport;
import dev.gsync.core.run.SyncRun;
import dev.gsync.emulator.EmulatedUser;
import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 9 with the real adapters: vtiger's tables on the embedded MariaDB through the JDBC adapter, the Google
 * adapter against the emulator, the JPA state store. Settings changes are re-evaluated (R9), a deselected calendar's
 * links are released (R10), and the horizon moves with the clock (R11). The runs use a clock the test moves; each
 * story has a CRM user and a Google calendar of its own.
 */
class SettingsAndTimeStoriesTest {
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

    /** One user's story: linked to Google, a calendar of their own, settings, and a clock of their own. */
    private static final class Story {
        final UserId user;
        final String calendar;
        final MutableClock clock = new MutableClock(Instant.now());
        SyncSettings settings;

        Story(String crmUser) throws Exception {
            user = UserId.of(crmUser);
            dev.gsync.app.demo.BrowserlessConsent.follow(runner.web.links().connectLink(user));
            assertThat(runner.services.accounts().isLinked(user)).isTrue();
            calendar = google().addCalendar(crmUser + "'s calendar");
            settings = SyncSettings.defaults(UTC).withKinds(HashSet.of(ItemKind.EVENT)).withGoogleCalendars(List.of(calendar));
        }

        RunReport sync() {
            CrmCalendar crm = runner.services.injector().getInstance(CrmCalendars.class).forUser(user).get();
            GoogleCalendar google = runner.services.injector().getInstance(GoogleSide.class).forUser(user, settings);
            RunReport report = new SyncRun(crm, google, runner.services.store(), clock).run(user, settings, RunOptions.DEFAULT);
            assertThat(report.outcome()).as(report.summary()).isEqualTo(RunReport.Outcome.COMPLETED);
            return report;
        }

        /** A one-hour CRM event on that day (days from the story's today) at that hour, UTC. */
        void crmEvent(String title, int days, int hour) {
            runner.addToCrm(user, CalendarItem.event(title, timed(days, hour)));
        }

        Timing.Timed timed(int days, int hour) {
            Instant start = LocalDate.ofInstant(clock.instant(), UTC).plusDays(days).atTime(LocalTime.of(hour, 0)).toInstant(ZoneOffset.UTC);
            return new Timing.Timed(start, start.plus(Duration.ofHours(1)), UTC);
        }

        List<String> googleTitles(String calendarId) {
            return List.ofAll(google().events(calendarId)).filter(json -> !json.contains("\"status\":\"cancelled\""))
                    .map(json -> json.replaceAll("(?s).*\"summary\":\"([^\"]*)\".*", "$1")).sorted();
        }

        List<String> crmTitles() {
            return runner.crmTitles(user);
        }
    }

    /** A vtiger user of its own for a story (the fixture's five are taken by the stories above). */
    private static String newCrmUser(String name) throws Exception {
        var config = runner.services.config();
        try (var c = java.sql.DriverManager.getConnection(config.get(dev.gsync.app.config.ConfigKey.CRM_JDBC_URL),
                config.get(dev.gsync.app.config.ConfigKey.CRM_JDBC_USER), config.get(dev.gsync.app.config.ConfigKey.CRM_JDBC_PASSWORD))) {
            dev.gsync.vtiger.jdbc.VtigerSampleData.addUser(c, name, name + "@example.com", name, "Tester", "UTC");
        }
        return name;
    }

    private static EmulatedUser google() {
        return runner.emulator.user(RunnerFixture.GOOGLE_ACCOUNT);
    }

    @Test
    void a_widened_hour_window_brings_the_event_it_skipped() throws Exception {
        Story story = new Story("alice");
        story.settings = story.settings.with(new HourWindow(LocalTime.of(8, 0), LocalTime.of(20, 0)));
        story.crmEvent("Dinner with the Rossis", 1, 21);
        story.sync();
        assertThat(story.googleTitles(story.calendar)).isEmpty();   // 21:00-22:00 is outside 08:00-20:00

        story.settings = story.settings.with(HourWindow.WHOLE_DAY);
        RunReport widened = story.sync();

        assertThat(story.googleTitles(story.calendar)).containsExactly("Dinner with the Rossis");
        assertThat(widened.notes()).anyMatch(n -> n.contains("R9"));
        story.sync();
        assertThat(story.googleTitles(story.calendar)).containsExactly("Dinner with the Rossis");
    }

    @Test
    void a_narrowed_hour_window_removes_the_mirror_and_keeps_the_original() throws Exception {
        Story story = new Story("bob");
        story.crmEvent("Morning review", 1, 10);
        story.sync();
        assertThat(story.googleTitles(story.calendar)).containsExactly("Morning review");

        story.settings = story.settings.with(new HourWindow(LocalTime.of(12, 0), LocalTime.of(20, 0)));
        story.sync();

        assertThat(story.googleTitles(story.calendar)).isEmpty();
        assertThat(story.crmTitles()).containsExactly("Morning review");
        assertThat(runner.services.store().linkCount(story.user)).isZero();
    }

    @Test
    void items_entering_the_horizon_as_days_pass_are_synced_both_ways_without_an_edit() throws Exception {
        Story story = new Story("carol");
        story.settings = story.settings.with(new Horizon(1, 5));
        story.crmEvent("Quarterly planning", 7, 9);
        Instant googleStart = story.timed(7, 14).start();
        google().seedEvent(story.calendar, "{\"summary\":\"Supplier visit\",\"start\":{\"dateTime\":\"" + googleStart
                + "\"},\"end\":{\"dateTime\":\"" + googleStart.plus(Duration.ofHours(1)) + "\"}}");
        story.sync();
        assertThat(story.googleTitles(story.calendar)).containsExactly("Supplier visit");   // both lie 7 days ahead:
        assertThat(story.crmTitles()).containsExactly("Quarterly planning");               // beyond a 5-day horizon
        story.clock.advance(Duration.ofDays(1));
        story.sync();
        assertThat(story.crmTitles()).containsExactly("Quarterly planning");                // 6 days ahead: still beyond

        story.clock.advance(Duration.ofDays(1));                                               // the edge passes them
        RunReport entered = story.sync();

        assertThat(story.googleTitles(story.calendar)).containsExactly("Quarterly planning", "Supplier visit");
        assertThat(story.crmTitles()).containsExactly("Quarterly planning", "Supplier visit");
        assertThat(entered.notes()).anyMatch(n -> n.contains("entered the horizon"));
    }

    @Test
    void a_switched_calendar_gets_the_items_once_and_nothing_is_deleted() throws Exception {
        Story story = new Story("dave");
        story.crmEvent("Board meeting", 2, 9);
        story.crmEvent("Site visit", 3, 15);
        story.sync();
        assertThat(story.googleTitles(story.calendar)).containsExactly("Board meeting", "Site visit");

        String team = google().addCalendar("dave's team calendar");
        story.settings = story.settings.withGoogleCalendars(List.of(team));
        RunReport switched = story.sync();
        story.sync();

        assertThat(story.googleTitles(team)).containsExactly("Board meeting", "Site visit");
        assertThat(story.googleTitles(story.calendar)).containsExactly("Board meeting", "Site visit");   // left as it was
        assertThat(story.crmTitles()).containsExactly("Board meeting", "Site visit");
        assertThat(switched.entries()).noneMatch(e -> e.action() == RunReport.Action.DELETED);
        assertThat(runner.services.store().linkCount(story.user)).isEqualTo(2);
    }

    @Test
    void a_calendar_selected_again_adopts_the_copies_left_there_and_duplicates_nothing() throws Exception {
        Story story = new Story(newCrmUser("frank"));
        story.crmEvent("Board meeting", 2, 9);
        story.crmEvent("Site visit", 3, 15);
        Timing.Timed lunch = story.timed(2, 12);
        google().seedEvent(story.calendar, "{\"summary\":\"Team lunch\",\"start\":{\"dateTime\":\"" + lunch.start()
                + "\"},\"end\":{\"dateTime\":\"" + lunch.end() + "\"}}");
        story.sync();
        assertThat(story.googleTitles(story.calendar)).containsExactly("Board meeting", "Site visit", "Team lunch");

        String team = google().addCalendar("frank's team calendar");
        story.settings = story.settings.withGoogleCalendars(List.of(team));   // deselected: links released (R10)
        RunReport deselected = story.sync();
        story.settings = story.settings.withGoogleCalendars(List.of(story.calendar));   // selected again
        RunReport again = story.sync();
        RunReport next = story.sync();

        assertThat(story.googleTitles(story.calendar)).as("no second copies").containsExactly("Board meeting", "Site visit", "Team lunch");
        assertThat(story.crmTitles()).containsExactly("Board meeting", "Site visit", "Team lunch");
        assertThat(story.googleTitles(team)).as("no longer synced: left as it is").containsExactly("Board meeting", "Site visit");
        assertThat(List.of(deselected, again, next).flatMap(RunReport::entries)).noneMatch(e -> e.action() == RunReport.Action.DELETED);
        assertThat(next.entries()).as(next.summary()).isEmpty();
        assertThat(runner.services.store().linkCount(story.user)).isEqualTo(3);
    }

    @Test
    void a_vanished_calendar_then_primary_selected_deletes_nothing_and_holds_nothing() throws Exception {
        Story story = new Story(newCrmUser("gina"));
        for (int i = 1; i <= 6; i++) story.crmEvent("Visit " + i, 1 + i % 3, 8 + i);
        story.sync();
        assertThat(story.googleTitles(story.calendar)).hasSize(6);

        // the calendar is deleted in Google (by its owner, over the API)
        HttpResponse<String> gone = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(runner.emulator.rootUrl()
                        + "calendar/v3/calendars/" + URLEncoder.encode(story.calendar, StandardCharsets.UTF_8)))
                .header("Authorization", "Bearer " + google().accessToken()).DELETE().timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(gone.statusCode()).isEqualTo(204);
        story.settings = story.settings.withGoogleCalendars(List.of(SyncSettings.PRIMARY_CALENDAR));
        RunReport first = story.sync();
        RunReport second = story.sync();

        assertThat(story.crmTitles()).as("nothing deleted in the CRM").hasSize(6);
        assertThat(story.googleTitles(google().primaryCalendarId()).filter(t -> t.startsWith("Visit "))).as("mirrored into primary, once")
                .containsExactly("Visit 1", "Visit 2", "Visit 3", "Visit 4", "Visit 5", "Visit 6");
        assertThat(List.of(first, second).flatMap(RunReport::entries)).noneMatch(e -> e.action() == RunReport.Action.DELETED);
        assertThat(runner.services.store().heldDeletion(story.user)).as("no deletion held").isEmpty();
        assertThat(second.entries()).as(second.summary()).isEmpty();
    }
}
