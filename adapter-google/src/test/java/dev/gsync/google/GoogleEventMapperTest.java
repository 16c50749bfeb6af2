package dev.gsync.google;

import com.google.api.client.util.DateTime;
import com.google.api.services.calendar.model.ConferenceData;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.EventAttendee;
import com.google.api.services.calendar.model.EventDateTime;
import com.google.api.services.calendar.model.EventReminder;
import dev.gsync.core.model.Attendee;
import dev.gsync.core.model.CalendarItem;
import dev.gsync.core.model.Field;
import dev.gsync.core.model.IdempotencyKey;
import dev.gsync.core.model.ItemStatus;
import dev.gsync.core.model.Recurrence;
import dev.gsync.core.model.SeriesOrigin;
import dev.gsync.core.model.Timing;
import dev.gsync.core.model.Visibility;
import dev.gsync.core.port.Change;
import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class GoogleEventMapperTest {
    private static final String CAL = "team@group.calendar.google.com";
    private final GoogleEventMapper mapper = new GoogleEventMapper(ZoneId.of("Europe/Berlin"));

    private static Event timed(String id, String start, String end, String zone) {
        return new Event().setId(id).setEtag("\"1\"").setStatus("confirmed").setSummary("Demo")
                .setStart(new EventDateTime().setDateTime(DateTime.parseRfc3339(start)).setTimeZone(zone))
                .setEnd(new EventDateTime().setDateTime(DateTime.parseRfc3339(end)).setTimeZone(zone))
                .setUpdated(DateTime.parseRfc3339("2026-01-01T10:00:00.000Z"));
    }

    @Test
    void a_timed_event_keeps_its_instants_and_its_zone() {
        CalendarItem item = mapper.toItem(CAL, timed("abc12", "2026-03-01T09:00:00+01:00", "2026-03-01T10:30:00+01:00", "Europe/Zurich"), List.empty());

        assertThat(item.timing()).isEqualTo(new Timing.Timed(Instant.parse("2026-03-01T08:00:00Z"),
                Instant.parse("2026-03-01T09:30:00Z"), ZoneId.of("Europe/Zurich")));
    }

    @Test
    void a_timed_event_without_a_zone_is_read_in_the_users_zone() {
        CalendarItem item = mapper.toItem(CAL, timed("abc12", "2026-03-01T09:00:00Z", "2026-03-01T10:00:00Z", null), List.empty());

        assertThat(((Timing.Timed) item.timing()).zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    }

    @Test
    void an_all_day_event_is_whole_days_with_an_exclusive_end() {
        Event event = new Event().setId("abc12").setStatus("confirmed")
                .setStart(new EventDateTime().setDate(DateTime.parseRfc3339("2026-03-28")))
                .setEnd(new EventDateTime().setDate(DateTime.parseRfc3339("2026-03-31")));

        CalendarItem item = mapper.toItem(CAL, event, List.empty());

        assertThat(item.timing()).isEqualTo(new Timing.AllDay(LocalDate.of(2026, 3, 28), LocalDate.of(2026, 3, 31)));
        Event back = mapper.toNewEvent(item, Option.none(), List.empty());
        assertThat(back.getStart().getDate().toStringRfc3339()).isEqualTo("2026-03-28");
        assertThat(back.getEnd().getDate().toStringRfc3339()).isEqualTo("2026-03-31");
        assertThat(back.getStart().getDateTime()).isNull();
    }

    @Test
    void private_and_confidential_are_both_private() {
        assertThat(mapper.toItem(CAL, timed("a1234", "2026-03-01T09:00:00Z", "2026-03-01T10:00:00Z", "UTC").setVisibility("confidential"), List.empty()).visibility())
                .isEqualTo(Visibility.PRIVATE);
        assertThat(mapper.toItem(CAL, timed("a1234", "2026-03-01T09:00:00Z", "2026-03-01T10:00:00Z", "UTC").setVisibility("private"), List.empty()).visibility())
                .isEqualTo(Visibility.PRIVATE);
        assertThat(mapper.toItem(CAL, timed("a1234", "2026-03-01T09:00:00Z", "2026-03-01T10:00:00Z", "UTC").setVisibility("default"), List.empty()).visibility())
                .isEqualTo(Visibility.PUBLIC);
    }

    @Test
    void a_cancelled_event_is_a_removal_with_its_id_packed_with_the_calendar() {
        Change change = mapper.toChange(CAL, new Event().setId("gone1").setStatus("cancelled"), List.empty());

        assertThat(change).isInstanceOf(Change.Removed.class);
        assertThat(GoogleIds.parse(change.id()).get()).isEqualTo(new GoogleIds.Ref(false, CAL, "gone1"));
    }

    @Test
    void default_reminders_read_as_the_calendars_defaults_and_overrides_as_their_minutes() {
        Event usesDefault = timed("a1234", "2026-03-01T09:00:00Z", "2026-03-01T10:00:00Z", "UTC")
                .setReminders(new Event.Reminders().setUseDefault(true));
        Event overrides = timed("a1234", "2026-03-01T09:00:00Z", "2026-03-01T10:00:00Z", "UTC")
                .setReminders(new Event.Reminders().setUseDefault(false).setOverrides(java.util.List.of(
                        new EventReminder().setMethod("email").setMinutes(60), new EventReminder().setMethod("popup").setMinutes(5))));

        assertThat(mapper.toItem(CAL, usesDefault, List.of(10)).reminders()).containsExactly(10);
        assertThat(mapper.toItem(CAL, overrides, List.of(10)).reminders()).containsExactly(5, 60);
    }

    @Test
    void writing_the_calendars_default_reminders_keeps_use_default() {
        Event existing = timed("a1234", "2026-03-01T09:00:00Z", "2026-03-01T10:00:00Z", "UTC").setReminders(new Event.Reminders().setUseDefault(true));
        CalendarItem item = mapper.toItem(CAL, existing, List.of(10));

        Event same = mapper.merge(existing, item, HashSet.of(Field.REMINDERS), List.of(10));
        Event changed = mapper.merge(existing, item.withReminders(List.of(15, 1, 2, 3, 4, 5)), HashSet.of(Field.REMINDERS), List.of(10));

        assertThat(same.getReminders().getUseDefault()).isTrue();
        assertThat(changed.getReminders().getUseDefault()).isFalse();
        assertThat(changed.getReminders().getOverrides()).extracting(EventReminder::getMinutes).containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void attendees_carry_email_name_and_response() {
        Event event = timed("a1234", "2026-03-01T09:00:00Z", "2026-03-01T10:00:00Z", "UTC").setAttendees(java.util.List.of(
                new EventAttendee().setEmail("Ann@Example.com").setDisplayName("Ann").setResponseStatus("accepted"),
                new EventAttendee().setEmail("bob@example.com").setResponseStatus("tentative")));

        assertThat(mapper.toItem(CAL, event, List.empty()).attendees()).containsExactly(
                new Attendee("ann@example.com", Option.of("Ann"), Attendee.Response.ACCEPTED),
                new Attendee("bob@example.com", Option.none(), Attendee.Response.TENTATIVE));
    }

    @Test
    void an_exception_of_a_series_names_its_series_and_original_start() {
        Event exception = timed("series1_20260301T090000Z", "2026-03-01T11:00:00Z", "2026-03-01T12:00:00Z", "UTC")
                .setRecurringEventId("series1")
                .setOriginalStartTime(new EventDateTime().setDateTime(DateTime.parseRfc3339("2026-03-01T09:00:00Z")).setTimeZone("UTC"));
        Event master = timed("series1", "2026-02-01T09:00:00Z", "2026-02-01T10:00:00Z", "UTC")
                .setRecurrence(java.util.List.of("RRULE:FREQ=WEEKLY;COUNT=10", "EXDATE;TZID=UTC:20260208T090000"));

        assertThat(mapper.toItem(CAL, exception, List.empty()).series())
                .contains(new SeriesOrigin(GoogleIds.event(CAL, "series1"), Instant.parse("2026-03-01T09:00:00Z")));
        assertThat(mapper.toItem(CAL, master, List.empty()).recurrence())
                .isEqualTo(Recurrence.of("RRULE:FREQ=WEEKLY;COUNT=10", "EXDATE;TZID=UTC:20260208T090000"));
    }

    @Test
    void html_from_google_is_sanitised() {
        Event event = timed("a1234", "2026-03-01T09:00:00Z", "2026-03-01T10:00:00Z", "UTC")
                .setDescription("<p onclick=\"steal()\">Agenda <b>now</b></p><script>alert(1)</script><img src=x onerror=alert(2)>");

        String description = mapper.toItem(CAL, event, List.empty()).description();

        assertThat(description).isEqualTo("<p>Agenda <b>now</b></p>");
    }

    @Test
    void html_taken_away_on_the_way_is_reported_once_with_the_event_and_plain_or_safe_text_is_not() {
        Event risky = timed("a1234", "2026-03-01T09:00:00Z", "2026-03-01T10:00:00Z", "UTC").setSummary("Kick-off")
                .setDescription("<p onclick=\"steal()\">Agenda</p><script>alert(1)</script>");
        Event plain = timed("b1234", "2026-03-01T09:00:00Z", "2026-03-01T10:00:00Z", "UTC").setSummary("Plain")
                .setDescription("if a < b && c > d: <b>bold</b> and <a href=\"https://example.com\">a link</a>");

        mapper.toChange(CAL, risky, List.empty());
        mapper.toChange(CAL, plain, List.empty());

        assertThat(mapper.drainNotices()).singleElement().satisfies(n -> {
            assertThat(n.id()).isEqualTo(GoogleIds.event(CAL, "a1234"));
            assertThat(n.title()).isEqualTo("Kick-off");
            assertThat(n.what()).contains("HTML").contains("removed");
        });
        assertThat(mapper.drainNotices()).isEmpty();
    }

    @Test
    void an_update_sets_only_the_named_fields_and_keeps_what_gsync_does_not_model() {
        Event existing = timed("a1234", "2026-03-01T09:00:00Z", "2026-03-01T10:00:00Z", "UTC")
                .setColorId("5").setLocation("Room 1").setDescription("old")
                .setConferenceData(new ConferenceData().setConferenceId("meet-123"))
                .setAttendees(new java.util.ArrayList<>(java.util.List.of(new EventAttendee().setEmail("ann@example.com").setComment("late").setOptional(true))))
                .setExtendedProperties(new Event.ExtendedProperties().setPrivate(new java.util.HashMap<>(Map.of("crm", "42"))));
        CalendarItem wanted = mapper.toItem(CAL, existing, List.empty()).withTitle("Renamed").withLocation("Room 2")
                .withAttendees(List.of(new Attendee("ann@example.com", Option.of("Ann"), Attendee.Response.ACCEPTED)));

        Event merged = mapper.merge(existing, wanted, HashSet.of(Field.TITLE, Field.ATTENDEES), List.empty());

        assertThat(merged.getSummary()).isEqualTo("Renamed");
        assertThat(merged.getLocation()).isEqualTo("Room 1");   // LOCATION was not named
        assertThat(merged.getDescription()).isEqualTo("old");
        assertThat(merged.getColorId()).isEqualTo("5");
        assertThat(merged.getConferenceData().getConferenceId()).isEqualTo("meet-123");
        assertThat(merged.getExtendedProperties().getPrivate()).containsEntry("crm", "42");
        assertThat(merged.getAttendees().get(0).getComment()).isEqualTo("late");
        assertThat(merged.getAttendees().get(0).getOptional()).isTrue();
        assertThat(merged.getAttendees().get(0).getResponseStatus()).isEqualTo("accepted");
        assertThat(existing.getSummary()).isEqualTo("Demo");    // the cached copy is untouched
    }

    @Test
    void the_key_goes_into_the_private_properties_and_comes_back_as_origin() {
        CalendarItem item = CalendarItem.event("Demo", new Timing.Timed(Instant.parse("2026-03-01T09:00:00Z"), Instant.parse("2026-03-01T10:00:00Z"), ZoneId.of("UTC")));
        Event event = mapper.toNewEvent(item, Option.of(new IdempotencyKey("crm:42")), List.empty()).setId("abcde").setEtag("\"e\"");

        Change.Upserted change = (Change.Upserted) mapper.toChange(CAL, event, List.empty());

        assertThat(change.origin()).contains(new IdempotencyKey("crm:42"));
    }

    @Test
    void the_crms_cancelled_status_is_written_as_confirmed_and_tentative_as_tentative() {
        CalendarItem item = CalendarItem.event("Demo", Timing.AllDay.on(LocalDate.of(2026, 1, 1)));

        assertThat(mapper.toNewEvent(item.withStatus(ItemStatus.CANCELLED), Option.none(), List.empty()).getStatus()).isEqualTo("confirmed");
        assertThat(mapper.toNewEvent(item.withStatus(ItemStatus.TENTATIVE), Option.none(), List.empty()).getStatus()).isEqualTo("tentative");
    }
    @Test
    void occurrences_cancelled_on_their_own_read_as_one_exdate_line_of_their_series_in_its_zone() {
        Event rome = new Event().setId("s1").setRecurrence(new java.util.ArrayList<>(java.util.List.of("RRULE:FREQ=WEEKLY;COUNT=4", "EXDATE;TZID=Europe/Rome:20270301T100000")))
                .setStart(new EventDateTime().setDateTime(new DateTime("2027-02-08T10:00:00+01:00")).setTimeZone("Europe/Rome"));
        java.util.List<EventDateTime> cancelled = java.util.List.of(
                new EventDateTime().setDateTime(new DateTime("2027-02-22T09:00:00Z")).setTimeZone("Europe/Rome"),
                new EventDateTime().setDateTime(new DateTime("2027-02-15T10:00:00+01:00")),
                new EventDateTime().setDateTime(new DateTime("2027-03-01T10:00:00+01:00")));   // excluded by the rule already

        Event read = mapper.withCancelledOccurrences(rome, cancelled);

        assertThat(read.getRecurrence()).containsExactly("RRULE:FREQ=WEEKLY;COUNT=4", "EXDATE;TZID=Europe/Rome:20270301T100000",
                "EXDATE;TZID=Europe/Rome:20270215T100000,20270222T100000");
        assertThat(rome.getRecurrence()).as("the event given is left alone").hasSize(2);
        Event utc = new Event().setId("s2").setRecurrence(new java.util.ArrayList<>(java.util.List.of("RRULE:FREQ=DAILY;COUNT=3")))
                .setStart(new EventDateTime().setDateTime(new DateTime("2027-02-08T09:00:00Z")).setTimeZone("UTC"));
        assertThat(mapper.withCancelledOccurrences(utc, java.util.List.of(new EventDateTime().setDateTime(new DateTime("2027-02-09T09:00:00Z")))).getRecurrence())
                .containsExactly("RRULE:FREQ=DAILY;COUNT=3", "EXDATE:20270209T090000Z");
        Event allDay = new Event().setId("s3").setRecurrence(new java.util.ArrayList<>(java.util.List.of("RRULE:FREQ=DAILY;COUNT=3")))
                .setStart(new EventDateTime().setDate(new DateTime("2027-02-08")));
        assertThat(mapper.withCancelledOccurrences(allDay, java.util.List.of(new EventDateTime().setDate(new DateTime("2027-02-10")))).getRecurrence())
                .containsExactly("RRULE:FREQ=DAILY;COUNT=3", "EXDATE;VALUE=DATE:20270210");
        assertThat(mapper.withCancelledOccurrences(rome, java.util.List.of(cancelled.get(2)))).as("nothing new").isSameAs(rome);
    }
}
