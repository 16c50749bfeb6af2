package dev.gsync.vtiger.rest;

import dev.gsync.core.memory.InMemoryGoogleCalendar;
import dev.gsync.core.memory.InMemorySyncStateStore;
import dev.gsync.core.model.CalendarItem;
import dev.gsync.core.model.ExternalId;
import dev.gsync.core.model.SyncSettings;
import dev.gsync.core.model.UserId;
import dev.gsync.core.run.RunOptions;
import dev.gsync.core.run.RunReport;
import dev.gsync.core.run.SyncRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import static dev.gsync.vtiger.rest.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Sync stories with the real SyncRun, this adapter on the fake vtiger, and the in-memory Google side. */
class VtigerRestSyncRunTest {
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
        assertThat(report.failures()).as(report.toString()).isEmpty();
        return report;
    }

    @ParameterizedTest
    @EnumSource(FeedMode.class)
    void a_google_event_lands_once_even_when_the_link_was_lost_then_edits_and_deletes_in_vtiger_reach_google(FeedMode mode) {
        vtiger = Fixtures.vtiger();
        vtiger.syncBroken = mode == FeedMode.QUERY;
        VtigerRestCalendar crm = alice(vtiger);
        InMemoryGoogleCalendar google = new InMemoryGoogleCalendar(clock);
        ExternalId board = google.add(meeting("Board meeting"));

        // the first run copies the event into vtiger, and its report says how the vtiger feed was read
        RunReport first = run(crm, google, new InMemorySyncStateStore());
        assertThat(vtiger.liveIds()).hasSize(1);
        assertThat(first.notes()).anyMatch(n -> n.startsWith("vtiger change feed: " + mode + " mode"));
        String vtigerId = vtiger.liveIds().get(0);

        // a crash lost the link and the cursors: the next run recognises its own copy by the key in the marker
        InMemorySyncStateStore store = new InMemorySyncStateStore();
        run(crm, google, store);
        assertThat(vtiger.liveIds()).containsExactly(vtigerId);
        assertThat(google.items()).hasSize(1);
        assertThat(store.linkCount(ALICE)).isEqualTo(1);

        // someone renames it in vtiger's UI
        vtiger.advance(Duration.ofSeconds(3));
        vtiger.editInUi(vtigerId, "subject", "Board meeting (moved)", 1);
        run(crm, google, store);
        assertThat(google.item(board).map(CalendarItem::title).get()).isEqualTo("Board meeting (moved)");

        // and deletes it there
        vtiger.advance(Duration.ofSeconds(3));
        vtiger.deleteInUi(vtigerId, 1);
        run(crm, google, store);
        assertThat(google.item(board)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void a_value_changed_on_the_way_is_named_in_the_run_report_and_the_item_still_syncs_once() {
        vtiger = Fixtures.vtiger();
        VtigerRestCalendar crm = alice(vtiger);
        InMemoryGoogleCalendar google = new InMemoryGoogleCalendar(clock);
        google.add(meeting("Q".repeat(300)));
        InMemorySyncStateStore store = new InMemorySyncStateStore();

        RunReport first = run(crm, google, store);

        String id = vtiger.liveIds().get(0);
        assertThat(first.notes()).contains("changed on the way: " + id + " '" + "Q".repeat(255) + "': title cut to vtiger's 255 characters");
        // the cut is what vtiger holds now: the next run neither writes it back nor reports it again
        RunReport second = run(crm, google, store);
        assertThat(second.notes()).noneMatch(n -> n.startsWith("changed on the way"));
        assertThat(second.counts(dev.gsync.core.model.Side.GOOGLE).updated() + second.counts(dev.gsync.core.model.Side.CRM).updated()).isZero();
        assertThat(google.items().values().map(CalendarItem::title)).containsExactly("Q".repeat(300));
    }

    /** Issue 10: a linked record deleted in vtiger reaches Google at the next run, with 5,000 records out of scope. */
    @ParameterizedTest
    @EnumSource(FeedMode.class)
    void a_linked_deletion_among_thousands_of_out_of_scope_records_reaches_google_at_the_next_run(FeedMode mode) {
        vtiger = Fixtures.vtiger();
        vtiger.syncBroken = mode == FeedMode.QUERY;
        for (int i = 0; i < 5_000; i++) {   // 2024: far behind the horizon; written over a minute or so
            if (i % 100 == 0) vtiger.advance(Duration.ofSeconds(1));
            FakeVtiger.Rec old = vtiger.rec(vtiger.insertRaw(1, "Old " + i, ""));
            old.fields.put("date_start", "2024-01-01");
            old.fields.put("due_date", "2024-01-01");
        }
        String review = vtiger.insertRaw(1, "Offer review", "");
        String standup = vtiger.insertRaw(1, "Standup", "");
        for (String id : java.util.List.of(review, standup)) {
            vtiger.rec(id).fields.put("date_start", "2026-01-26");
            vtiger.rec(id).fields.put("due_date", "2026-01-26");
        }
        VtigerRestCalendar crm = alice(vtiger);
        InMemoryGoogleCalendar google = new InMemoryGoogleCalendar(clock);
        InMemorySyncStateStore store = new InMemorySyncStateStore();
        run(crm, google, store);
        assertThat(google.items()).hasSize(2);

        vtiger.advance(Duration.ofSeconds(3));
        vtiger.deleteInUi(review, 1);
        int before = vtiger.operations.size();
        RunReport next = run(crm, google, store);
        java.util.List<String> calls = vtiger.operations.subList(before, vtiger.operations.size());

        assertThat(next.counts(dev.gsync.core.model.Side.GOOGLE).deleted()).isEqualTo(1);
        assertThat(google.items().values().map(CalendarItem::title)).containsExactly("Standup");
        // a few feed queries plus the linked-id check (one query per type, one retrieve): nothing per old record
        assertThat(calls.stream().filter("query"::equals).count()).as(calls.toString()).isLessThanOrEqualTo(6);
        assertThat(calls).hasSizeLessThan(12);
    }
}
