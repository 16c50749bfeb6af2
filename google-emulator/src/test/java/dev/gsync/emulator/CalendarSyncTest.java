package dev.gsync.emulator;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.util.DateTime;
import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.Events;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.gsync.emulator.GoogleClients.failure;
import static dev.gsync.emulator.GoogleClients.meeting;
import static org.assertj.core.api.Assertions.assertThat;

class CalendarSyncTest {
    private GoogleEmulator google;
    private EmulatedUser ann;
    private Calendar calendar;

    @BeforeEach
    void start() {
        google = GoogleEmulator.start(EmulatorSettings.defaults().withoutQuota().syncTokenMaxAge(Duration.ofHours(1)));
        ann = google.user("ann@example.com");
        calendar = GoogleClients.calendar(google, ann.accessToken());
    }

    @AfterEach
    void stop() { google.stop(); }

    /** Follows nextPageToken to the end; returns the items and leaves the sync token in the last page. */
    private List<Event> listAll(Calendar.Events.List request, Events[] lastPage) throws IOException {
        List<Event> items = new ArrayList<>();
        String pageToken = request.getPageToken();
        for (int pages = 0; pages < 100; pages++) {
            Events page = request.setPageToken(pageToken).execute();
            items.addAll(page.getItems());
            lastPage[0] = page;
            pageToken = page.getNextPageToken();
            if (pageToken == null) return items;
            assertThat(page.getNextSyncToken()).as("only the last page carries a sync token").isNull();
        }
        throw new AssertionError("more than 100 pages");
    }

    private void seed(int count) {
        for (int i = 0; i < count; i++) {
            ann.seedEvent("primary", "{\"summary\":\"seeded " + i + "\",\"start\":{\"dateTime\":\"2026-05-01T09:00:00Z\"},"
                    + "\"end\":{\"dateTime\":\"2026-05-01T10:00:00Z\"}}");
        }
    }

    @Test
    void thousands_of_events_page_through_without_loss_or_repeats() throws IOException {
        seed(3000);
        Events[] last = new Events[1];

        List<Event> defaultPages = listAll(calendar.events().list("primary").setMaxResults(700), last);
        Events capped = calendar.events().list("primary").setMaxResults(5000).execute();

        Set<String> ids = new HashSet<>();
        defaultPages.forEach(e -> ids.add(e.getId()));
        assertThat(defaultPages).hasSize(3000);
        assertThat(ids).hasSize(3000);
        assertThat(last[0].getNextSyncToken()).isNotBlank();
        assertThat(capped.getItems()).as("maxResults is capped at 2500").hasSize(2500);
        assertThat(capped.getNextPageToken()).isNotNull();
    }

    @Test
    void empty_and_short_pages_with_a_next_page_token_still_add_up_to_everything() throws IOException {
        seed(25);
        google.settings().shortPages(true);
        Events[] last = new Events[1];

        Events first = calendar.events().list("primary").setMaxResults(10).execute();
        List<Event> all = listAll(calendar.events().list("primary").setMaxResults(10), last);

        assertThat(first.getItems()).isEmpty();
        assertThat(first.getNextPageToken()).isNotNull();
        assertThat(all).hasSize(25).extracting(Event::getId).doesNotHaveDuplicates();
        assertThat(last[0].getNextSyncToken()).isNotBlank();
    }

    @Test
    void a_sync_token_returns_exactly_the_changes_since_including_cancelled_events() throws IOException {
        Event keep = calendar.events().insert("primary", meeting("keep", "2026-05-02T09:00:00Z")).execute();
        Event change = calendar.events().insert("primary", meeting("change", "2026-05-02T11:00:00Z")).execute();
        Event remove = calendar.events().insert("primary", meeting("remove", "2026-05-02T13:00:00Z")).execute();
        Event editedInGoogle = calendar.events().insert("primary", meeting("edit in google", "2026-05-02T15:00:00Z")).execute();
        String token = calendar.events().list("primary").execute().getNextSyncToken();

        calendar.events().patch("primary", change.getId(), new Event().setSummary("changed")).execute();
        calendar.events().delete("primary", remove.getId()).execute();
        ann.editEvent("primary", editedInGoogle.getId(), "{\"location\":\"Room 2\"}");
        Event added = calendar.events().insert("primary", meeting("added", "2026-05-03T09:00:00Z")).execute();
        Events delta = calendar.events().list("primary").setSyncToken(token).execute();
        Events nothing = calendar.events().list("primary").setSyncToken(delta.getNextSyncToken()).execute();

        assertThat(delta.getItems()).extracting(Event::getId)
                .containsExactlyInAnyOrder(change.getId(), remove.getId(), editedInGoogle.getId(), added.getId())
                .doesNotContain(keep.getId());
        assertThat(delta.getItems()).filteredOn(e -> e.getId().equals(remove.getId()))
                .extracting(Event::getStatus).containsExactly("cancelled");
        assertThat(nothing.getItems()).isEmpty();
        assertThat(nothing.getNextSyncToken()).isNotBlank();
    }

    @Test
    void a_change_between_two_pages_of_a_full_sync_shows_up_in_the_next_incremental_sync() throws IOException {
        seed(30);
        Events first = calendar.events().list("primary").setMaxResults(10).execute();
        Event lateComer = calendar.events().insert("primary", meeting("late", "2026-05-04T09:00:00Z").setId("00000late")).execute();
        Events[] last = new Events[1];
        listAll(calendar.events().list("primary").setMaxResults(10).setPageToken(first.getNextPageToken()), last);

        Events delta = calendar.events().list("primary").setSyncToken(last[0].getNextSyncToken()).execute();

        assertThat(delta.getItems()).extracting(Event::getId).contains(lateComer.getId());
    }

    @Test
    void expired_sync_tokens_answer_410_full_sync_required() throws IOException {
        String token = calendar.events().list("primary").execute().getNextSyncToken();
        String second = calendar.events().list("primary").execute().getNextSyncToken();
        String third = calendar.events().list("primary").execute().getNextSyncToken();

        google.expireSyncToken(token);
        GoogleJsonResponseException one = failure(() -> calendar.events().list("primary").setSyncToken(token).execute());
        Events stillFine = calendar.events().list("primary").setSyncToken(second).execute();
        ann.expireSyncTokens();
        GoogleJsonResponseException all = failure(() -> calendar.events().list("primary").setSyncToken(second).execute());
        String fresh = calendar.events().list("primary").execute().getNextSyncToken();
        google.advanceClock(Duration.ofHours(2));
        Calendar later = GoogleClients.calendar(google, ann.accessToken());   // the old access token expired too
        GoogleJsonResponseException aged = failure(() -> later.events().list("primary").setSyncToken(fresh).execute());
        GoogleJsonResponseException garbage = failure(() -> later.events().list("primary").setSyncToken("nonsense").execute());

        for (GoogleJsonResponseException gone : List.of(one, all, aged, garbage)) {
            assertThat(gone.getStatusCode()).isEqualTo(410);
            assertThat(gone.getDetails().getErrors().get(0).getReason()).isEqualTo("fullSyncRequired");
        }
        assertThat(stillFine.getNextSyncToken()).isNotBlank();
        assertThat(third).isNotBlank();
    }

    @Test
    void purged_tombstones_answer_404_and_invalidate_older_sync_tokens() throws IOException {
        google.settings().tombstoneTtl(Duration.ofDays(30)).syncTokenMaxAge(Duration.ZERO);
        Event gone = calendar.events().insert("primary", meeting("gone", "2026-05-08T09:00:00Z")).execute();
        String before = calendar.events().list("primary").execute().getNextSyncToken();
        calendar.events().delete("primary", gone.getId()).execute();
        String after = calendar.events().list("primary").execute().getNextSyncToken();

        google.advanceClock(Duration.ofDays(31));
        Calendar later = GoogleClients.calendar(google, ann.accessToken());

        assertThat(failure(() -> later.events().get("primary", gone.getId()).execute()).getStatusCode()).isEqualTo(404);
        assertThat(failure(() -> later.events().list("primary").setSyncToken(before).execute()).getStatusCode()).isEqualTo(410);
        assertThat(later.events().list("primary").setSyncToken(after).execute().getItems()).isEmpty();
    }

    @Test
    void a_sync_token_refuses_parameters_google_does_not_allow_with_it() throws IOException {
        String token = calendar.events().list("primary").execute().getNextSyncToken();

        GoogleJsonResponseException withTimeMin = failure(() -> calendar.events().list("primary").setSyncToken(token)
                .setTimeMin(new DateTime("2026-01-01T00:00:00Z")).execute());
        GoogleJsonResponseException withOrderBy = failure(() -> calendar.events().list("primary")
                .setOrderBy("startTime").execute());

        assertThat(withTimeMin.getStatusCode()).isEqualTo(400);
        assertThat(withOrderBy.getStatusCode()).isEqualTo(400);
    }

    @Test
    void updated_min_lists_changes_including_deletions_and_refuses_a_too_old_time() throws IOException {
        Event old = calendar.events().insert("primary", meeting("old", "2026-05-05T09:00:00Z")).execute();
        google.advanceClock(Duration.ofMinutes(5));
        DateTime since = new DateTime(old.getUpdated().getValue() + 60_000);
        calendar.events().delete("primary", old.getId()).execute();
        Event fresh = calendar.events().insert("primary", meeting("fresh", "2026-05-05T11:00:00Z")).execute();

        Events changed = calendar.events().list("primary").setUpdatedMin(since).execute();
        GoogleJsonResponseException tooOld = failure(() -> calendar.events().list("primary")
                .setUpdatedMin(new DateTime("2020-01-01T00:00:00Z")).execute());

        assertThat(changed.getItems()).extracting(Event::getId).containsExactlyInAnyOrder(old.getId(), fresh.getId());
        assertThat(tooOld.getStatusCode()).isEqualTo(410);
        assertThat(tooOld.getDetails().getErrors().get(0).getReason()).isEqualTo("updatedMinTooLongAgo");
    }

    @Test
    void secondary_and_shared_calendars_appear_in_the_calendar_list() throws IOException {
        String team = ann.addCalendar("Team");
        EmulatedUser bob = google.user("bob@example.com");
        String bobs = bob.addCalendar("Bob's shared");
        bob.shareCalendar(bobs, ann.email(), "reader");

        var entries = calendar.calendarList().list().execute().getItems();
        GoogleJsonResponseException readOnly = failure(() ->
                calendar.events().insert(bobs, meeting("not mine", "2026-05-06T09:00:00Z")).execute());

        assertThat(entries).extracting(e -> e.getId()).containsExactly(ann.email(), team, bobs);
        assertThat(entries.get(0).getPrimary()).isTrue();
        assertThat(entries.get(2).getAccessRole()).isEqualTo("reader");
        assertThat(readOnly.getStatusCode()).isEqualTo(403);
        calendar.events().insert(team, meeting("team event", "2026-05-06T09:00:00Z")).execute();
        assertThat(ann.events(team)).hasSize(1);
        assertThat(ann.events("primary")).isEmpty();
    }

    @Test
    void an_app_can_create_and_delete_its_own_secondary_calendar() throws IOException {
        var created = calendar.calendars().insert(new com.google.api.services.calendar.model.Calendar()
                .setSummary("CRM").setTimeZone("Europe/Zurich")).execute();
        calendar.events().insert(created.getId(), meeting("in CRM calendar", "2026-05-07T09:00:00Z")).execute();
        boolean listed = calendar.calendarList().list().execute().getItems().stream().anyMatch(e -> e.getId().equals(created.getId()));

        calendar.calendars().delete(created.getId()).execute();

        assertThat(created.getId()).endsWith("@group.calendar.google.com");
        assertThat(listed).isTrue();
        assertThat(failure(() -> calendar.events().list(created.getId()).execute()).getStatusCode()).isEqualTo(404);
        assertThat(failure(() -> calendar.calendars().delete("primary").execute()).getStatusCode()).isEqualTo(400);
    }
}
