package dev.gsync.core.port;

import dev.gsync.core.model.ExternalId;
import dev.gsync.core.model.Field;
import dev.gsync.core.model.ItemKind;
import dev.gsync.core.model.Side;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.Set;
import io.vavr.control.Either;
import io.vavr.control.Option;

import java.time.Instant;

/**
 * One user's calendar on one side, as the core sees it. Problems of normal operation come back as
 * {@link CalendarFailure} values (Lefts), never as exceptions.
 */
public interface CalendarSide {

    Side side();

    /**
     * The changes since {@code cursor}, one page at a time; {@link Cursor#START} lists everything in range.
     * Left: CursorExpired (start over from START), Unavailable, QuotaExceeded, AuthorizationRequired.
     */
    Either<CalendarFailure, ChangePage> changesSince(Cursor cursor);

    /**
     * Whether the change feed reports every deletion by itself (Google's does: a cancelled event). A side answering
     * false is asked {@link #removedAmong} once per run.
     */
    default boolean reportsAllRemovals() {
        return true;
    }

    /**
     * Which of these linked items are gone (deleted, purged, given to another user, of another type now): for a side
     * whose feed cannot see every deletion (vtiger: a purged row or a reassignment may leave no trace in
     * modifiedtime). The core passes the ids of this side's links that the feed did not mention this run, so the
     * cost grows with what gsync synced, never with what the calendar holds out of scope. Absence alone is proof
     * here only because these ids were linked: a side answers Removed only for what it checked is gone.
     * Left: Unavailable, QuotaExceeded, AuthorizationRequired.
     */
    default Either<CalendarFailure, Seq<Change.Removed>> removedAmong(Set<ExternalId> linked) {
        return Either.right(List.empty());
    }

    /**
     * What the feed could not show about these linked items: those gone ({@link #removedAmong}, the default answer)
     * and, for a side that keeps one item as several records, items changed by the loss of a record the feed cannot
     * trace to them (vtiger over the webservice: a series one of whose occurrence records was deleted; the deleted
     * record can no longer be read, so nothing names its series, D35). An {@code Upserted} is the item as it is now;
     * the core's three-way merge decides whether it changed, so answering an unchanged item costs nothing but the
     * read. Asked instead of {@link #removedAmong}, once per run, by a side answering false to
     * {@link #reportsAllRemovals}. Left: Unavailable, QuotaExceeded, AuthorizationRequired.
     */
    default Either<CalendarFailure, Seq<Change>> missedAmong(Set<ExternalId> linked) {
        return removedAmong(linked).map(Seq::narrow);
    }

    /** The item as it is now; None when it is gone. Left: Unavailable, QuotaExceeded, AuthorizationRequired. */
    Either<CalendarFailure, Option<Change.Upserted>> get(ExternalId id);

    /**
     * Applies the writes (as one batch where the side can) and answers one result per write, in order. A failed
     * write does not stop the others. Left per write: Stale, NotFound, Rejected, QuotaExceeded, Unavailable,
     * AuthorizationRequired.
     */
    Seq<Either<CalendarFailure, Written>> write(Seq<Write> writes);

    default Either<CalendarFailure, Written> write(Write write) {
        return write(List.of(write)).head();
    }

    /**
     * Whether gsync may change or delete this existing item: false for a Google event in a calendar shared with the
     * user read-only (its access role, read from the side during this run; a refusal met while writing counts too).
     * The core never sends such writes: the CRM copy keeps its edit (until the original changes again) and a deleted
     * copy only drops the link; the run report says so once, as a skip (rule R13). True by default.
     */
    default boolean mayWrite(ExternalId id) {
        return true;
    }

    /** How many writes one call of {@link #write(Seq)} should carry. */
    default int batchSize() {
        return 1;
    }

    /**
     * The live items that begin in [{@code from}, {@code until}): an event's start, a series' first start, a task's
     * due date. May list more (a day either side, say), never less. This is how items entering the horizon are read
     * without a full listing (rule R11), so adapters answer it with a range query; this default lists everything,
     * which is correct but costs a full listing. Left: as for {@link #changesSince}.
     */
    default Either<CalendarFailure, Seq<Change.Upserted>> startingBetween(Instant from, Instant until) {
        List<Change.Upserted> all = List.empty();
        Cursor cursor = Cursor.START;
        for (int pages = 0; pages < 1_000_000; pages++) {
            Either<CalendarFailure, ChangePage> page = changesSince(cursor);
            if (page.isLeft()) return Either.left(page.getLeft());
            all = all.appendAll(page.get().changes().filter(c -> c instanceof Change.Upserted).map(c -> (Change.Upserted) c));
            if (!page.get().more()) return Either.right(all);
            cursor = page.get().next();
        }
        return Either.left(new CalendarFailure.Unavailable(side() + " listing did not end"));
    }

    /**
     * Does this side still sync the item with that id? False for an event of a Google calendar the user no longer
     * selects (or that vanished): its links are released (rule R10) instead of its absence being read as deletion.
     */
    default boolean covers(ExternalId id) {
        return true;
    }

    /** The fields this side keeps for items of that kind; the others are never read from it nor overwritten. */
    Set<Field> fieldsHeld(ItemKind kind);

    /**
     * Values this side changed on the way since the last call (each reported once, then forgotten): what it read and
     * wrote was normalised to fit. They go into the run report; none by default.
     */
    default Seq<Notice> notices() {
        return List.empty();
    }

    /** Facts about this side worth a line in the run report (how its change feed was read, say); none by default. */
    default Seq<String> notes() {
        return List.empty();
    }
}
