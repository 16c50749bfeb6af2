package dev.gsync.google;

import dev.gsync.core.model.SyncSettings;
import dev.gsync.core.model.Version;
import dev.gsync.core.port.CalendarFailure;
import dev.gsync.core.port.Write;
import io.vavr.collection.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The access role of each calendar comes from Google at each run; a refusal met while writing counts too. */
class GoogleReadOnlyCalendarTest {
    private static final String EVENT = "{\"summary\":\"Board meeting\",\"start\":{\"dateTime\":\"2026-12-10T10:00:00Z\"},\"end\":{\"dateTime\":\"2026-12-10T11:00:00Z\"}}";
    private EmulatedGoogle google;

    @BeforeEach
    void start() {
        google = EmulatedGoogle.start();
    }

    @AfterEach
    void stop() {
        google.close();
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        assertThat(m.find()).as(json).isTrue();
        return m.group(1);
    }

    @Test
    void events_of_a_read_only_calendar_may_not_be_written_and_a_downgrade_met_while_writing_counts_too() {
        google.link("ann@example.com");
        var boss = google.user("boss@example.com");
        String team = boss.addCalendar("Team");
        String holidays = boss.addCalendar("Holidays");
        boss.shareCalendar(team, "ann@example.com", "writer");
        boss.shareCalendar(holidays, "ann@example.com", "reader");
        String teamEvent = boss.seedEvent(team, EVENT);
        String holidayEvent = boss.seedEvent(holidays, EVENT);
        SyncSettings settings = SyncSettings.defaults(ZoneId.of("UTC")).withGoogleCalendars(List.of("primary", team, holidays));
        GoogleApiCalendar run = google.adapter("ann@example.com", settings);
        var onTeam = GoogleIds.event(team, field(teamEvent, "id"));

        assertThat(run.mayWrite(GoogleIds.event(holidays, field(holidayEvent, "id")))).isFalse();
        assertThat(run.mayWrite(onTeam)).isTrue();

        // the owner downgrades the share while this run goes on: Google refuses, and the calendar counts as read-only
        boss.shareCalendar(team, "ann@example.com", "reader");
        var refused = run.write(new Write.Delete(onTeam, Version.of(field(teamEvent, "etag"))));

        assertThat(refused.getLeft()).isInstanceOf(CalendarFailure.Rejected.class);
        assertThat(refused.getLeft().describe()).contains("requiredAccessLevel");
        assertThat(run.mayWrite(onTeam)).isFalse();
        assertThat(google.adapter("ann@example.com", settings).mayWrite(onTeam)).as("the next run reads the role again").isFalse();
    }
    @Test
    void the_role_comes_with_the_event_listing_the_run_reads_anyway() {
        google.link("ann@example.com");
        var boss = google.user("boss@example.com");
        String holidays = boss.addCalendar("Holidays");
        boss.shareCalendar(holidays, "ann@example.com", "reader");
        String holidayEvent = boss.seedEvent(holidays, EVENT);
        SyncSettings settings = SyncSettings.defaults(ZoneId.of("UTC")).withGoogleCalendars(List.of("primary", holidays));
        GoogleApiCalendar run = google.adapter("ann@example.com", settings);
        assertThat(EmulatedGoogle.drain(run, dev.gsync.core.port.Cursor.START).isRight()).isTrue();
        long roleReadsBefore = google.emulator.stats().callsOf("calendar.calendarList.get");

        assertThat(run.mayWrite(GoogleIds.event(holidays, field(holidayEvent, "id")))).isFalse();
        assertThat(run.mayWrite(GoogleIds.event("primary", "e1"))).isTrue();
        assertThat(google.emulator.stats().callsOf("calendar.calendarList.get")).as("no separate role read").isEqualTo(roleReadsBefore);
    }
}
