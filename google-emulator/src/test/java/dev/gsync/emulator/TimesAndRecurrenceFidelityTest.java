package dev.gsync.emulator;

import com.google.api.client.http.ByteArrayContent;
import com.google.api.client.http.GenericUrl;
import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.Event;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Where checks against Google's documented answers found the emulator unfaithful (issue 15, point 3). */
class TimesAndRecurrenceFidelityTest {
    private static GoogleEmulator google;
    private static Calendar calendar;

    @BeforeAll
    static void start() {
        google = GoogleEmulator.start(EmulatorSettings.defaults().withoutQuota());
        calendar = GoogleClients.calendar(google, google.user("fidelity@example.com").accessToken());
    }

    @AfterAll
    static void stop() { google.stop(); }

    /** The Java client's DateTime always writes an offset, so the offset-less body goes out through its request factory. */
    private static Event insertRaw(String json) throws IOException {
        return calendar.getRequestFactory()
                .buildPostRequest(new GenericUrl(google.rootUrl() + "calendar/v3/calendars/primary/events"),
                        new ByteArrayContent("application/json", json.getBytes(StandardCharsets.UTF_8)))
                .setParser(GoogleClients.JSON.createJsonObjectParser()).execute().parseAs(Event.class);
    }

    private static String rawDateTime(String eventId, String field) throws IOException {
        String json = calendar.events().get("primary", eventId).executeUnparsed().parseAsString();
        return Json.parseObject(json).get(field).get("dateTime").asText();
    }

    @Test
    void a_timed_date_time_sent_without_offset_comes_back_with_the_offset_of_its_time_zone() throws IOException {
        Event winter = insertRaw("{\"summary\":\"Winter\",\"start\":{\"dateTime\":\"2026-03-10T09:00:00\",\"timeZone\":\"Europe/Berlin\"},"
                + "\"end\":{\"dateTime\":\"2026-03-10T10:00:00\",\"timeZone\":\"Europe/Berlin\"}}");
        Event summer = insertRaw("{\"summary\":\"Summer\",\"start\":{\"dateTime\":\"2026-07-10T09:00:00\",\"timeZone\":\"Europe/Berlin\"},"
                + "\"end\":{\"dateTime\":\"2026-07-10T10:00:00\",\"timeZone\":\"Europe/Berlin\"}}");
        Event withOffset = calendar.events().insert("primary", GoogleClients.meeting("As sent", "2026-03-10T09:00:00-05:00")).execute();

        assertThat(rawDateTime(winter.getId(), "start")).isEqualTo("2026-03-10T09:00:00+01:00");
        assertThat(rawDateTime(winter.getId(), "end")).isEqualTo("2026-03-10T10:00:00+01:00");
        assertThat(rawDateTime(summer.getId(), "start")).isEqualTo("2026-07-10T09:00:00+02:00");
        assertThat(winter.getStart().getDateTime().getValue()).isEqualTo(java.time.Instant.parse("2026-03-10T08:00:00Z").toEpochMilli());
        assertThat(winter.getStart().getDateTime().getTimeZoneShift()).isEqualTo(60);
        assertThat(withOffset.getStart().getDateTime().getTimeZoneShift()).as("an offset sent is kept").isEqualTo(-300);
    }

    @Test
    void an_update_without_offset_also_gets_the_offset() throws IOException {
        Event event = calendar.events().insert("primary", GoogleClients.meeting("Moved", "2026-04-01T09:00:00Z")).execute();
        calendar.getRequestFactory()
                .buildPutRequest(new GenericUrl(google.rootUrl() + "calendar/v3/calendars/primary/events/" + event.getId()),
                        new ByteArrayContent("application/json", ("{\"summary\":\"Moved\",\"start\":{\"dateTime\":\"2026-04-02T09:00:00\",\"timeZone\":\"America/New_York\"},"
                                + "\"end\":{\"dateTime\":\"2026-04-02T10:00:00\",\"timeZone\":\"America/New_York\"}}").getBytes(StandardCharsets.UTF_8)))
                .execute();

        assertThat(rawDateTime(event.getId(), "start")).isEqualTo("2026-04-02T09:00:00-04:00");
    }

    @Test
    void a_finite_series_far_in_the_future_has_all_its_instances() throws IOException {
        Event counted = calendar.events().insert("primary", zoned(GoogleClients.meeting("Counted 2030", "2030-06-03T10:00:00+02:00")
                .setRecurrence(List.of("RRULE:FREQ=WEEKLY;COUNT=3")))).execute();
        Event until = calendar.events().insert("primary", zoned(GoogleClients.meeting("Until 2031", "2031-01-06T10:00:00+01:00")
                .setRecurrence(List.of("RRULE:FREQ=DAILY;UNTIL=20310108T235959Z")))).execute();

        List<Event> countedInstances = calendar.events().instances("primary", counted.getId()).execute().getItems();
        List<Event> expanded = calendar.events().list("primary").setSingleEvents(true).setQ("2031").execute().getItems();
        Event third = calendar.events().get("primary", counted.getId() + "_20300617T080000Z").execute();

        assertThat(countedInstances).extracting(e -> e.getId().substring(e.getId().indexOf('_') + 1))
                .containsExactly("20300603T080000Z", "20300610T080000Z", "20300617T080000Z");
        assertThat(expanded).extracting(Event::getRecurringEventId).containsOnly(until.getId());
        assertThat(expanded).hasSize(3);
        assertThat(third.getRecurringEventId()).isEqualTo(counted.getId());
    }

    @Test
    void an_endless_series_starting_years_ahead_is_expanded_from_its_start() throws IOException {
        Event endless = calendar.events().insert("primary", zoned(GoogleClients.meeting("Endless 2035", "2035-01-01T10:00:00+01:00")
                .setRecurrence(List.of("RRULE:FREQ=MONTHLY")))).execute();

        List<Event> instances = calendar.events().instances("primary", endless.getId()).execute().getItems();

        assertThat(instances).hasSizeBetween(24, Recurrences.MAX_INSTANCES);
        assertThat(instances.get(0).getId()).endsWith("_20350101T090000Z");
    }

    private static Event zoned(Event event) {
        event.getStart().setTimeZone("Europe/Zurich");
        event.getEnd().setTimeZone("Europe/Zurich");
        return event;
    }
}
