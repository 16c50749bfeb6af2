package dev.gsync.core.run;

import dev.gsync.core.fixtures.Items;
import dev.gsync.core.fixtures.World;
import dev.gsync.core.model.ExternalId;
import dev.gsync.core.model.Field;
import dev.gsync.core.model.ItemKind;
import dev.gsync.core.model.Side;
import dev.gsync.core.model.SyncSettings;
import dev.gsync.core.port.CalendarFailure;
import dev.gsync.core.port.ChangePage;
import dev.gsync.core.port.Change;
import dev.gsync.core.port.Cursor;
import dev.gsync.core.port.GoogleCalendar;
import dev.gsync.core.port.Write;
import dev.gsync.core.port.Written;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Google calendar shared with the user read-only: its events come to the CRM, CRM edits and deletions of those
 * copies never go back (Google would refuse them, 403 requiredAccessLevel, on every run), and the report says so once.
 */
class ReadOnlyCalendarTest {
    private final World world = new World(SyncSettings.defaults(Items.ROME));

    /** The in-memory Google side where some events are read-only; {@code revoked} ones turn read-only at their next write. */
    private final class SharedGoogle implements GoogleCalendar {
        final java.util.Set<ExternalId> readOnly = new java.util.HashSet<>();
        final java.util.Set<ExternalId> revokedOnWrite = new java.util.HashSet<>();
        int refusedWrites;

        @Override public boolean mayWrite(ExternalId id) { return !readOnly.contains(id); }
        @Override public Either<CalendarFailure, ChangePage> changesSince(Cursor cursor) { return world.google.changesSince(cursor); }
        @Override public Either<CalendarFailure, Option<Change.Upserted>> get(ExternalId id) { return world.google.get(id); }
        @Override public io.vavr.collection.Set<Field> fieldsHeld(ItemKind kind) { return world.google.fieldsHeld(kind); }

        @Override
        public Seq<Either<CalendarFailure, Written>> write(Seq<Write> writes) {
            return writes.map(w -> {
                ExternalId id = w instanceof Write.Update u ? u.id() : w instanceof Write.Delete d ? d.id() : null;
                if (id != null && (readOnly.contains(id) || revokedOnWrite.remove(id))) {
                    readOnly.add(id);   // as the adapter does when Google answers requiredAccessLevel
                    refusedWrites++;
                    return Either.left(new CalendarFailure.Rejected("HTTP 403 requiredAccessLevel: You need to have writer access to this calendar."));
                }
                return world.google.write(w);
            });
        }
    }

    private final SharedGoogle google = new SharedGoogle();

    private RunReport sync() {
        return new SyncRun(world.crm, google, world.store, world.clock).run(world.user, world.settings, world.options);
    }

    private ExternalId sharedEvent(String title) {
        ExternalId id = world.google.add(Items.meeting(title, World.TOMORROW.plus(Duration.ofHours(9))));
        google.readOnly.add(id);
        return id;
    }

    @Test
    void a_crm_edit_of_a_read_only_events_copy_is_not_sent_and_is_reported_once() {
        ExternalId board = sharedEvent("Board meeting");
        sync();
        ExternalId copy = world.links().head().crmId();

        world.crm.edit(copy, i -> i.withTitle("Board meeting (my notes)"));
        RunReport edited = sync();
        RunReport next = sync();

        assertThat(edited.outcome()).isEqualTo(RunReport.Outcome.COMPLETED);
        assertThat(edited.skips()).anyMatch(s -> s.rule().startsWith("R13") && s.reason().contains("CRM edit is not sent"));
        assertThat(google.refusedWrites).isZero();
        assertThat(world.google.item(board).get().title()).isEqualTo("Board meeting");
        // the copy keeps the edit, and the next run has nothing to say about it
        assertThat(world.crm.item(copy).get().title()).isEqualTo("Board meeting (my notes)");
        assertThat(next.skips()).noneMatch(s -> s.rule().startsWith("R13"));
        assertThat(next.outcome()).isEqualTo(RunReport.Outcome.COMPLETED);

        // a later change in Google comes through and replaces the local edit
        world.google.edit(board, i -> i.withTitle("Board meeting, room 2"));
        sync();
        assertThat(world.crm.item(copy).get().title()).isEqualTo("Board meeting, room 2");
    }

    @Test
    void deleting_a_read_only_events_copy_in_the_crm_only_drops_the_link() {
        ExternalId board = sharedEvent("Board meeting");
        sync();
        ExternalId copy = world.links().head().crmId();

        world.crm.remove(copy);
        RunReport deleted = sync();

        assertThat(deleted.outcome()).isEqualTo(RunReport.Outcome.COMPLETED);
        assertThat(deleted.skips()).anyMatch(s -> s.rule().startsWith("R13") && s.reason().contains("CRM deletion is not sent"));
        assertThat(world.google.item(board)).isNotEmpty();
        assertThat(world.links()).isEmpty();
        assertThat(sync().skips()).noneMatch(s -> s.rule().startsWith("R13"));
    }

    @Test
    void a_calendar_that_turns_read_only_during_a_run_is_handled_the_same_way_instead_of_failing() {
        ExternalId board = world.google.add(Items.meeting("Board meeting", World.TOMORROW.plus(Duration.ofHours(9))));
        sync();
        ExternalId copy = world.links().head().crmId();
        google.revokedOnWrite.add(board);   // the owner makes the share read-only while gsync runs

        world.crm.edit(copy, i -> i.withTitle("Board meeting (my notes)"));
        RunReport edited = sync();
        RunReport next = sync();

        assertThat(google.refusedWrites).isEqualTo(1);
        assertThat(edited.outcome()).isEqualTo(RunReport.Outcome.COMPLETED);
        assertThat(edited.failures()).isEmpty();
        assertThat(edited.skips()).anyMatch(s -> s.rule().startsWith("R13"));
        assertThat(next.outcome()).isEqualTo(RunReport.Outcome.COMPLETED);
        assertThat(google.refusedWrites).isEqualTo(1);
    }
}
