package dev.gsync.emulator;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.Events;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RecurringEventsTest {
    private static GoogleEmulator google;

    @BeforeAll
    static void start() { google = GoogleEmulator.start(EmulatorSettings.defaults().withoutQuota()); }

    @AfterAll
    static void stop() { google.stop(); }

    @Test
    void a_series_keeps_its_exceptions_apart_and_single_events_expands_it() throws IOException {
        EmulatedUser ann = google.user("series@example.com");
        Calendar calendar = GoogleClients.calendar(google, ann.accessToken());
        Event weekly = GoogleClients.meeting("Weekly", "2026-06-01T10:00:00+02:00").setRecurrence(List.of("RRULE:FREQ=WEEKLY;COUNT=5"));
        GoogleJsonResponseException withoutZone = GoogleClients.failure(() -> calendar.events().insert("primary", weekly).execute());
        weekly.getStart().setTimeZone("Europe/Zurich");
        weekly.getEnd().setTimeZone("Europe/Zurich");
        Event series = calendar.events().insert("primary", weekly).execute();

        List<Event> occurrences = calendar.events().instances("primary", series.getId()).execute().getItems();
        Event moved = occurrences.get(1);
        calendar.events().patch("primary", moved.getId(), new Event().setSummary("Weekly, special")).execute();
        calendar.events().delete("primary", occurrences.get(2).getId()).execute();

        Events stored = calendar.events().list("primary").execute();
        Events expanded = calendar.events().list("primary").setSingleEvents(true).setOrderBy("startTime").execute();

        assertThat(withoutZone.getStatusCode()).as("recurring events need a time zone").isEqualTo(400);
        assertThat(occurrences).hasSize(5);
        assertThat(occurrences.get(0).getId()).isEqualTo(series.getId() + "_20260601T080000Z");
        assertThat(occurrences).allSatisfy(o -> assertThat(o.getRecurringEventId()).isEqualTo(o.getId().substring(0, o.getId().indexOf('_'))));
        assertThat(stored.getItems()).extracting(Event::getId)
                .containsExactlyInAnyOrder(series.getId(), moved.getId(), occurrences.get(2).getId());
        assertThat(stored.getItems()).filteredOn(e -> e.getId().equals(occurrences.get(2).getId()))
                .singleElement().satisfies(cancelled -> {
                    assertThat(cancelled.getStatus()).isEqualTo("cancelled");
                    assertThat(cancelled.getOriginalStartTime().getDateTime().getValue())
                            .isEqualTo(occurrences.get(2).getStart().getDateTime().getValue());
                });
        assertThat(expanded.getItems()).extracting(Event::getSummary)
                .containsExactly("Weekly", "Weekly, special", "Weekly", "Weekly");
        assertThat(expanded.getNextSyncToken()).as("no sync token with orderBy=startTime").isNull();
    }
}
