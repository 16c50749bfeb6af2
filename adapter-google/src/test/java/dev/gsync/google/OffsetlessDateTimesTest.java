package dev.gsync.google;

import com.google.api.client.json.JsonFactory;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.Events;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class OffsetlessDateTimesTest {
    private final JsonFactory json = ZoneAwareJsonFactory.around(GsonFactory.getDefaultInstance());

    @Test
    void an_offset_less_date_time_is_read_in_its_own_time_zone() throws IOException {
        Event event = json.fromString("{\"id\":\"a\",\"start\":{\"dateTime\":\"2026-03-10T09:00:00\",\"timeZone\":\"Europe/Berlin\"},"
                + "\"end\":{\"timeZone\":\"America/New_York\",\"dateTime\":\"2026-07-10T09:30:00.250\"}}", Event.class);

        assertThat(Instant.ofEpochMilli(event.getStart().getDateTime().getValue())).isEqualTo(Instant.parse("2026-03-10T08:00:00Z"));
        assertThat(Instant.ofEpochMilli(event.getEnd().getDateTime().getValue())).isEqualTo(Instant.parse("2026-07-10T13:30:00.250Z"));
    }

    @Test
    void values_with_an_offset_all_day_dates_and_zoneless_values_are_left_alone() throws IOException {
        String body = "{\"items\":[{\"id\":\"b\",\"start\":{\"dateTime\":\"2026-03-10T09:00:00-05:00\",\"timeZone\":\"Europe/Berlin\"},"
                + "\"end\":{\"date\":\"2026-03-11\"}},{\"id\":\"c\",\"start\":{\"dateTime\":\"2026-03-10T09:00:00\"},"
                + "\"summary\":\"{\\\"dateTime\\\"\"}]}";

        Events events = json.createJsonParser(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8)
                .parseAndClose(Events.class);

        assertThat(OffsetlessDateTimes.withOffsets("{\"dateTime\":\"2026-03-10T09:00:00Z\",\"timeZone\":\"UTC\"}"))
                .isEqualTo("{\"dateTime\":\"2026-03-10T09:00:00Z\",\"timeZone\":\"UTC\"}");
        assertThat(Instant.ofEpochMilli(events.getItems().get(0).getStart().getDateTime().getValue())).isEqualTo(Instant.parse("2026-03-10T14:00:00Z"));
        assertThat(events.getItems().get(0).getEnd().getDate().toStringRfc3339()).isEqualTo("2026-03-11");
        assertThat(Instant.ofEpochMilli(events.getItems().get(1).getStart().getDateTime().getValue()))
                .as("without a zone there is nothing better than the client's UTC reading").isEqualTo(Instant.parse("2026-03-10T09:00:00Z"));
    }
}
