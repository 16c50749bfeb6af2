package dev.gsync.google;

import com.google.api.services.calendar.model.Event;
import com.google.api.services.tasks.model.Task;
import dev.gsync.core.model.Attendee;
import dev.gsync.core.model.CalendarItem;
import dev.gsync.core.model.ExternalId;
import dev.gsync.core.model.Field;
import dev.gsync.core.model.IdempotencyKey;
import dev.gsync.core.model.ItemKind;
import dev.gsync.core.model.ItemStatus;
import dev.gsync.core.model.Recurrence;
import dev.gsync.core.model.SeriesOrigin;
import dev.gsync.core.model.Timing;
import dev.gsync.core.model.Visibility;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Laws of the Google mappers and ids. */
class GoogleMapperProperties {
    private static final String CAL = "ann@example.com";
    private final GoogleEventMapper events = new GoogleEventMapper(ZoneId.of("UTC"));
    private final GoogleTaskMapper tasks = new GoogleTaskMapper(java.time.Clock.systemUTC(), ZoneId.of("UTC"));

    @Property(tries = 300)
    void an_event_read_back_from_what_was_written_is_the_same_on_every_field_google_holds(
            @ForAll("events") CalendarItem item, @ForAll("defaults") Seq<Integer> calendarDefaults) {
        Event written = events.toNewEvent(item, Option.none(), calendarDefaults).setId("abcde").setStatus(
                item.status() == ItemStatus.TENTATIVE ? "tentative" : "confirmed");

        CalendarItem read = events.toItem(CAL, written, calendarDefaults);

        for (Field field : GoogleEventMapper.HELD) assertThat(read.canonical(field)).as(field.name()).isEqualTo(item.canonical(field));
        assertThat(read.series()).isEqualTo(item.series());
    }

    @Property(tries = 200)
    void a_task_read_back_from_what_was_written_is_the_same_on_every_field_google_tasks_holds(@ForAll("tasks") CalendarItem item) {
        Task written = tasks.toNewTask(item).setId("t1");

        CalendarItem read = tasks.toItem(written, Option.none());

        for (Field field : GoogleTaskMapper.HELD) assertThat(read.canonical(field)).as(field.name()).isEqualTo(item.canonical(field));
        assertThat(read.canonical(Field.DUE_TIME)).isEmpty();
    }

    @Property(tries = 200)
    void an_update_never_touches_a_field_it_was_not_asked_to_set(@ForAll("events") CalendarItem before, @ForAll("events") CalendarItem after,
                                                               @ForAll("fieldSets") io.vavr.collection.Set<Field> fields) {
        Event existing = events.toNewEvent(before.withSeries(Option.none()), Option.none(), List.empty()).setId("abcde");

        CalendarItem merged = events.toItem(CAL, events.merge(existing, after, fields, List.empty()), List.empty());

        for (Field field : GoogleEventMapper.HELD) {
            CalendarItem expected = fields.contains(field) ? after : before;
            assertThat(merged.canonical(field)).as(field.name()).isEqualTo(expected.canonical(field));
        }
    }

    @Property
    void an_external_id_comes_apart_into_what_it_was_made_of(@ForAll("containers") String container, @ForAll("itemIds") String itemId,
                                                            @ForAll boolean task) {
        ExternalId id = task ? GoogleIds.task(itemId) : GoogleIds.event(container, itemId);

        assertThat(GoogleIds.parse(id).get()).isEqualTo(new GoogleIds.Ref(task, task ? "" : container, itemId));
        // an id of the older form, naming its task list, still comes apart
        assertThat(GoogleIds.parse(dev.gsync.core.model.ExternalId.of("task/" + java.net.URLEncoder.encode(container, java.nio.charset.StandardCharsets.UTF_8) + "/" + itemId)).get())
                .isEqualTo(new GoogleIds.Ref(true, container, itemId));
    }

    @Property
    void the_event_id_of_a_key_is_stable_and_valid_for_google(@ForAll("keys") String key) {
        String id = GoogleIds.eventIdFor(new IdempotencyKey(key));

        assertThat(id).matches("[0-9a-v]{5,1024}").isEqualTo(GoogleIds.eventIdFor(new IdempotencyKey(key)));
        assertThat(id).isNotEqualTo(GoogleIds.eventIdFor(new IdempotencyKey(key + "x")));
    }

    // ------------------------------------------------------------------ generators

    @Provide
    Arbitrary<String> keys() {
        return Arbitraries.strings().ofMinLength(1).ofMaxLength(60).filter(s -> !s.isBlank());
    }

    @Provide
    Arbitrary<String> containers() {
        return Arbitraries.oneOf(Arbitraries.of("primary", "@default", "team@group.calendar.google.com", "a/b c%2F?x=1"),
                Arbitraries.strings().ofMinLength(1).ofMaxLength(40));
    }

    @Provide
    Arbitrary<String> itemIds() {
        return Arbitraries.strings().withChars("0123456789abcdefghijklmnopqrstuvwxyzABC_-").ofMinLength(1).ofMaxLength(40);
    }

    @Provide
    Arbitrary<Seq<Integer>> defaults() {
        return Arbitraries.integers().between(0, 120).list().ofMaxSize(2).map(l -> List.ofAll(l).distinct().sorted());
    }

    @Provide
    Arbitrary<io.vavr.collection.Set<Field>> fieldSets() {
        return Arbitraries.of(GoogleEventMapper.HELD.toJavaList()).set().map(io.vavr.collection.HashSet::ofAll);
    }

    private static Arbitrary<String> words() {
        return Arbitraries.strings().withCharRange('a', 'z').withChars('ä', 'é', '1').ofMinLength(1).ofMaxLength(8);
    }

    private static Arbitrary<String> line() {
        return words().list().ofMinSize(1).ofMaxSize(4).map(w -> String.join(" ", w));
    }

    /** Descriptions as a CRM writes them, already clean: text, bold, italic, line breaks. */
    private static Arbitrary<String> html() {
        Arbitrary<String> piece = Arbitraries.oneOf(line(), line().map(l -> "<b>" + l + "</b>"), line().map(l -> "<i>" + l + "</i>"));
        return Arbitraries.oneOf(Arbitraries.just(""), piece.list().ofMinSize(1).ofMaxSize(3).map(p -> String.join("<br>", p)));
    }

    private static Arbitrary<Timing> eventTimings() {
        Arbitrary<Instant> start = Arbitraries.longs().between(0, 4_000_000_000L).map(s -> Instant.ofEpochSecond(s).truncatedTo(ChronoUnit.MINUTES));
        Arbitrary<ZoneId> zone = Arbitraries.of("UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe").map(ZoneId::of);
        Arbitrary<Timing> timed = Combinators.combine(start, Arbitraries.integers().between(0, 60 * 24 * 3), zone)
                .as((s, minutes, z) -> new Timing.Timed(s, s.plus(minutes, ChronoUnit.MINUTES), z));
        Arbitrary<Timing> allDay = Combinators.combine(Arbitraries.integers().between(-3000, 30000), Arbitraries.integers().between(1, 20))
                .as((day, length) -> new Timing.AllDay(LocalDate.ofEpochDay(day), LocalDate.ofEpochDay(day + length)));
        return Arbitraries.oneOf(timed, allDay);
    }

    private static Arbitrary<Seq<Attendee>> attendees() {
        Arbitrary<Attendee> one = Combinators.combine(words(), words().optional(), Arbitraries.of(Attendee.Response.class))
                .as((user, name, response) -> new Attendee(user + "@example.com", Option.ofOptional(name), response));
        return one.list().ofMaxSize(4).map(List::ofAll);
    }

    @Provide
    Arbitrary<CalendarItem> events() {
        Arbitrary<Recurrence> recurrence = Arbitraries.oneOf(Arbitraries.just(Recurrence.NONE),
                Arbitraries.integers().between(1, 50).map(n -> Recurrence.of("RRULE:FREQ=WEEKLY;COUNT=" + n)),
                Arbitraries.just(Recurrence.of("RRULE:FREQ=DAILY;INTERVAL=2", "EXDATE:20260105T090000Z")));
        Arbitrary<Seq<Integer>> reminders = Arbitraries.integers().between(0, GoogleEventMapper.MAX_REMINDER_MINUTES)
                .set().ofMaxSize(GoogleEventMapper.MAX_REMINDERS).map(List::ofAll);
        Arbitrary<Option<SeriesOrigin>> series = Arbitraries.oneOf(Arbitraries.just(Option.<SeriesOrigin>none()),
                Arbitraries.longs().between(0, 4_000_000_000L).map(s -> Option.of(new SeriesOrigin(GoogleIds.event(CAL, "series1"),
                        Instant.ofEpochSecond(s).truncatedTo(ChronoUnit.DAYS)))));
        return Combinators.combine(line(), html(), Arbitraries.oneOf(Arbitraries.just(""), line()), eventTimings(),
                        Arbitraries.of(Visibility.class), Arbitraries.of(ItemStatus.CONFIRMED, ItemStatus.TENTATIVE),
                        recurrence, series)
                .as((title, description, location, timing, visibility, status, rec, origin) ->
                        new CalendarItem(ItemKind.EVENT, title, description, location, timing, visibility, status, rec, origin, List.empty(), List.empty()))
                .flatMap(item -> Combinators.combine(reminders, attendees()).as((r, a) -> item.withReminders(r).withAttendees(a)));
    }

    @Provide
    Arbitrary<CalendarItem> tasks() {
        Arbitrary<String> notes = Arbitraries.oneOf(Arbitraries.just(""), line().list().ofMinSize(1).ofMaxSize(3).map(l -> String.join("<br>", l)));
        return Combinators.combine(line(), notes, Arbitraries.integers().between(0, 30000), Arbitraries.of(ItemStatus.OPEN, ItemStatus.COMPLETED))
                .as((title, description, day, status) -> CalendarItem.task(title, Timing.Due.on(LocalDate.ofEpochDay(day)))
                        .withDescription(description).withStatus(status));
    }
}
