package dev.gsync.google;

import dev.gsync.core.model.UserId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GoogleCalendarDirectoryTest {
    private EmulatedGoogle google;
    private GoogleCalendarDirectory directory;

    @BeforeEach
    void start() {
        google = EmulatedGoogle.start();
        directory = new GoogleCalendarDirectory(google.config, google.authorization, new com.google.api.client.http.javanet.NetHttpTransport(),
                com.google.api.client.json.gson.GsonFactory.getDefaultInstance());
    }

    @AfterEach
    void stop() {
        google.close();
    }

    @Test
    void the_list_shows_each_calendar_with_the_users_access_role_and_colour_primary_first() {
        UserId ann = google.link("ann@example.com");
        var boss = google.emulator.user("boss@example.com");
        String team = boss.addCalendar("Team");
        String holidays = boss.addCalendar("Holidays");
        boss.shareCalendar(team, "ann@example.com", "writer");
        boss.shareCalendar(holidays, "ann@example.com", "reader");

        var calendars = directory.calendarsOf(ann).get();

        assertThat(calendars.head().primary()).isTrue();
        assertThat(calendars.head().writable()).isTrue();
        var byId = calendars.toMap(GoogleCalendarDirectory.Entry::id, e -> e);
        assertThat(byId.get(team).get().accessRole()).isEqualTo("writer");
        assertThat(byId.get(team).get().writable()).isTrue();
        assertThat(byId.get(holidays).get().accessRole()).isEqualTo("reader");
        assertThat(byId.get(holidays).get().writable()).isFalse();
        assertThat(byId.get(holidays).get().summary()).isEqualTo("Holidays");
        assertThat(byId.get(holidays).get().colour()).startsWith("#");
    }

    @Test
    void an_unlinked_user_gets_a_reason_not_an_exception() {
        assertThat(directory.calendarsOf(UserId.of("nobody")).getLeft()).contains("not linked");
    }
}
