package dev.gsync.core.port;

import dev.gsync.core.model.CalendarItem;
import dev.gsync.core.model.ExternalId;
import dev.gsync.core.model.Field;
import dev.gsync.core.model.IdempotencyKey;
import dev.gsync.core.model.ItemKind;
import dev.gsync.core.model.Timing;
import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every calendar adapter must do for the core to sync through it. Extend it in an adapter's tests with a
 * real (or emulated) backend; the in-memory calendars pass it too.
 */
public abstract class CalendarSideContract {

    /** A calendar to test; items other tests left behind may be in it. */
    protected abstract CalendarSide calendar();

    /** An event this side accepts; override to fit a side's limits. Titles are unique per call. */
    protected CalendarItem sampleEvent(String title) {
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofDays(2));
        return CalendarItem.event(title, new Timing.Timed(start, start.plus(Duration.ofHours(1)), ZoneId.of("UTC")))
                .withLocation("Room 1");
    }

    private static String unique(String title) {
        return title + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    private static IdempotencyKey newKey() {
        return new IdempotencyKey("crm:" + UUID.randomUUID());
    }

    private Written.Saved create(CalendarSide side, CalendarItem item) {
        Either<CalendarFailure, Written> answer = side.write(new Write.Create(item, newKey()));
        assertThat(answer.isRight()).as("create answered %s", answer).isTrue();
        return (Written.Saved) answer.get();
    }

    /** Reads the feed from {@code cursor} to its end (bounded), returning the changes and the cursor to go on from. */
    protected static io.vavr.Tuple2<Seq<Change>, Cursor> readAll(CalendarSide side, Cursor cursor) {
        List<Change> all = List.empty();
        for (int page = 0; page < 1_000; page++) {
            ChangePage answer = side.changesSince(cursor).getOrElseThrow(f -> new AssertionError(f.describe()));
            all = all.appendAll(answer.changes());
            cursor = answer.next();
            if (!answer.more()) return io.vavr.Tuple.of(all, cursor);
        }
        throw new AssertionError("feed did not end after 1000 pages");
    }

    @Test
    void a_created_item_can_be_read_back_as_it_was_stored() {
        CalendarSide side = calendar();
        Written.Saved saved = create(side, sampleEvent(unique("Kick-off")));

        Change.Upserted read = side.get(saved.id()).get().get();

        assertThat(read.item()).isEqualTo(saved.stored());
        assertThat(read.version()).isEqualTo(saved.version());
    }

    @Test
    void creating_twice_with_one_key_leaves_one_item() {
        CalendarSide side = calendar();
        IdempotencyKey key = newKey();
        CalendarItem item = sampleEvent(unique("Once only"));

        Written first = side.write(new Write.Create(item, key)).get();
        Written second = side.write(new Write.Create(item, key)).get();

        assertThat(second.id()).isEqualTo(first.id());
    }

    @Test
    void the_feed_shows_what_changed_after_a_cursor() {
        CalendarSide side = calendar();
        Cursor cursor = readAll(side, Cursor.START)._2;

        Written.Saved saved = create(side, sampleEvent(unique("Fresh")));
        Seq<Change> changes = readAll(side, cursor)._1;

        assertThat(changes.map(Change::id)).contains(saved.id());
    }

    @Test
    void an_update_with_an_outdated_version_is_refused_as_stale() {
        CalendarSide side = calendar();
        Written.Saved first = create(side, sampleEvent(unique("Demo")));
        side.write(new Write.Update(first.id(), first.version(), first.stored().withTitle(unique("Demo, moved")), HashSet.of(Field.TITLE))).get();

        var late = side.write(new Write.Update(first.id(), first.version(), first.stored().withTitle(unique("Demo, renamed")), HashSet.of(Field.TITLE)));

        assertThat(late).isEqualTo(Either.left(new CalendarFailure.Stale(first.id())));
    }

    @Test
    void an_update_sets_only_the_named_fields() {
        CalendarSide side = calendar();
        Written.Saved first = create(side, sampleEvent(unique("Planning")));
        String title = unique("Planning, renamed");

        Written.Saved second = (Written.Saved) side.write(new Write.Update(first.id(), first.version(),
                first.stored().withTitle(title).withLocation("Elsewhere"), HashSet.of(Field.TITLE))).get();

        assertThat(second.stored().title()).isEqualTo(title);
        assertThat(second.stored().location()).isEqualTo(first.stored().location());
        assertThat(second.version()).isNotEqualTo(first.version());
        assertThat(side.get(first.id()).get().get().item()).isEqualTo(second.stored());
    }

    @Test
    void a_deleted_item_is_gone_and_the_feed_says_so() {
        CalendarSide side = calendar();
        Written.Saved saved = create(side, sampleEvent(unique("Cancelled soon")));
        Cursor cursor = readAll(side, Cursor.START)._2;

        side.write(new Write.Delete(saved.id(), saved.version())).get();

        assertThat(side.get(saved.id()).get().isEmpty()).isTrue();
        boolean inFeed = readAll(side, cursor)._1.filter(c -> c.id().equals(saved.id())).lastOption().exists(c -> c instanceof Change.Removed);
        boolean amongLinked = side.removedAmong(HashSet.of(saved.id())).get().exists(r -> r.id().equals(saved.id()));
        // a feed that cannot see every deletion must say so, and the check of linked ids must find it
        assertThat(inFeed || (!side.reportsAllRemovals() && amongLinked)).as("feed: %s, linked check: %s", inFeed, amongLinked).isTrue();
    }

    @Test
    void a_live_item_is_never_among_the_removed_linked_ids() {
        CalendarSide side = calendar();
        Written.Saved saved = create(side, sampleEvent(unique("Still here")));

        assertThat(side.removedAmong(HashSet.of(saved.id())).get()).isEmpty();
    }

    @Test
    void deleting_what_is_already_gone_counts_as_done() {
        CalendarSide side = calendar();
        Written.Saved saved = create(side, sampleEvent(unique("Twice deleted")));
        side.write(new Write.Delete(saved.id(), saved.version())).get();

        var again = side.write(new Write.Delete(saved.id(), saved.version()));

        assertThat(again.isRight()).as("second delete answered %s", again).isTrue();
    }

    @Test
    void a_batch_answers_every_write_in_order_and_one_failure_does_not_stop_the_others() {
        CalendarSide side = calendar();
        Written.Saved existing = create(side, sampleEvent(unique("Existing")));
        side.write(new Write.Update(existing.id(), existing.version(), existing.stored().withTitle(unique("moved on")), HashSet.of(Field.TITLE))).get();

        Seq<Either<CalendarFailure, Written>> answers = side.write(List.of(
                new Write.Create(sampleEvent(unique("First")), newKey()),
                new Write.Update(existing.id(), existing.version(), existing.stored(), HashSet.of(Field.TITLE)),
                new Write.Create(sampleEvent(unique("Third")), newKey())));

        assertThat(answers).hasSize(3);
        assertThat(answers.get(0).isRight()).isTrue();
        assertThat(answers.get(1).isLeft()).isTrue();
        assertThat(answers.get(2).isRight()).isTrue();
    }

    @Test
    void an_item_that_never_existed_reads_as_absent() {
        CalendarSide side = calendar();

        var answer = side.get(ExternalId.of(missingId()));

        assertThat(answer.isRight() && answer.get().isEmpty()).as("get answered %s", answer).isTrue();
    }

    /** An id of this side's form that names nothing. */
    protected String missingId() {
        return "no-such-item-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void events_hold_at_least_title_and_timing() {
        assertThat(calendar().fieldsHeld(ItemKind.EVENT).containsAll(List.of(Field.TITLE, Field.TIMING))).isTrue();
    }
}
