package dev.gsync.vtiger.rest;

import dev.gsync.core.model.Field;
import dev.gsync.core.model.ItemKind;
import dev.gsync.core.model.ExternalId;
import dev.gsync.core.port.Change;
import dev.gsync.core.port.Cursor;
import dev.gsync.core.port.Write;
import dev.gsync.core.port.Written;
import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;

import static dev.gsync.vtiger.rest.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/** The change feed in both modes: sync where it works, query where it answers HTTP 500. */
class VtigerRestFeedTest {
    private FakeVtiger vtiger;

    private VtigerRestCalendar calendar(FeedMode mode) {
        vtiger = Fixtures.vtiger();
        vtiger.syncBroken = mode == FeedMode.QUERY;
        return alice(vtiger);
    }

    @AfterEach
    void stop() {
        if (vtiger != null) vtiger.close();
    }

    @ParameterizedTest
    @EnumSource(FeedMode.class)
    void the_mode_is_detected_once_and_reported(FeedMode mode) {
        VtigerRestCalendar cal = calendar(mode);

        assertThat(cal.feedMode().get()).isEqualTo(mode);
        pass(cal, Cursor.START);
        assertThat(cal.feedMode().get()).isEqualTo(mode);

        assertThat(vtiger.count("sync")).isEqualTo(mode == FeedMode.SYNC ? 1 + 2 : 1);   // one probe, then one call per type
    }

    @ParameterizedTest
    @EnumSource(FeedMode.class)
    void creates_updates_and_deletes_made_in_vtiger_all_reach_the_feed(FeedMode mode) {
        VtigerRestCalendar cal = calendar(mode);
        Written.Saved kept = create(cal, meeting("Kept"), "k1");
        Written.Saved edited = create(cal, meeting("Edited"), "k2");
        Written.Saved dropped = create(cal, todo("Dropped"), "k3");
        Pass first = pass(cal, Cursor.START);
        assertThat(first.upserted().map(u -> u.item().title())).containsExactlyInAnyOrder("Kept", "Edited", "Dropped");

        vtiger.advance(Duration.ofSeconds(5));
        vtiger.editInUi(edited.id().value(), "subject", "Edited in vtiger", 1);
        vtiger.deleteInUi(dropped.id().value(), 1);
        vtiger.advance(Duration.ofSeconds(1));
        Written.Saved added = create(cal, todo("Added"), "k4");
        Pass second = pass(cal, first.next());

        assertThat(second.upserted().map(u -> u.id())).containsExactlyInAnyOrder(edited.id(), added.id());
        assertThat(second.upserted().find(u -> u.id().equals(edited.id())).get().item().title()).isEqualTo("Edited in vtiger");
        // the sync operation names the deletion itself; in both modes the check of the linked ids finds it
        assertThat(second.removed()).isEqualTo(mode == FeedMode.SYNC ? List.of(dropped.id()) : List.empty());
        assertThat(cal.removedAmong(HashSet.of(kept.id(), edited.id(), dropped.id(), added.id())).get().map(Change::id)).containsExactly(dropped.id());
        assertThat(second.changes().map(Change::id)).doesNotContain(kept.id());

        Pass third = pass(cal, second.next());
        assertThat(third.changes()).as("nothing changed since").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(FeedMode.class)
    void more_than_a_page_sharing_one_second_is_delivered_whole_and_a_late_write_in_that_second_too(FeedMode mode) {
        VtigerRestCalendar cal = calendar(mode);
        vtiger.advance(Duration.ofSeconds(1));
        for (int i = 0; i < 130; i++) create(cal, meeting("Same second " + i), "s" + i);   // the clock stands still
        for (int i = 0; i < 5; i++) { vtiger.advance(Duration.ofSeconds(1)); create(cal, meeting("Later " + i), "l" + i); }
        Pass first = pass(cal, Cursor.START);
        assertThat(first.upserted().map(Change.Upserted::id).distinct()).hasSize(135);
        assertThat(first.upserted()).hasSize(135);

        // another write lands in the very second the feed stopped at
        Written.Saved late = create(cal, meeting("Late, same second"), "late");
        Pass second = pass(cal, first.next());

        assertThat(second.upserted().map(Change.Upserted::id)).containsExactly(late.id());
    }

    @ParameterizedTest
    @EnumSource(FeedMode.class)
    void hundreds_of_changes_come_in_pages_of_at_most_a_hundred(FeedMode mode) {
        VtigerRestCalendar cal = calendar(mode);
        for (int i = 0; i < 260; i++) {
            if (i % 7 == 0) vtiger.advance(Duration.ofSeconds(1));
            create(cal, i % 2 == 0 ? meeting("M" + i) : todo("T" + i), "p" + i);
        }

        long before = vtiger.operations.size();
        Pass all = pass(cal, Cursor.START);
        long calls = vtiger.operations.size() - before;

        assertThat(all.upserted().map(Change.Upserted::id).distinct()).hasSize(260);
        assertThat(all.upserted()).hasSize(260);
        assertThat(all.pages()).isGreaterThanOrEqualTo(4);
        System.out.printf("feed pass over 260 records in %s mode: %d pages, %d requests%n", mode, all.pages(), calls);
        assertThat(calls).as("bounded work: a page per 100 rows (plus overlap)").isLessThanOrEqualTo(12);
    }

    @Test
    void an_event_repeated_once_per_linked_contact_by_query_is_delivered_once() {
        VtigerRestCalendar cal = calendar(FeedMode.QUERY);
        Written.Saved saved = create(cal, meeting("Three contacts"), "c");
        vtiger.rec(saved.id().value()).contacts = 3;

        Pass all = pass(cal, Cursor.START);

        assertThat(all.upserted().map(Change.Upserted::id)).containsExactly(saved.id());
    }

    @ParameterizedTest
    @EnumSource(FeedMode.class)
    void a_record_given_to_another_user_leaves_this_users_feed_as_removed(FeedMode mode) {
        VtigerRestCalendar cal = calendar(mode);
        Written.Saved given = create(cal, meeting("Handed over"), "h");
        Pass first = pass(cal, Cursor.START);
        vtiger.advance(Duration.ofSeconds(3));

        vtiger.editInUi(given.id().value(), "assigned_user_id", vtiger.userWsId(5), 1);
        Pass second = pass(cal, first.next());

        assertThat(second.changes()).isEmpty();   // this user's feed no longer lists it
        assertThat(cal.removedAmong(HashSet.of(given.id())).get().map(Change::id)).containsExactly(given.id());
    }

    @Test
    void a_linked_record_deleted_before_the_query_feed_ever_saw_it_is_found_by_the_check_of_linked_ids() {
        VtigerRestCalendar cal = calendar(FeedMode.QUERY);
        Pass first = pass(cal, Cursor.START);
        Written.Saved made = create(cal, meeting("Short-lived"), "sl");
        Written.Saved kept = create(cal, meeting("Kept"), "kp");
        vtiger.advance(Duration.ofSeconds(2));

        vtiger.deleteInUi(made.id().value(), 1);
        pass(cal, first.next());
        long before = vtiger.operations.size();
        Seq<Change.Removed> gone = cal.removedAmong(HashSet.of(made.id(), kept.id())).get();

        assertThat(gone.map(Change::id)).containsExactly(made.id());
        // one query per type for both ids, then one retrieve to confirm the missing one is really gone
        assertThat(vtiger.operations.subList((int) before, vtiger.operations.size())).containsExactly("query", "query", "retrieve");
    }

    @Test
    void linked_ids_are_checked_a_hundred_per_query_and_out_of_scope_records_cost_nothing() {
        VtigerRestCalendar cal = calendar(FeedMode.QUERY);
        java.util.List<ExternalId> linked = new java.util.ArrayList<>();
        for (int i = 0; i < 250; i++) linked.add(create(cal, meeting("Linked " + i), "lk" + i).id());
        for (int i = 0; i < 2_000; i++) vtiger.insertRaw(1, "Old " + i, "");   // never linked
        vtiger.deleteInUi(linked.get(17).value(), 1);

        long before = vtiger.operations.size();
        Seq<Change.Removed> gone = cal.removedAmong(HashSet.ofAll(linked)).get();
        java.util.List<String> calls = vtiger.operations.subList((int) before, vtiger.operations.size());

        assertThat(gone.map(Change::id)).containsExactly(linked.get(17));
        // Events: 3 queries for 250 ids; Calendar (to-dos): 1 query for the one Events did not answer; 1 retrieve
        assertThat(calls).containsExactly("query", "query", "query", "query", "retrieve");
    }

    @ParameterizedTest
    @EnumSource(FeedMode.class)
    void our_own_writes_come_back_with_the_key_they_were_made_with(FeedMode mode) {
        VtigerRestCalendar cal = calendar(mode);
        create(cal, meeting("Mirror"), "google-event-1");

        Pass all = pass(cal, Cursor.START);

        assertThat(all.upserted().single().origin().get()).isEqualTo(key("google-event-1"));
        assertThat(all.upserted().single().item().description()).isEmpty();
    }

    @Test
    void an_unknown_cursor_asks_for_a_full_resync() {
        VtigerRestCalendar cal = calendar(FeedMode.SYNC);

        assertThat(cal.changesSince(new Cursor("google-token-xyz")).getLeft())
                .isInstanceOf(dev.gsync.core.port.CalendarFailure.CursorExpired.class);
    }

    @Test
    void an_update_after_the_feed_delivers_the_new_version_once() {
        VtigerRestCalendar cal = calendar(FeedMode.QUERY);
        Written.Saved saved = create(cal, meeting("v1"), "u");
        Pass first = pass(cal, Cursor.START);

        // same second as the create: only the version hash tells the two apart
        Written w = cal.write(new Write.Update(saved.id(), saved.version(), meeting("v2"), HashSet.of(Field.TITLE))).get();
        Pass second = pass(cal, first.next());

        assertThat(((Written.Saved) w).version()).isNotEqualTo(saved.version());
        assertThat(second.upserted().map(u -> u.item().title())).containsExactly("v2");
        assertThat(cal.fieldsHeld(ItemKind.TASK)).contains(Field.DUE_TIME).doesNotContain(Field.REMINDERS, Field.ATTENDEES);
    }
}
