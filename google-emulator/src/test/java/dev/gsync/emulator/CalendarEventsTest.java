package dev.gsync.emulator;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.HttpHeaders;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.client.util.Data;
import com.google.api.client.util.DateTime;
import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.EventDateTime;
import com.google.api.services.calendar.model.Events;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static dev.gsync.emulator.GoogleClients.failure;
import static dev.gsync.emulator.GoogleClients.meeting;
import static org.assertj.core.api.Assertions.assertThat;

class CalendarEventsTest {
    private static GoogleEmulator google;

    @BeforeAll
    static void start() { google = GoogleEmulator.start(EmulatorSettings.defaults().withoutQuota()); }

    @AfterAll
    static void stop() { google.stop(); }

    private static Calendar clientOf(String email) { return GoogleClients.calendar(google, google.user(email).accessToken()); }

    @Test
    void an_event_goes_through_insert_get_list_update_and_delete() throws IOException {
        Calendar calendar = clientOf("round.trip@example.com");

        Event created = calendar.events().insert("primary", meeting("Demo", "2026-03-02T10:00:00+01:00")
                .setDescription("<b>agenda</b>")).setSendUpdates("none").execute();
        Event fetched = calendar.events().get("primary", created.getId()).execute();
        String fetchedSummary = fetched.getSummary();
        Events listed = calendar.events().list("primary").execute();
        Event updated = calendar.events().update("primary", created.getId(), fetched.setSummary("Demo, moved")
                .setStart(new EventDateTime().setDateTime(new DateTime("2026-03-02T11:00:00+01:00")))
                .setEnd(new EventDateTime().setDateTime(new DateTime("2026-03-02T12:00:00+01:00")))).execute();
        calendar.events().delete("primary", created.getId()).execute();
        Event afterDelete = calendar.events().get("primary", created.getId()).execute();

        assertThat(created.getId()).matches("[0-9a-v]{26}");
        assertThat(created.getEtag()).startsWith("\"").endsWith("\"");
        assertThat(created.getICalUID()).isEqualTo(created.getId() + "@google.com");
        assertThat(created.getOrganizer().getEmail()).isEqualTo("round.trip@example.com");
        assertThat(fetchedSummary).isEqualTo("Demo");
        assertThat(fetched.getDescription()).isEqualTo("<b>agenda</b>");
        assertThat(listed.getItems()).extracting(Event::getId).containsExactly(created.getId());
        assertThat(listed.getNextSyncToken()).isNotBlank();
        assertThat(listed.getNextPageToken()).isNull();
        assertThat(updated.getSummary()).isEqualTo("Demo, moved");
        assertThat(updated.getEtag()).isNotEqualTo(created.getEtag());
        assertThat(updated.getSequence()).isEqualTo(1);
        assertThat(updated.getUpdated().getValue()).isGreaterThanOrEqualTo(created.getUpdated().getValue());
        assertThat(afterDelete.getStatus()).isEqualTo("cancelled");
        assertThat(calendar.events().list("primary").execute().getItems()).isEmpty();
        assertThat(calendar.events().list("primary").setShowDeleted(true).execute().getItems())
                .extracting(Event::getStatus).containsExactly("cancelled");
    }

    @Test
    void a_client_chosen_id_is_kept_and_a_second_insert_of_it_is_a_duplicate_even_after_deletion() throws IOException {
        Calendar calendar = clientOf("ids@example.com");
        calendar.events().insert("primary", meeting("first", "2026-03-03T09:00:00Z").setId("crm000123abc")).execute();
        calendar.events().delete("primary", "crm000123abc").execute();

        GoogleJsonResponseException again = failure(() ->
                calendar.events().insert("primary", meeting("again", "2026-03-03T09:00:00Z").setId("crm000123abc")).execute());
        GoogleJsonResponseException badId = failure(() ->
                calendar.events().insert("primary", meeting("bad", "2026-03-03T09:00:00Z").setId("Not-Base32hex")).execute());
        GoogleJsonResponseException deleteAgain = failure(() -> calendar.events().delete("primary", "crm000123abc").execute());
        GoogleJsonResponseException missing = failure(() -> calendar.events().get("primary", "neverexisted").execute());

        assertThat(again.getStatusCode()).isEqualTo(409);
        assertThat(again.getDetails().getErrors().get(0).getReason()).isEqualTo("duplicate");
        assertThat(badId.getStatusCode()).isEqualTo(400);
        assertThat(badId.getDetails().getMessage()).isEqualTo("Invalid resource id value.");
        assertThat(deleteAgain.getStatusCode()).isEqualTo(410);
        assertThat(deleteAgain.getDetails().getErrors().get(0).getReason()).isEqualTo("deleted");
        assertThat(missing.getStatusCode()).isEqualTo(404);
        assertThat(missing.getDetails().getErrors().get(0).getReason()).isEqualTo("notFound");
    }

    @Test
    void a_write_with_a_stale_etag_is_refused_with_412() throws IOException {
        Calendar calendar = clientOf("etags@example.com");
        Event created = calendar.events().insert("primary", meeting("Demo", "2026-03-04T09:00:00Z")).execute();
        calendar.events().patch("primary", created.getId(), new Event().setLocation("Room 1"))
                .setRequestHeaders(new HttpHeaders().setIfMatch(created.getEtag())).execute();

        GoogleJsonResponseException stale = failure(() -> calendar.events().update("primary", created.getId(), created.setSummary("late"))
                .setRequestHeaders(new HttpHeaders().setIfMatch(created.getEtag())).execute());
        GoogleJsonResponseException staleDelete = failure(() -> calendar.events().delete("primary", created.getId())
                .setRequestHeaders(new HttpHeaders().setIfMatch(created.getEtag())).execute());

        assertThat(stale.getStatusCode()).isEqualTo(412);
        assertThat(stale.getDetails().getErrors().get(0).getReason()).isEqualTo("conditionNotMet");
        assertThat(staleDelete.getStatusCode()).isEqualTo(412);
        assertThat(calendar.events().get("primary", created.getId()).execute().getSummary()).isEqualTo("Demo");
    }

    @Test
    void patch_changes_only_given_fields_and_json_null_clears_one() throws IOException {
        Calendar calendar = clientOf("patch@example.com");
        Event created = calendar.events().insert("primary", meeting("Demo", "2026-03-05T09:00:00Z").setLocation("Room 1")
                .setExtendedProperties(new Event.ExtendedProperties().setPrivate(Map.of("crmId", "42", "origin", "crm")))).execute();

        Event patched = calendar.events().patch("primary", created.getId(), new Event().setLocation(Data.NULL_STRING)
                .setExtendedProperties(new Event.ExtendedProperties().setPrivate(Map.of("origin", "google")))).execute();

        assertThat(patched.getSummary()).isEqualTo("Demo");
        assertThat(patched.getLocation()).isNull();
        assertThat(patched.getExtendedProperties().getPrivate()).containsEntry("crmId", "42").containsEntry("origin", "google");
        assertThat(patched.getSequence()).isZero();
        assertThat(google.stats().callsOf("calendar.events.patch")).isPositive();
    }

    @Test
    void a_get_with_the_current_etag_in_if_none_match_answers_304() throws IOException {
        Calendar calendar = clientOf("conditional@example.com");
        Event created = calendar.events().insert("primary", meeting("Demo", "2026-03-08T09:00:00Z")).execute();

        GoogleJsonResponseException unchanged = failure(() -> calendar.events().get("primary", created.getId())
                .setRequestHeaders(new HttpHeaders().setIfNoneMatch(created.getEtag())).execute());   // the client throws on 304
        Event changed = calendar.events().get("primary", created.getId())
                .setRequestHeaders(new HttpHeaders().setIfNoneMatch("\"other\"")).execute();

        assertThat(unchanged.getStatusCode()).isEqualTo(304);
        assertThat(changed.getEtag()).isEqualTo(created.getEtag());
    }

    @Test
    void update_replaces_the_whole_event() throws IOException {
        Calendar calendar = clientOf("replace@example.com");
        Event created = calendar.events().insert("primary", meeting("Demo", "2026-03-06T09:00:00Z").setLocation("Room 1")).execute();

        Event replaced = calendar.events().update("primary", created.getId(), meeting("Demo 2", "2026-03-06T09:00:00Z")).execute();

        assertThat(replaced.getLocation()).isNull();
        assertThat(replaced.getSummary()).isEqualTo("Demo 2");
        assertThat(replaced.getCreated()).isEqualTo(created.getCreated());
    }

    @Test
    void private_extended_property_filter_and_time_window_select_events() throws IOException {
        Calendar calendar = clientOf("filters@example.com");
        calendar.events().insert("primary", meeting("tagged", "2026-04-01T09:00:00Z")
                .setExtendedProperties(new Event.ExtendedProperties().setPrivate(Map.of("crmId", "7")))).execute();
        calendar.events().insert("primary", meeting("other", "2026-04-10T09:00:00Z")).execute();

        List<Event> byProperty = calendar.events().list("primary").setPrivateExtendedProperty(List.of("crmId=7")).execute().getItems();
        List<Event> inWindow = calendar.events().list("primary").setTimeMin(new DateTime("2026-04-05T00:00:00Z"))
                .setTimeMax(new DateTime("2026-04-20T00:00:00Z")).execute().getItems();
        GoogleJsonResponseException empty = failure(() -> calendar.events().list("primary")
                .setTimeMin(new DateTime("2026-04-20T00:00:00Z")).setTimeMax(new DateTime("2026-04-05T00:00:00Z")).execute());

        assertThat(byProperty).extracting(Event::getSummary).containsExactly("tagged");
        assertThat(inWindow).extracting(Event::getSummary).containsExactly("other");
        assertThat(empty.getDetails().getErrors().get(0).getReason()).isEqualTo("timeRangeEmpty");
    }

    @Test
    void an_edit_made_in_google_is_visible_to_the_client_with_a_new_etag() throws IOException {
        EmulatedUser ann = google.user("edits@example.com");
        Calendar calendar = GoogleClients.calendar(google, ann.accessToken());
        Event created = calendar.events().insert("primary", meeting("Demo", "2026-03-07T09:00:00Z")).execute();

        ann.editEvent("primary", created.getId(), "{\"summary\":\"Renamed in Google\"}");

        Event seen = calendar.events().get("primary", created.getId()).execute();
        Event stored = GsonFactory.getDefaultInstance().fromString(ann.event("primary", created.getId()).orElseThrow(), Event.class);
        assertThat(seen.getSummary()).isEqualTo("Renamed in Google");
        assertThat(seen.getEtag()).isNotEqualTo(created.getEtag()).isEqualTo(stored.getEtag());
    }
}
