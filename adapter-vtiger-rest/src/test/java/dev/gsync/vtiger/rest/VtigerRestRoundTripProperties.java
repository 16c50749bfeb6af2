package dev.gsync.vtiger.rest;

import dev.gsync.core.model.CalendarItem;
import dev.gsync.core.model.Field;
import dev.gsync.core.model.ItemKind;
import dev.gsync.core.model.ItemStatus;
import dev.gsync.core.model.Recurrence;
import dev.gsync.core.model.Timing;
import dev.gsync.core.model.Visibility;
import dev.gsync.core.port.Change;
import dev.gsync.core.port.Written;
import io.vavr.collection.List;
import io.vavr.control.Option;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Whatever gsync writes through the webservice reads back equal on every field vtiger holds. */
class VtigerRestRoundTripProperties {
    private static FakeVtiger vtiger;
    private static VtigerRestCalendar alice;   // user zone UTC
    private static VtigerRestCalendar bob;     // user zone Europe/Rome
    private static final AtomicInteger keys = new AtomicInteger();
    private static final ZoneId ROME = ZoneId.of("Europe/Rome");

    @BeforeContainer
    static void start() {
        vtiger = Fixtures.vtiger();
        alice = Fixtures.alice(vtiger);
        bob = new VtigerRestCalendar(Fixtures.settings(vtiger), new VtigerUser("bob", AccessKey.of(Fixtures.BOB_KEY)));
    }

    @AfterContainer
    static void stop() {
        vtiger.close();
    }

    @Property(tries = 200)
    void an_item_written_reads_back_equal_on_every_field_vtiger_holds(@ForAll("items") CalendarItem item, @ForAll boolean inRome) {
        VtigerRestCalendar cal = inRome ? bob : alice;
        ZoneId zone = inRome ? ROME : ZoneId.of("UTC");
        Assume.that(existsOnce(item.timing(), zone));

        Written.Saved saved = Fixtures.create(cal, item, "prop-" + keys.incrementAndGet());
        Change.Upserted read = cal.get(saved.id()).get().get();

        CalendarItem expected = item.timing() instanceof Timing.Timed t ? item.withTiming(new Timing.Timed(t.start(), t.end(), zone)) : item;
        for (Field f : cal.fieldsHeld(item.kind())) {
            assertThat(read.item().canonical(f)).as(f.name()).isEqualTo(expected.canonical(f));
            assertThat(saved.stored().canonical(f)).as("stored " + f.name()).isEqualTo(expected.canonical(f));
        }
        assertThat(read.version()).isEqualTo(saved.version());
    }

    /** A wall-clock time in a DST gap cannot be written as such; vtiger's UI has the same problem. */
    private static boolean existsOnce(Timing timing, ZoneId zone) {
        if (timing instanceof Timing.Due due && due.time().isDefined())
            return zone.getRules().getValidOffsets(due.date().atTime(due.time().get())).size() == 1;
        return true;
    }

    @Provide
    Arbitrary<CalendarItem> items() {
        return Arbitraries.oneOf(events(), tasks());
    }

    private Arbitrary<String> text(int min, int max) {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("abcXYZ 019'\";<>&\\%_#/é中€\u00a0").ofMinLength(min).ofMaxLength(max),
                Arbitraries.of("<b>bold</b> &amp; more", "<script>alert(\"x\")</script> &lt;", "Tom & Jerry", "&copy; 2026", "a &lt; b",
                        "line 1\nline 2", "'; DROP TABLE vtiger_activity; --", "R&D <lab>"));
    }

    private Arbitrary<CalendarItem> events() {
        Arbitrary<Instant> start = Arbitraries.longs().between(1_577_836_800L, 1_893_456_000L).map(Instant::ofEpochSecond);
        Arbitrary<Timing> timing = Arbitraries.oneOf(
                Combinators.combine(start, Arbitraries.longs().between(0, 3 * 86_400)).as((s, len) -> new Timing.Timed(s, s.plusSeconds(len), ZoneId.of("UTC"))),
                Combinators.combine(Arbitraries.longs().between(0, 3650).map(d -> LocalDate.of(2020, 1, 1).plusDays(d)), Arbitraries.integers().between(1, 5))
                        .as((d, n) -> new Timing.AllDay(d, d.plusDays(n))));
        Arbitrary<List<Integer>> reminders = Arbitraries.oneOf(Arbitraries.just(List.empty()),
                Arbitraries.integers().between(0, 40_000).filter(m -> m % 60 != 1).map(List::of));
        return Combinators.combine(text(1, 60).filter(s -> !s.isBlank()), text(0, 120), text(0, 30), timing,
                        Arbitraries.of(Visibility.class), Arbitraries.of(ItemStatus.CONFIRMED, ItemStatus.CANCELLED), reminders)
                .as((title, description, location, t, visibility, status, rem) -> new CalendarItem(ItemKind.EVENT, title, description,
                        location, t, visibility, status, Recurrence.NONE, Option.none(), rem, List.empty()));
    }

    private Arbitrary<CalendarItem> tasks() {
        Arbitrary<Timing> due = Combinators.combine(
                Arbitraries.longs().between(0, 3650).map(d -> LocalDate.of(2020, 1, 1).plusDays(d)),
                Arbitraries.oneOf(Arbitraries.just(Option.<LocalTime>none()),
                        Arbitraries.integers().between(0, 86_399).map(s -> Option.some(LocalTime.ofSecondOfDay(s)))))
                .as(Timing.Due::new);
        return Combinators.combine(text(1, 60).filter(s -> !s.isBlank()), text(0, 120), text(0, 30), due,
                        Arbitraries.of(Visibility.class), Arbitraries.of(ItemStatus.OPEN, ItemStatus.COMPLETED))
                .as((title, description, location, t, visibility, status) -> new CalendarItem(ItemKind.TASK, title, description,
                        location, t, visibility, status, Recurrence.NONE, Option.none(), List.empty(), List.empty()));
    }

}
