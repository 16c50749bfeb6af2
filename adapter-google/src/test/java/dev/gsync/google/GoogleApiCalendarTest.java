package dev.gsync.google;

import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.tasks.model.Task;
import dev.gsync.core.model.CalendarItem;
import dev.gsync.core.model.ExternalId;
import dev.gsync.core.model.Field;
import dev.gsync.core.model.IdempotencyKey;
import dev.gsync.core.model.ItemKind;
import dev.gsync.core.model.ItemStatus;
import dev.gsync.core.model.Side;
import dev.gsync.core.model.SyncSettings;
import dev.gsync.core.model.Timing;
import dev.gsync.core.model.Version;
import dev.gsync.core.port.CalendarFailure;
import dev.gsync.core.port.Change;
import dev.gsync.core.port.Cursor;
import dev.gsync.core.port.Write;
import dev.gsync.core.port.Written;
import dev.gsync.emulator.EmulatedUser;
import dev.gsync.google.EmulatedGoogle.Listing;
import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.gsync.google.EmulatedGoogle.drain;
import static org.assertj.core.api.Assertions.assertThat;

/** The adapter with the real Google clients against the emulator. Each test uses its own Google account. */
class GoogleApiCalendarTest {
    private static final AtomicInteger users = new AtomicInteger();
    private static EmulatedGoogle google;

    @BeforeAll
    static void start() {
        google = EmulatedGoogle.start();
    }

    @AfterAll
    static void stop() {
        google.close();
    }

    @AfterEach
    void no_write_ever_notified_attendees() {
        google.emulator.faults().clear();
        assertThat(google.emulator.stats().notifyingWrites()).isZero();
    }

    private static String newEmail() {
        return "user" + users.incrementAndGet() + "@example.com";
    }

    private static SyncSettings eventsOnly() {
        return SyncSettings.defaults().withKinds(HashSet.of(ItemKind.EVENT));
    }

    private static Event event(String json) {
        try {
            return GsonFactory.getDefaultInstance().fromString(json, Event.class);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Task task(String json) {
        try {
            return GsonFactory.getDefaultInstance().fromString(json, Task.class);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String timedJson(String summary, Instant start) {
        return "{\"summary\":\"" + summary + "\",\"start\":{\"dateTime\":\"" + start + "\",\"timeZone\":\"UTC\"},"
                + "\"end\":{\"dateTime\":\"" + start.plus(1, ChronoUnit.HOURS) + "\",\"timeZone\":\"UTC\"}}";
    }

    private static CalendarItem meeting(String title) {
        Instant start = Instant.parse("2026-05-04T09:00:00Z");
        return CalendarItem.event(title, new Timing.Timed(start, start.plus(1, ChronoUnit.HOURS), ZoneId.of("Europe/Berlin")));
    }

    private static IdempotencyKey key(String crmId) {
        return IdempotencyKey.mirrorOf(Side.CRM, ExternalId.of(crmId));
    }

    private static Written.Saved saved(Either<CalendarFailure, Written> result) {
        assertThat(result.isRight()).as("%s", result).isTrue();
        return (Written.Saved) result.get();
    }

    private static Seq<Event> liveEvents(EmulatedUser user, String calendarId) {
        return List.ofAll(user.events(calendarId)).map(GoogleApiCalendarTest::event).filter(e -> !"cancelled".equals(e.getStatus()));
    }

    // ------------------------------------------------------------------ reading

    @Test
    void a_full_listing_pages_through_thousands_of_events_then_only_changes_come() {
        String email = newEmail();
        EmulatedUser user = google.user(email);
        Instant base = Instant.parse("2026-01-05T08:00:00Z");
        java.util.List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 5_100; i++) ids.add(event(user.seedEvent(email, timedJson("Event " + i, base.plus(i, ChronoUnit.HOURS)))).getId());
        GoogleApiCalendar adapter = google.adapter(email, eventsOnly());

        Listing full = drain(adapter, Cursor.START).get();

        assertThat(full.pages()).isGreaterThanOrEqualTo(3);   // 2500 a page
        assertThat(full.upserts().map(Change::id).distinct()).hasSize(5_100);
        assertThat(full.removals()).isEmpty();

        user.editEvent(email, ids.get(7), "{\"summary\":\"Moved in Google\"}");
        user.deleteEvent(email, ids.get(8));
        Listing changes = drain(adapter, full.next()).get();

        assertThat(changes.upserts().map(u -> u.item().title())).containsExactly("Moved in Google");
        assertThat(changes.removals().map(Change::id)).containsExactly(GoogleIds.event("primary", ids.get(8)));
        assertThat(drain(adapter, changes.next()).get().changes()).isEmpty();

        for (int i = 100; i < 2_700; i++) user.editEvent(email, ids.get(i), "{\"location\":\"Room " + i + "\"}");
        Listing many = drain(adapter, changes.next()).get();   // more changes than one page: the token's query is repeated

        assertThat(many.pages()).isGreaterThanOrEqualTo(2);
        assertThat(many.upserts().map(Change::id).distinct()).hasSize(2_600);
        assertThat(drain(adapter, many.next()).get().changes()).isEmpty();
    }

    @Test
    void an_expired_sync_token_asks_for_a_full_listing_which_reports_nothing_twice_and_removes_nothing() {
        String email = newEmail();
        EmulatedUser user = google.user(email);
        for (int i = 0; i < 30; i++) user.seedEvent(email, timedJson("Event " + i, Instant.parse("2026-02-02T08:00:00Z").plus(i, ChronoUnit.DAYS)));
        GoogleApiCalendar adapter = google.adapter(email, eventsOnly());
        Listing first = drain(adapter, Cursor.START).get();

        user.expireSyncTokens();
        Either<CalendarFailure, Listing> expired = drain(adapter, first.next());

        assertThat(expired.getLeft()).isInstanceOf(CalendarFailure.CursorExpired.class);
        Listing again = drain(adapter, Cursor.START).get();
        assertThat(again.removals()).isEmpty();
        assertThat(again.upserts().map(Change::id)).hasSize(30).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(first.upserts().map(Change::id));
        assertThat(drain(adapter, again.next()).get().changes()).isEmpty();
    }

    @Test
    void each_chosen_calendar_is_listed_with_its_own_token_and_creates_go_to_the_first() {
        String email = newEmail();
        EmulatedUser user = google.user(email);
        String team = user.addCalendar("Team");
        user.seedEvent(email, timedJson("Private one", Instant.parse("2026-03-03T08:00:00Z")));
        user.seedEvent(team, timedJson("Team one", Instant.parse("2026-03-03T10:00:00Z")));
        GoogleApiCalendar adapter = google.adapter(email, eventsOnly().withGoogleCalendars(List.of(team, "primary")));

        Listing full = drain(adapter, Cursor.START).get();
        Written.Saved created = saved(adapter.write(new Write.Create(meeting("From CRM"), key("crm-1"))));

        assertThat(full.upserts().map(u -> GoogleIds.parse(u.id()).get().container())).containsExactlyInAnyOrder(team, "primary");
        assertThat(GoogleIds.parse(created.id()).get().container()).isEqualTo(team);
        assertThat(liveEvents(user, team).map(Event::getSummary)).contains("From CRM");
        Listing next = drain(adapter, full.next()).get();
        assertThat(next.upserts().map(u -> u.item().title())).containsExactly("From CRM");
        assertThat(next.upserts().head().origin()).contains(key("crm-1"));
    }

    @Test
    void a_recurring_series_comes_as_its_master_and_its_exceptions() {
        String email = newEmail();
        EmulatedUser user = google.user(email);
        Event master = event(user.seedEvent(email, "{\"summary\":\"Weekly\",\"recurrence\":[\"RRULE:FREQ=WEEKLY;COUNT=5\"],"
                + "\"start\":{\"dateTime\":\"2026-04-06T09:00:00+02:00\",\"timeZone\":\"Europe/Berlin\"},"
                + "\"end\":{\"dateTime\":\"2026-04-06T10:00:00+02:00\",\"timeZone\":\"Europe/Berlin\"}}"));
        user.editEvent(email, master.getId() + "_20260413T070000Z", "{\"summary\":\"Weekly, moved\","
                + "\"start\":{\"dateTime\":\"2026-04-13T11:00:00+02:00\",\"timeZone\":\"Europe/Berlin\"},"
                + "\"end\":{\"dateTime\":\"2026-04-13T12:00:00+02:00\",\"timeZone\":\"Europe/Berlin\"}}");
        user.deleteEvent(email, master.getId() + "_20260420T070000Z");
        GoogleApiCalendar adapter = google.adapter(email, eventsOnly());

        Listing full = drain(adapter, Cursor.START).get();

        ExternalId series = GoogleIds.event("primary", master.getId());
        Change.Upserted masterChange = full.upserts().find(u -> u.id().equals(series)).get();
        assertThat(masterChange.item().recurrence().lines()).as("D34: the occurrence deleted on its own is an EXDATE of the series")
                .containsExactly("RRULE:FREQ=WEEKLY;COUNT=5", "EXDATE;TZID=Europe/Berlin:20260420T090000");
        Change.Upserted moved = full.upserts().find(u -> u.item().series().isDefined()).get();
        assertThat(moved.item().title()).isEqualTo("Weekly, moved");
        assertThat(moved.item().series().get().series()).isEqualTo(series);
        assertThat(moved.item().series().get().originalStart()).isEqualTo(Instant.parse("2026-04-13T07:00:00Z"));
        assertThat(full.removals().map(Change::id)).containsExactly(GoogleIds.event("primary", master.getId() + "_20260420T070000Z"));
        assertThat(full.upserts()).hasSize(2);
    }

    @Test
    void an_occurrence_deleted_on_its_own_later_brings_its_series_with_an_exdate_and_the_series_keeps_it() {
        String email = newEmail();
        EmulatedUser user = google.user(email);
        Event master = event(user.seedEvent(email, "{\"summary\":\"Daily\",\"recurrence\":[\"RRULE:FREQ=DAILY;COUNT=4\"],"
                + "\"start\":{\"dateTime\":\"2026-04-06T09:00:00Z\",\"timeZone\":\"UTC\"},"
                + "\"end\":{\"dateTime\":\"2026-04-06T10:00:00Z\",\"timeZone\":\"UTC\"}}"));
        GoogleApiCalendar adapter = google.adapter(email, eventsOnly());
        ExternalId series = GoogleIds.event("primary", master.getId());
        Listing full = drain(adapter, Cursor.START).get();

        user.deleteEvent(email, master.getId() + "_20260407T090000Z");
        Listing next = drain(adapter, full.next()).get();
        user.editEvent(email, master.getId(), "{\"summary\":\"Daily (renamed)\"}");
        Listing renamed = drain(adapter, next.next()).get();

        assertThat(full.upserts().find(u -> u.id().equals(series)).get().item().recurrence().lines()).containsExactly("RRULE:FREQ=DAILY;COUNT=4");
        Change.Upserted folded = next.upserts().find(u -> u.id().equals(series)).get();
        assertThat(folded.item().recurrence().lines()).as("the series, not on the page, is read and reported")
                .containsExactly("RRULE:FREQ=DAILY;COUNT=4", "EXDATE:20260407T090000Z");
        assertThat(folded.version()).as("Google's own version of the series").isEqualTo(full.upserts().find(u -> u.id().equals(series)).get().version());
        assertThat(renamed.upserts().find(u -> u.id().equals(series)).get().item().recurrence().lines())
                .containsExactly("RRULE:FREQ=DAILY;COUNT=4", "EXDATE:20260407T090000Z");
        assertThat(adapter.get(series).get().get().item().recurrence().lines()).contains("EXDATE:20260407T090000Z");
        assertThat(user.event(email, master.getId()).orElseThrow()).as("nothing was written to Google").doesNotContain("EXDATE");
    }

    /** D34's cost: what reading series with their cancelled occurrences adds to a run's Google requests. */
    @Test
    void series_cost_no_extra_request_in_a_one_page_full_listing_nor_in_a_quiet_run_and_one_per_series_changed() {
        String email = newEmail();
        EmulatedUser user = google.user(email);
        java.util.List<String> series = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            series.add(event(user.seedEvent(email, "{\"summary\":\"Series " + i + "\",\"recurrence\":[\"RRULE:FREQ=WEEKLY;COUNT=4\"],"
                    + "\"start\":{\"dateTime\":\"2026-04-0" + (i + 1) + "T09:00:00Z\",\"timeZone\":\"UTC\"},"
                    + "\"end\":{\"dateTime\":\"2026-04-0" + (i + 1) + "T10:00:00Z\",\"timeZone\":\"UTC\"}}")).getId());
        }
        user.seedEvent(email, "{\"summary\":\"Single\",\"start\":{\"dateTime\":\"2026-04-01T12:00:00Z\"},\"end\":{\"dateTime\":\"2026-04-01T13:00:00Z\"}}");
        user.deleteEvent(email, series.get(0) + "_20260408T090000Z");
        GoogleApiCalendar adapter = google.adapter(email, eventsOnly());

        long r0 = adapter.httpRequests();
        long i0 = google.emulator.stats().callsOf("calendar.events.instances");
        Listing full = drain(adapter, Cursor.START).get();
        long fullRequests = adapter.httpRequests() - r0;
        Listing quiet = drain(adapter, full.next()).get();
        long quietRequests = adapter.httpRequests() - r0 - fullRequests;
        long i1 = google.emulator.stats().callsOf("calendar.events.instances");
        user.editEvent(email, series.get(0), "{\"summary\":\"Series 0, renamed\"}");
        Listing renamed = drain(adapter, quiet.next()).get();
        long renamedRequests = adapter.httpRequests() - r0 - fullRequests - quietRequests;
        GoogleApiCalendar nextRun = google.adapter(email, eventsOnly());
        long w0 = nextRun.httpRequests();
        Written.Saved made = saved(nextRun.write(new Write.Create(meeting("New series").withRecurrence(
                dev.gsync.core.model.Recurrence.of("RRULE:FREQ=DAILY;COUNT=3")), key("crm-series-1"))));
        long createRequests = nextRun.httpRequests() - w0;

        assertThat(full.upserts()).hasSize(6);
        assertThat(full.upserts().find(u -> u.id().equals(GoogleIds.event("primary", series.get(0)))).get().item().recurrence().lines())
                .containsExactly("RRULE:FREQ=WEEKLY;COUNT=4", "EXDATE:20260408T090000Z");
        assertThat(fullRequests).as("a full listing in one page: events.list only, no events.instances").isEqualTo(1);
        assertThat(quiet.changes()).isEmpty();
        assertThat(quietRequests).as("nothing changed: events.list only").isEqualTo(1);
        assertThat(i1 - i0).isZero();
        assertThat(renamed.upserts().map(u -> u.item().recurrence().lines()))
                .containsExactly(List.of("RRULE:FREQ=WEEKLY;COUNT=4", "EXDATE:20260408T090000Z"));
        assertThat(renamedRequests).as("a changed series: events.list + events.instances").isEqualTo(2);
        assertThat(made.stored().recurrence().lines()).containsExactly("RRULE:FREQ=DAILY;COUNT=3");
        assertThat(createRequests).as("a series made by gsync has no cancelled occurrence: no events.instances").isEqualTo(1);
    }

    @Test
    void a_full_listing_over_several_pages_still_reads_the_cancelled_occurrences_of_each_series() {
        try (EmulatedGoogle paged = new EmulatedGoogle(dev.gsync.emulator.EmulatorSettings.defaults().withoutQuota().shortPages(true), GoogleConfig.Rate.unlimited())) {
            String email = newEmail();
            EmulatedUser user = paged.user(email);
            Event master = event(user.seedEvent(email, "{\"summary\":\"Weekly\",\"recurrence\":[\"RRULE:FREQ=WEEKLY;COUNT=3\"],"
                    + "\"start\":{\"dateTime\":\"2026-04-06T09:00:00Z\",\"timeZone\":\"UTC\"},"
                    + "\"end\":{\"dateTime\":\"2026-04-06T10:00:00Z\",\"timeZone\":\"UTC\"}}"));
            user.deleteEvent(email, master.getId() + "_20260413T090000Z");
            GoogleApiCalendar adapter = paged.adapter(email, eventsOnly());

            Listing full = drain(adapter, Cursor.START).get();

            assertThat(full.pages()).isGreaterThan(1);
            assertThat(full.upserts().find(u -> u.id().equals(GoogleIds.event("primary", master.getId()))).get().item().recurrence().lines())
                    .containsExactly("RRULE:FREQ=WEEKLY;COUNT=3", "EXDATE:20260413T090000Z");
        }
    }

    @Test
    void a_changed_occurrence_made_in_the_crm_becomes_an_exception_of_the_google_series_once() {
        String email = newEmail();
        EmulatedUser user = google.user(email);
        Event master = event(user.seedEvent(email, "{\"summary\":\"Daily\",\"recurrence\":[\"RRULE:FREQ=DAILY;COUNT=5\"],"
                + "\"start\":{\"dateTime\":\"2026-04-06T09:00:00Z\",\"timeZone\":\"UTC\"},"
                + "\"end\":{\"dateTime\":\"2026-04-06T10:00:00Z\",\"timeZone\":\"UTC\"}}"));
        GoogleApiCalendar adapter = google.adapter(email, eventsOnly());
        Cursor after = drain(adapter, Cursor.START).get().next();
        ExternalId series = GoogleIds.event("primary", master.getId());
        Instant moved = Instant.parse("2026-04-08T14:00:00Z");
        CalendarItem exception = CalendarItem.event("Daily, moved", new Timing.Timed(moved, moved.plus(1, ChronoUnit.HOURS), ZoneId.of("UTC")))
                .withSeries(io.vavr.control.Option.of(new dev.gsync.core.model.SeriesOrigin(series, Instant.parse("2026-04-08T09:00:00Z"))));

        Written.Saved first = saved(adapter.write(new Write.Create(exception, key("occ-1"))));
        Written.Saved again = saved(adapter.write(new Write.Create(exception, key("occ-1"))));
        Listing listed = drain(adapter, after).get();

        assertThat(first.id()).isEqualTo(GoogleIds.event("primary", master.getId() + "_20260408T090000Z")).isEqualTo(again.id());
        Change.Upserted change = listed.upserts().find(u -> u.id().equals(first.id())).get();
        assertThat(change.item().title()).isEqualTo("Daily, moved");
        assertThat(change.item().series()).isEqualTo(exception.series());
        assertThat(change.origin()).contains(key("occ-1"));
        assertThat(liveEvents(user, email)).hasSize(2);   // the series and its one exception
        Either<CalendarFailure, Written> noSuchDay = adapter.write(new Write.Create(exception.withSeries(io.vavr.control.Option.of(
                new dev.gsync.core.model.SeriesOrigin(series, Instant.parse("2026-05-30T09:00:00Z")))), key("occ-2")));
        assertThat(noSuchDay.getLeft()).isInstanceOf(CalendarFailure.Rejected.class);
    }

    @Test
    void an_occurrence_moved_in_a_series_the_crm_made_becomes_its_exception_though_it_inherits_the_series_key() {
        String email = newEmail();
        EmulatedUser user = google.user(email);
        GoogleApiCalendar adapter = google.adapter(email, eventsOnly());
        Instant first = Instant.parse("2027-02-01T09:00:00Z");
        CalendarItem weekly = CalendarItem.event("Weekly", new Timing.Timed(first, first.plus(1, ChronoUnit.HOURS), ZoneId.of("UTC")))
                .withRecurrence(new dev.gsync.core.model.Recurrence(io.vavr.collection.List.of("RRULE:FREQ=WEEKLY;COUNT=4")));
        Written.Saved series = saved(adapter.write(new Write.Create(weekly, key("s1981"))));
        // vtiger's "edit this occurrence only" moved the third one by two hours: a record of its own, key crm 1985
        Instant moved = Instant.parse("2027-02-15T11:00:00Z");
        CalendarItem exception = CalendarItem.event("Weekly", new Timing.Timed(moved, moved.plus(1, ChronoUnit.HOURS), ZoneId.of("UTC")))
                .withSeries(io.vavr.control.Option.of(new dev.gsync.core.model.SeriesOrigin(series.id(), Instant.parse("2027-02-15T09:00:00Z"))));

        Either<CalendarFailure, Written> written = adapter.write(new Write.Create(exception, key("1985")));

        assertThat(written.isRight()).as("%s", written).isTrue();
        assertThat(written.get().id()).isEqualTo(GoogleIds.event("primary", GoogleIds.parse(series.id()).get().itemId() + "_20270215T090000Z"));
        // an occurrence that already mirrors another CRM record is still refused
        Either<CalendarFailure, Written> other = adapter.write(new Write.Create(exception, key("1999")));
        assertThat(other.getLeft()).isInstanceOf(CalendarFailure.Rejected.class);
    }

    // ------------------------------------------------------------------ writing

    @Test
    void a_create_repeated_after_a_lost_answer_leaves_one_event_and_a_deleted_one_is_restored() {
        String email = newEmail();
        EmulatedUser user = google.user(email);
        GoogleApiCalendar adapter = google.adapter(email, eventsOnly());

        google.emulator.faults().dropNext(1);   // the first batch loses its connection
        Written.Saved first = saved(adapter.write(new Write.Create(meeting("Demo"), key("crm-7"))));
        // a crash after Google applied the insert, before the link was saved: a fresh adapter creates again
        GoogleApiCalendar afterCrash = google.adapter(email, eventsOnly());
        Written.Saved second = saved(afterCrash.write(new Write.Create(meeting("Demo"), key("crm-7"))));

        assertThat(second.id()).isEqualTo(first.id());
        assertThat(liveEvents(user, email)).hasSize(1);

        user.deleteEvent(email, GoogleIds.parse(first.id()).get().itemId());
        Written.Saved restored = saved(afterCrash.write(new Write.Create(meeting("Demo"), key("crm-7"))));

        assertThat(restored.id()).isEqualTo(first.id());
        assertThat(liveEvents(user, email).map(Event::getSummary)).containsExactly("Demo");
    }

    @Test
    void an_update_against_a_version_google_no_longer_has_is_stale_and_overwrites_nothing() {
        String email = newEmail();
        EmulatedUser user = google.user(email);
        GoogleApiCalendar adapter = google.adapter(email, eventsOnly());
        Written.Saved created = saved(adapter.write(new Write.Create(meeting("Demo"), key("crm-1"))));
        String eventId = GoogleIds.parse(created.id()).get().itemId();
        user.editEvent(email, eventId, "{\"summary\":\"Renamed in Google\"}");

        Either<CalendarFailure, Written> late = adapter.write(new Write.Update(created.id(), created.version(), meeting("Renamed in CRM"), HashSet.of(Field.TITLE)));

        assertThat(late).isEqualTo(Either.left(new CalendarFailure.Stale(created.id())));
        assertThat(event(user.event(email, eventId).get()).getSummary()).isEqualTo("Renamed in Google");
    }

    @Test
    void an_update_keeps_what_gsync_does_not_model() {
        String email = newEmail();
        EmulatedUser user = google.user(email);
        Event seeded = event(user.seedEvent(email, "{\"summary\":\"Demo\",\"colorId\":\"5\",\"location\":\"Room 1\","
                + "\"start\":{\"dateTime\":\"2026-05-04T09:00:00Z\",\"timeZone\":\"UTC\"},\"end\":{\"dateTime\":\"2026-05-04T10:00:00Z\",\"timeZone\":\"UTC\"},"
                + "\"attendees\":[{\"email\":\"ann@example.com\",\"comment\":\"late\",\"optional\":true},{\"email\":\"bob@example.com\"}],"
                + "\"conferenceData\":{\"conferenceId\":\"abc-defg-hij\"},"
                + "\"extendedProperties\":{\"private\":{\"otherApp\":\"42\"}}}"));
        GoogleApiCalendar adapter = google.adapter(email, eventsOnly());
        Change.Upserted listed = drain(adapter, Cursor.START).get().upserts().head();

        Written.Saved updated = saved(adapter.write(new Write.Update(listed.id(), listed.version(),
                listed.item().withTitle("Demo, renamed").withLocation("ignored"), HashSet.of(Field.TITLE))));

        Event stored = event(user.event(email, seeded.getId()).get());
        assertThat(stored.getSummary()).isEqualTo("Demo, renamed");
        assertThat(stored.getLocation()).isEqualTo("Room 1");
        assertThat(stored.getColorId()).isEqualTo("5");
        assertThat(stored.getAttendees()).extracting(a -> a.getEmail()).containsExactly("ann@example.com", "bob@example.com");
        assertThat(stored.getAttendees().get(0).getComment()).isEqualTo("late");
        assertThat(stored.getConferenceData().getConferenceId()).isEqualTo("abc-defg-hij");
        assertThat(stored.getExtendedProperties().getPrivate()).containsEntry("otherApp", "42");
        assertThat(updated.version()).isNotEqualTo(listed.version());
    }

    @Test
    void one_batch_answers_each_write_on_its_own() {
        String email = newEmail();
        EmulatedUser user = google.user(email);
        GoogleApiCalendar adapter = google.adapter(email, eventsOnly());
        Written.Saved a = saved(adapter.write(new Write.Create(meeting("A"), key("a"))));
        Written.Saved b = saved(adapter.write(new Write.Create(meeting("B"), key("b"))));
        Written.Saved c = saved(adapter.write(new Write.Create(meeting("C"), key("c"))));
        user.editEvent(email, GoogleIds.parse(b.id()).get().itemId(), "{\"summary\":\"B in Google\"}");
        user.deleteEvent(email, GoogleIds.parse(c.id()).get().itemId());
        long batchesBefore = google.emulator.stats().batchRequests();

        Seq<Either<CalendarFailure, Written>> results = adapter.write(List.of(
                new Write.Create(meeting("D"), key("d")),
                new Write.Update(a.id(), a.version(), meeting("A2"), HashSet.of(Field.TITLE)),
                new Write.Update(b.id(), b.version(), meeting("B2"), HashSet.of(Field.TITLE)),
                new Write.Delete(c.id(), c.version()),
                new Write.Update(GoogleIds.event("primary", "neverthere1"), Version.of("\"1\""), meeting("X"), HashSet.of(Field.TITLE)),
                new Write.Delete(GoogleIds.event("primary", "neverthere2"), Version.of("\"1\""))));

        assertThat(saved(results.get(0)).stored().title()).isEqualTo("D");
        assertThat(saved(results.get(1)).stored().title()).isEqualTo("A2");
        assertThat(results.get(2)).isEqualTo(Either.left(new CalendarFailure.Stale(b.id())));
        assertThat(results.get(3)).isEqualTo(Either.right(new Written.Deleted(c.id())));
        assertThat(results.get(4).getLeft()).isInstanceOf(CalendarFailure.NotFound.class);
        assertThat(results.get(5).isRight()).isTrue();
        assertThat(google.emulator.stats().batchRequests() - batchesBefore).isBetween(1L, 3L);
        assertThat(liveEvents(user, email).map(Event::getSummary)).containsExactlyInAnyOrder("A2", "B in Google", "D");
    }

    @Test
    void rate_limits_and_server_errors_are_waited_out_and_nothing_is_lost_or_doubled() {
        String email = newEmail();
        EmulatedUser user = google.user(email);
        GoogleApiCalendar adapter = google.adapter(email, eventsOnly());
        long faultsBefore = google.emulator.stats().injectedFaults();
        google.emulator.faults().failNext(3, 429).failNext(2, 503).failNext(2, 403).failNext(1, 500);

        Seq<Either<CalendarFailure, Written>> results = adapter.write(List.range(0, 40)
                .map(i -> new Write.Create(meeting("Event " + i), key("bulk-" + i))));

        assertThat(results.filter(Either::isLeft)).isEmpty();
        assertThat(google.emulator.stats().injectedFaults() - faultsBefore).isEqualTo(8);
        assertThat(liveEvents(user, email).map(Event::getSummary).distinct()).hasSize(40);
        assertThat(liveEvents(user, email)).hasSize(40);

        google.emulator.faults().failNext(2, 500, "/events");
        assertThat(drain(adapter, Cursor.START).get().upserts()).hasSize(40);
    }

    @Test
    void when_the_retry_budget_is_spent_the_write_fails_as_a_value_and_a_later_try_succeeds_once() {
        String email = newEmail();
        EmulatedUser user = google.user(email);
        GoogleApiCalendar adapter = google.adapter(email, eventsOnly());
        google.emulator.faults().failNext(1000, 503);

        Either<CalendarFailure, Written> refused = adapter.write(new Write.Create(meeting("Demo"), key("x")));
        google.emulator.faults().clear();
        google.emulator.faults().failNext(1000, 429);
        Either<CalendarFailure, Written> throttled = adapter.write(new Write.Create(meeting("Demo"), key("x")));
        google.emulator.faults().clear();

        assertThat(refused.getLeft()).isInstanceOf(CalendarFailure.Unavailable.class);
        assertThat(throttled.getLeft()).isInstanceOf(CalendarFailure.QuotaExceeded.class);
        saved(adapter.write(new Write.Create(meeting("Demo"), key("x"))));
        assertThat(liveEvents(user, email)).hasSize(1);
    }

    @Test
    void all_day_events_keep_their_dates_across_a_daylight_saving_change() {
        String email = newEmail();
        EmulatedUser user = google.user(email);
        GoogleApiCalendar adapter = google.adapter(email, eventsOnly().with(ZoneId.of("Europe/Berlin")));
        CalendarItem weekend = CalendarItem.event("Over the clock change", new Timing.AllDay(LocalDate.of(2026, 3, 28), LocalDate.of(2026, 3, 31)));

        Written.Saved created = saved(adapter.write(new Write.Create(weekend, key("dst"))));

        Event stored = event(user.event(email, GoogleIds.parse(created.id()).get().itemId()).get());
        assertThat(stored.getStart().getDate().toStringRfc3339()).isEqualTo("2026-03-28");
        assertThat(stored.getEnd().getDate().toStringRfc3339()).isEqualTo("2026-03-31");
        assertThat(stored.getStart().getDateTime()).isNull();
        Change.Upserted listed = drain(adapter, Cursor.START).get().upserts().head();
        assertThat(listed.item().timing()).isEqualTo(weekend.timing());
        assertThat(created.stored().timing()).isEqualTo(weekend.timing());
    }

    @Test
    void get_answers_the_item_or_none_when_it_is_gone() {
        String email = newEmail();
        EmulatedUser user = google.user(email);
        GoogleApiCalendar adapter = google.adapter(email, eventsOnly());
        Written.Saved created = saved(adapter.write(new Write.Create(meeting("Demo"), key("g"))));

        assertThat(adapter.get(created.id()).get().get().item().title()).isEqualTo("Demo");
        assertThat(adapter.get(created.id()).get().get().origin()).contains(key("g"));
        user.deleteEvent(email, GoogleIds.parse(created.id()).get().itemId());
        assertThat(adapter.get(created.id()).get()).isEmpty();
        assertThat(adapter.get(GoogleIds.event("primary", "neverthere3")).get()).isEmpty();
    }

    // ------------------------------------------------------------------ tasks

    @Test
    void tasks_go_round_trip_and_each_change_is_reported_once() {
        String email = newEmail();
        EmulatedUser user = google.user(email);
        GoogleApiCalendar adapter = google.adapter(email, SyncSettings.defaults().withKinds(HashSet.of(ItemKind.TASK)));
        String list = user.defaultTaskListId();
        user.seedTask(list, "{\"title\":\"Someday\"}");   // no due date: listed as undated (R14: a stand-in date in the CRM)
        Listing empty = drain(adapter, Cursor.START).get();
        CalendarItem todo = CalendarItem.task("Call Ann", Timing.Due.on(LocalDate.of(2026, 6, 1))).withDescription("Ask about <b>the offer</b>");

        Written.Saved created = saved(adapter.write(new Write.Create(todo, key("todo-1"))));
        Written.Saved again = saved(adapter.write(new Write.Create(todo, key("todo-1"))));
        Listing afterCreate = drain(adapter, empty.next()).get();
        String taskId = GoogleIds.parse(created.id()).get().itemId();
        user.editTask(list, taskId, "{\"status\":\"completed\"}");
        Listing afterComplete = drain(adapter, afterCreate.next()).get();
        Listing quiet = drain(adapter, afterComplete.next()).get();
        user.deleteTask(list, taskId);
        Listing afterDelete = drain(adapter, quiet.next()).get();

        assertThat(empty.upserts()).singleElement().satisfies(u -> {
            assertThat(u.item().title()).isEqualTo("Someday");
            assertThat(u.item().undated()).isTrue();
        });
        assertThat(again.id()).isEqualTo(created.id());
        assertThat(task(user.task(list, taskId).get()).getNotes()).isEqualTo("Ask about the offer\n\n[gsync crm:todo-1]");
        assertThat(created.stored().timing()).isEqualTo(todo.timing());
        assertThat(afterCreate.upserts().map(Change::id)).containsExactly(created.id());
        assertThat(afterComplete.upserts().map(u -> u.item().status())).containsExactly(ItemStatus.COMPLETED);
        assertThat(quiet.changes()).isEmpty();
        assertThat(afterDelete.removals().map(Change::id)).containsExactly(created.id());
        assertThat(List.ofAll(user.tasks(list)).map(GoogleApiCalendarTest::task).filter(t -> "Call Ann".equals(t.getTitle()))).hasSize(1);
    }

    @Test
    void tasks_are_listed_page_by_page_and_polled_by_update_time() {
        String email = newEmail();
        EmulatedUser user = google.user(email);
        GoogleApiCalendar adapter = google.adapter(email, SyncSettings.defaults().withKinds(HashSet.of(ItemKind.TASK)));
        String list = user.defaultTaskListId();
        java.util.List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 230; i++) ids.add(task(user.seedTask(list, "{\"title\":\"Task " + i + "\",\"due\":\"2026-07-01T00:00:00.000Z\"}")).getId());

        Listing full = drain(adapter, Cursor.START).get();
        user.editTask(list, ids.get(5), "{\"title\":\"Task 5, renamed\"}");
        Listing changes = drain(adapter, full.next()).get();

        assertThat(full.pages()).isGreaterThanOrEqualTo(3);   // 100 a page
        assertThat(full.upserts().map(Change::id).distinct()).hasSize(230);
        assertThat(changes.upserts().map(u -> u.item().title())).containsExactly("Task 5, renamed");
    }

    @Test
    void a_task_update_sets_only_its_fields_and_a_stale_one_is_refused() {
        String email = newEmail();
        EmulatedUser user = google.user(email);
        GoogleApiCalendar adapter = google.adapter(email, SyncSettings.defaults().withKinds(HashSet.of(ItemKind.TASK)));
        String list = user.defaultTaskListId();
        CalendarItem todo = CalendarItem.task("Call Ann", Timing.Due.on(LocalDate.of(2026, 6, 1))).withDescription("notes");
        Written.Saved created = saved(adapter.write(new Write.Create(todo, key("todo-2"))));

        Written.Saved done = saved(adapter.write(new Write.Update(created.id(), created.version(),
                todo.withStatus(ItemStatus.COMPLETED).withTitle("ignored"), HashSet.of(Field.STATUS))));
        Either<CalendarFailure, Written> stale = adapter.write(new Write.Update(created.id(), created.version(),
                todo.withTitle("late"), HashSet.of(Field.TITLE)));

        assertThat(done.stored().status()).isEqualTo(ItemStatus.COMPLETED);
        assertThat(done.stored().title()).isEqualTo("Call Ann");
        assertThat(stale).isEqualTo(Either.left(new CalendarFailure.Stale(created.id())));
        assertThat(task(user.task(list, GoogleIds.parse(created.id()).get().itemId()).get()).getTitle()).isEqualTo("Call Ann");
    }

    @Test
    void fields_held_by_google_tasks_exclude_what_it_cannot_keep() {
        GoogleApiCalendar adapter = google.adapter(newEmail());

        assertThat(adapter.fieldsHeld(ItemKind.TASK)).doesNotContain(Field.DUE_TIME, Field.LOCATION, Field.ATTENDEES,
                Field.REMINDERS, Field.RECURRENCE, Field.VISIBILITY);
        assertThat(adapter.fieldsHeld(ItemKind.EVENT)).doesNotContain(Field.DUE_TIME).contains(Field.ATTENDEES, Field.REMINDERS);
        assertThat(adapter.batchSize()).isEqualTo(50);
    }
}
