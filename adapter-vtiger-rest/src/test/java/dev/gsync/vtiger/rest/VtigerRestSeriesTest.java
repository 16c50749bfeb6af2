package dev.gsync.vtiger.rest;

import dev.gsync.core.memory.InMemoryGoogleCalendar;
import dev.gsync.core.memory.InMemorySyncStateStore;
import dev.gsync.core.model.CalendarItem;
import dev.gsync.core.model.ExternalId;
import dev.gsync.core.model.Recurrence;
import dev.gsync.core.model.SeriesOrigin;
import dev.gsync.core.model.Side;
import dev.gsync.core.model.SyncSettings;
import dev.gsync.core.model.Timing;
import dev.gsync.core.model.UserId;
import dev.gsync.core.run.RunOptions;
import dev.gsync.core.run.RunReport;
import dev.gsync.core.run.SyncRun;
import io.vavr.control.Option;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import static dev.gsync.vtiger.rest.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14, item 4 over REST, with the real SyncRun, this adapter on the fake webservice (real HTTP) and the in-memory
 * Google side: a Google series becomes one vtiger record per occurrence; a change of the whole series reaches every
 * record; a moved instance reaches its record, a cancelled one deletes it; and nothing flips back afterwards.
 */
class VtigerRestSeriesTest {
    private static final UserId ALICE = UserId.of("alice");
    private final Clock clock = Clock.fixed(Instant.parse("2026-01-25T08:00:00Z"), UTC);
    private FakeVtiger vtiger;

    @AfterEach
    void stop() {
        if (vtiger != null) vtiger.close();
    }

    private RunReport run(VtigerRestCalendar crm, InMemoryGoogleCalendar google, InMemorySyncStateStore store) {
        vtiger.advance(Duration.ofSeconds(2));
        RunReport report = new SyncRun(crm, google, store, clock).run(ALICE, SyncSettings.defaults(), RunOptions.DEFAULT);
        assertThat(report.failures()).as(report.summary()).isEmpty();
        return report;
    }

    private static void nothingWritten(RunReport report) {
        for (Side side : Side.values()) {
            RunReport.Counts c = report.counts(side);
            assertThat(c.created() + c.updated() + c.deleted()).as(report.summary()).isZero();
        }
    }

    /** The live vtiger records as "start subject", in time order. */
    private List<String> records() {
        return vtiger.liveIds().stream().map(vtiger::rec)
                .sorted(Comparator.comparing((FakeVtiger.Rec r) -> r.fields.get("date_start") + " " + r.fields.get("time_start")))
                .map(r -> r.fields.get("date_start") + " " + r.fields.get("time_start") + " " + r.fields.get("subject")).toList();
    }

    private static Timing.Timed at(String start) {
        Instant s = Instant.parse(start);
        return new Timing.Timed(s, s.plus(Duration.ofHours(1)), UTC);
    }

    private record World(VtigerRestCalendar crm, InMemoryGoogleCalendar google, InMemorySyncStateStore store, ExternalId series) {}

    /** alice on the fake in the given feed mode, and a weekly Google series of 4 (not synced yet). */
    private World weeklyStandup(FeedMode mode) {
        vtiger = Fixtures.vtiger();
        vtiger.syncBroken = mode == FeedMode.QUERY;
        InMemoryGoogleCalendar google = new InMemoryGoogleCalendar(clock);
        ExternalId series = google.add(CalendarItem.event("Standup", at("2026-02-02T09:00:00Z"))
                .withRecurrence(Recurrence.of("RRULE:FREQ=WEEKLY;COUNT=4")));
        return new World(alice(vtiger), google, new InMemorySyncStateStore(), series);
    }

    @ParameterizedTest
    @EnumSource(FeedMode.class)
    void a_google_series_becomes_one_record_per_occurrence_and_its_edits_reach_them(FeedMode mode) {
        World w = weeklyStandup(mode);
        VtigerRestCalendar crm = w.crm();
        InMemoryGoogleCalendar google = w.google();
        InMemorySyncStateStore store = w.store();
        ExternalId series = w.series();

        // one record per occurrence, as vtiger's UI would have made them
        RunReport first = run(crm, google, store);
        assertThat(first.counts(Side.CRM).created()).isEqualTo(1);
        assertThat(records()).containsExactly("2026-02-02 09:00:00 Standup", "2026-02-09 09:00:00 Standup",
                "2026-02-16 09:00:00 Standup", "2026-02-23 09:00:00 Standup");
        nothingWritten(run(crm, google, store));
        assertThat(google.items()).hasSize(1);

        // a change of the whole series reaches every record
        google.edit(series, i -> i.withTitle("Standup (room 2)"));
        run(crm, google, store);
        assertThat(records()).allMatch(r -> r.endsWith("Standup (room 2)")).hasSize(4);

        // one instance moved by two hours in Google: its record moves, the others stay
        ExternalId moved = google.add(CalendarItem.event("Standup (room 2)", at("2026-02-09T11:00:00Z"))
                .withSeries(Option.some(new SeriesOrigin(series, Instant.parse("2026-02-09T09:00:00Z")))));
        run(crm, google, store);
        assertThat(records()).containsExactly("2026-02-02 09:00:00 Standup (room 2)", "2026-02-09 11:00:00 Standup (room 2)",
                "2026-02-16 09:00:00 Standup (room 2)", "2026-02-23 09:00:00 Standup (room 2)");

        // moved back to its place and then moved again: its record follows both times
        google.edit(moved, i -> i.withTiming(at("2026-02-09T09:00:00Z")));
        run(crm, google, store);
        assertThat(records()).allMatch(r -> r.contains(" 09:00:00 ")).hasSize(4);
        google.edit(moved, i -> i.withTiming(at("2026-02-09T11:00:00Z")));
        run(crm, google, store);
        assertThat(records()).contains("2026-02-09 11:00:00 Standup (room 2)");

        // one instance cancelled in Google: its record goes
        google.edit(series, i -> i.withRecurrence(Recurrence.of("RRULE:FREQ=WEEKLY;COUNT=4", "EXDATE:20260216T090000Z")));
        run(crm, google, store);
        assertThat(records()).containsExactly("2026-02-02 09:00:00 Standup (room 2)", "2026-02-09 11:00:00 Standup (room 2)",
                "2026-02-23 09:00:00 Standup (room 2)");

        // settled: nothing flips back, no duplicate on either side
        nothingWritten(run(crm, google, store));
        assertThat(google.items()).hasSize(2);

        // and the series deleted in Google takes every record with it
        google.remove(moved);   // as Google does: the series goes with its exceptions
        google.remove(series);
        RunReport gone = run(crm, google, store);
        assertThat(records()).as(gone.summary() + gone.notes()).isEmpty();
    }

    /** The record of the occurrence starting on {@code date} at 09:00. */
    private String recordOn(String date) {
        return vtiger.liveIds().stream().filter(id -> (date + " 09:00:00").equals(vtiger.rec(id).fields.get("date_start") + " " + vtiger.rec(id).fields.get("time_start")))
                .findFirst().orElseThrow();
    }

    /** What Google shows of the series: its occurrences' starts (EXDATEs taken out), as "2026-02-02T09:00:00Z". */
    private static List<String> occurrences(InMemoryGoogleCalendar google, ExternalId series) {
        CalendarItem item = google.items().get(series).get();
        dev.gsync.vtiger.mapping.VtigerRecurrence codec = new dev.gsync.vtiger.mapping.VtigerRecurrence(new dev.gsync.vtiger.mapping.VtigerTimes(UTC, UTC));
        return codec.expand(item).get().occurrences().map(t -> ((Timing.Timed) t).start().toString()).toJavaList();
    }

    @ParameterizedTest
    @EnumSource(FeedMode.class)
    void an_occurrence_record_deleted_in_vtigers_ui_leaves_the_google_series_at_the_next_run(FeedMode mode) {
        vtiger = Fixtures.vtiger();
        vtiger.syncBroken = mode == FeedMode.QUERY;
        VtigerRestCalendar crm = alice(vtiger);
        InMemoryGoogleCalendar google = new InMemoryGoogleCalendar(clock);
        InMemorySyncStateStore store = new InMemorySyncStateStore();
        ExternalId series = google.add(CalendarItem.event("Standup", at("2026-02-02T09:00:00Z"))
                .withRecurrence(Recurrence.of("RRULE:FREQ=WEEKLY;COUNT=4")));
        run(crm, google, store);
        assertThat(vtiger.liveIds()).hasSize(4);
        nothingWritten(run(crm, google, store));   // settled: the feed no longer shows the records just made

        // a CRM user deletes the third occurrence's record in vtiger's UI (a plain member: only the series is linked)
        vtiger.deleteInUi(recordOn("2026-02-16"), 1);
        RunReport next = run(crm, google, store);

        assertThat(occurrences(google, series)).as(next.summary())
                .containsExactly("2026-02-02T09:00:00Z", "2026-02-09T09:00:00Z", "2026-02-23T09:00:00Z");
        assertThat(records()).containsExactly("2026-02-02 09:00:00 Standup", "2026-02-09 09:00:00 Standup", "2026-02-23 09:00:00 Standup");
        nothingWritten(run(crm, google, store));

        // the first record too (the one the series is named after): the series lives on without it
        vtiger.deleteInUi(recordOn("2026-02-02"), 1);
        run(crm, google, store);
        assertThat(occurrences(google, series)).containsExactly("2026-02-09T09:00:00Z", "2026-02-23T09:00:00Z");
        assertThat(records()).containsExactly("2026-02-09 09:00:00 Standup", "2026-02-23 09:00:00 Standup");
        nothingWritten(run(crm, google, store));
        assertThat(google.items()).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(FeedMode.class)
    void a_record_saved_in_vtigers_ui_without_its_comments_stays_in_its_series(FeedMode mode) {
        World w = weeklyStandup(mode);
        VtigerRestCalendar crm = w.crm();
        InMemoryGoogleCalendar google = w.google();
        InMemorySyncStateStore store = w.store();
        ExternalId series = w.series();
        run(crm, google, store);
        // renamed (every record revised) and a week longer (a 5th record made later) in Google first
        google.edit(series, i -> i.withTitle("Standup (room 2)").withRecurrence(Recurrence.of("RRULE:FREQ=WEEKLY;COUNT=5")));
        run(crm, google, store);
        google.edit(series, i -> i.withTitle("Standup (room 3)"));   // every record revised again, nothing made
        run(crm, google, store);
        List<String> ids = vtiger.liveIds().stream().sorted(Comparator.comparing(Long::valueOf)).toList();
        assertThat(ids).hasSize(5);

        // the 3rd, the 5th and then the 1st (the one the series is named after) saved in vtiger's UI with a new
        // description: vtiger's purifier drops gsync's comments (series and key) from what it saves
        vtiger.saveInUi(ids.get(2), java.util.Map.of("description", "bring the numbers"), 1);
        vtiger.saveInUi(ids.get(4), java.util.Map.of("description", "last one"), 1);
        run(crm, google, store);
        vtiger.saveInUi(ids.get(0), java.util.Map.of("description", "agenda: budget"), 1);
        run(crm, google, store);

        // still one series in Google: they are changed occurrences of it, no event of their own, nothing lost
        assertThat(records()).hasSize(5);
        assertThat(google.items().values().filter(i -> i.recurrence().isRecurring()).map(CalendarItem::title)).containsExactly("Standup (room 3)");
        assertThat(google.items().values().filter(i -> !i.recurrence().isRecurring()).map(i -> i.series().map(SeriesOrigin::originalStart).getOrNull() + " " + i.description()))
                .containsExactlyInAnyOrder("2026-02-02T09:00:00Z agenda: budget", "2026-02-16T09:00:00Z bring the numbers", "2026-03-02T09:00:00Z last one");
        assertThat(google.items()).hasSize(4);
        // and the records carry their comments again, so the next reads find them as before
        for (String id : ids) assertThat(vtiger.rec(id).fields.get("description")).contains("gsync-series:s" + ids.get(0) + ":");
        nothingWritten(run(crm, google, store));
        assertThat(google.items().get(series).get().title()).isEqualTo("Standup (room 3)");
    }

    @org.junit.jupiter.api.Test
    void a_series_counts_as_removed_only_when_none_of_its_records_is_left_and_its_first_is_gone() {
        vtiger = Fixtures.vtiger();
        VtigerRestCalendar crm = alice(vtiger);
        dev.gsync.core.port.Written.Saved made = create(crm, CalendarItem.event("Weekly", at("2026-02-02T09:00:00Z"))
                .withRecurrence(Recurrence.of("RRULE:FREQ=WEEKLY;COUNT=2")), "w");
        dev.gsync.core.port.Written.Saved uiParent = create(crm, meeting("First of a series made in vtiger's UI"), "ui");
        ExternalId uiSeries = ExternalId.of("s" + uiParent.id().value());

        assertThat(made.id().value()).startsWith("s");
        assertThat(crm.removedAmong(io.vavr.collection.HashSet.of(made.id(), uiSeries)).get()).isEmpty();

        for (String id : vtiger.liveIds()) if (!id.equals(uiParent.id().value())) vtiger.deleteInUi(id, 1);
        assertThat(crm.removedAmong(io.vavr.collection.HashSet.of(made.id(), uiSeries)).get().map(dev.gsync.core.port.Change::id))
                .containsExactly(made.id());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"all-day", "Rome across DST"})
    void all_day_series_and_series_across_a_dst_change_read_back_as_written(String kind) {
        vtiger = Fixtures.vtiger();
        VtigerRestCalendar crm = new VtigerRestCalendar(settings(vtiger), new VtigerUser("bob", AccessKey.of(BOB_KEY)));   // bob: Europe/Rome
        java.time.ZoneId rome = java.time.ZoneId.of("Europe/Rome");
        CalendarItem item = kind.equals("all-day")
                ? CalendarItem.event("Holiday", new Timing.AllDay(java.time.LocalDate.parse("2026-03-02"), java.time.LocalDate.parse("2026-03-04")))
                        .withRecurrence(Recurrence.of("RRULE:FREQ=WEEKLY;COUNT=3"))
                : CalendarItem.event("Jour fixe", new Timing.Timed(Instant.parse("2026-03-17T09:00:00Z"), Instant.parse("2026-03-17T10:00:00Z"), rome))
                        .withRecurrence(Recurrence.of("RRULE:FREQ=WEEKLY;COUNT=3"));   // 10:00 Rome: 09:00Z, then 08:00Z after 29 March

        dev.gsync.core.port.Written.Saved made = create(crm, item, "x" + kind.hashCode());
        Pass read = pass(crm, dev.gsync.core.port.Cursor.START);

        assertThat(vtiger.liveIds()).hasSize(3);
        assertThat(read.upserted()).singleElement().satisfies(u -> {
            assertThat(u.id()).isEqualTo(made.id());
            assertThat(u.item()).isEqualTo(made.stored());
            assertThat(u.item().timing()).isEqualTo(item.timing());
            assertThat(u.item().recurrence().lines()).noneMatch(l -> l.startsWith("EXDATE"));
        });
        if (!kind.equals("all-day"))
            assertThat(records()).contains("2026-03-31 08:00:00 Jour fixe");   // still 10:00 in Rome after the change
    }
}
