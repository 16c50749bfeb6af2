package dev.gsync.core.plan;

import dev.gsync.core.fixtures.Items;
import dev.gsync.core.fixtures.World;
import dev.gsync.core.model.CalendarItem;
import dev.gsync.core.model.HourWindow;
import dev.gsync.core.model.Side;
import dev.gsync.core.model.SyncSettings;
import dev.gsync.core.model.Timing;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import static org.assertj.core.api.Assertions.assertThat;

/** Law 7: the hour window, checked against a minute-by-minute oracle, across midnight and DST changes. */
class HourWindowProperties {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Provide
    Arbitrary<HourWindow> windows() {
        Arbitrary<LocalTime> times = Arbitraries.integers().between(0, 95).map(q -> LocalTime.MIDNIGHT.plusMinutes(15L * q));
        return net.jqwik.api.Combinators.combine(times, times).as(HourWindow::new);
    }

    /** Starts around the spring and autumn DST changes of 2026 (29 March, 25 October) and an ordinary day. */
    @Provide
    Arbitrary<Instant> starts() {
        return Arbitraries.of("2026-03-28T00:00:00Z", "2026-10-24T00:00:00Z", "2026-06-10T00:00:00Z").map(Instant::parse)
                .flatMap(day -> Arbitraries.integers().between(0, 72 * 4).map(q -> day.plus(Duration.ofMinutes(15L * q))));
    }

    /** Walks the event minute by minute in local time: the slow, obviously right answer. */
    private static boolean oracle(Instant start, Instant end, HourWindow window) {
        if (window.isWholeDay()) return true;
        Instant last = start.equals(end) ? start.plusSeconds(1) : end;
        for (Instant t = start; t.isBefore(last); t = t.plus(Duration.ofMinutes(1))) {
            LocalTime local = ZonedDateTime.ofInstant(t, BERLIN).toLocalTime();
            boolean inside = window.wrapsMidnight()
                    ? !local.isBefore(window.opens()) || local.isBefore(window.closes())
                    : !local.isBefore(window.opens()) && local.isBefore(window.closes());
            if (inside) return true;
        }
        return false;
    }

    /** The two DST samples jqwik once found: a window edge the clocks skip, and local times that happen twice. */
    @net.jqwik.api.Example
    void a_window_edge_in_a_dst_gap_or_overlap_is_placed_where_local_time_reaches_it() {
        HourWindow beforeTheGap = new HourWindow(LocalTime.MIDNIGHT, LocalTime.of(2, 15));       // 02:15 does not exist on 29 March
        Instant justAfterTheJump = Instant.parse("2026-03-29T01:00:00Z");                          // 03:00 CEST
        assertThat(Scope.overlapsWindow(justAfterTheJump, justAfterTheJump, beforeTheGap, BERLIN)).isFalse();
        assertThat(oracle(justAfterTheJump, justAfterTheJump, beforeTheGap)).isFalse();

        HourWindow twice = new HourWindow(LocalTime.of(2, 0), LocalTime.of(2, 30));              // happens twice on 25 October
        Instant secondTwoOClock = Instant.parse("2026-10-25T01:00:00Z");                           // 02:00 CET
        assertThat(Scope.overlapsWindow(secondTwoOClock, secondTwoOClock.plus(Duration.ofMinutes(10)), twice, BERLIN)).isTrue();
    }

    @Property(tries = 400)
    void an_event_is_in_the_window_exactly_when_some_minute_of_it_is(@ForAll("windows") HourWindow window,
                                                                     @ForAll("starts") Instant start,
                                                                     @ForAll @IntRange(min = 0, max = 40) int quarters) {
        Instant end = start.plus(Duration.ofMinutes(15L * quarters));

        assertThat(Scope.overlapsWindow(start, end, window, BERLIN)).isEqualTo(oracle(start, end, window));
    }

    @Property(tries = 60)
    void an_event_wholly_outside_the_window_never_crosses(@ForAll("windows") HourWindow window, @ForAll Side createdOn,
                                                          @ForAll("starts") Instant start, @ForAll @IntRange(min = 0, max = 16) int quarters) {
        World world = new World(SyncSettings.defaults(BERLIN).with(window));
        world.clock.advance(Duration.between(World.NOW, start.minus(Duration.ofDays(1))));
        Instant end = start.plus(Duration.ofMinutes(15L * quarters));
        world.side(createdOn).add(CalendarItem.event("Standup", new Timing.Timed(start, end, BERLIN)));

        world.sync();

        assertThat(world.items(createdOn.other()).size()).isEqualTo(oracle(start, end, window) ? 1 : 0);
    }

    @Property(tries = 20)
    void all_day_events_cross_only_when_in_scope(@ForAll boolean allDayInScope, @ForAll Side createdOn) {
        World world = new World(SyncSettings.defaults(Items.ROME).withAllDayInScope(allDayInScope));
        world.side(createdOn).add(CalendarItem.event("Holiday", Timing.AllDay.on(java.time.LocalDate.of(2026, 3, 29))));

        world.sync();

        assertThat(world.items(createdOn.other()).size()).isEqualTo(allDayInScope ? 1 : 0);
    }
}
