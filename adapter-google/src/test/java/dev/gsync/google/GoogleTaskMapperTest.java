package dev.gsync.google;

import com.google.api.client.util.Data;
import com.google.api.services.tasks.model.Task;
import dev.gsync.core.model.CalendarItem;
import dev.gsync.core.model.Field;
import dev.gsync.core.model.ItemStatus;
import dev.gsync.core.model.Timing;
import dev.gsync.core.port.Change;
import io.vavr.collection.HashSet;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.LocalTime;

import static org.assertj.core.api.Assertions.assertThat;

class GoogleTaskMapperTest {
    private final GoogleTaskMapper mapper = new GoogleTaskMapper(java.time.Clock.fixed(java.time.Instant.parse("2026-03-27T23:30:00Z"), java.time.ZoneOffset.UTC), java.time.ZoneId.of("Europe/Rome"));

    @Test
    void google_keeps_the_due_date_only() {
        CalendarItem item = CalendarItem.task("Call Ann", new Timing.Due(LocalDate.of(2026, 3, 29), Option.of(LocalTime.of(15, 30))));

        Task task = mapper.toNewTask(item);

        assertThat(task.getDue()).isEqualTo("2026-03-29T00:00:00.000Z");
        assertThat(mapper.toItem(task.setId("t1"), Option.none()).timing()).isEqualTo(Timing.Due.on(LocalDate.of(2026, 3, 29)));
    }

    @Test
    void completed_and_reopened() {
        CalendarItem done = CalendarItem.task("Call Ann", Timing.Due.on(LocalDate.of(2026, 3, 29))).withStatus(ItemStatus.COMPLETED);
        Task completed = new Task().setId("t1").setTitle("Call Ann").setDue("2026-03-29T00:00:00.000Z")
                .setStatus("completed").setCompleted("2026-03-29T10:00:00.000Z");

        assertThat(mapper.toNewTask(done).getStatus()).isEqualTo("completed");
        assertThat(mapper.toItem(completed, Option.none()).status()).isEqualTo(ItemStatus.COMPLETED);
        Task reopened = mapper.merge(completed, done.withStatus(ItemStatus.OPEN), HashSet.of(Field.STATUS));
        assertThat(reopened.getStatus()).isEqualTo("needsAction");
        assertThat(Data.isNull(reopened.getCompleted())).isTrue();
    }

    @Test
    void notes_are_plain_text_and_come_back_as_escaped_html() {
        CalendarItem item = CalendarItem.task("x", Timing.Due.on(LocalDate.of(2026, 1, 1))).withDescription("<p>Call <b>Ann</b></p><p>a &lt; b</p>");

        Task task = mapper.toNewTask(item);

        assertThat(task.getNotes()).isEqualTo("Call Ann\na < b");
        assertThat(mapper.toItem(task, Option.none()).description()).isEqualTo("Call Ann<br>a &lt; b");
    }

    @Test
    void a_deleted_task_is_a_removal_and_a_task_without_due_date_has_a_stand_in_of_today_in_the_users_zone() {
        assertThat(mapper.toChange(new Task().setId("t1").setDeleted(true), Option.none()).get()).isInstanceOf(Change.Removed.class);
        CalendarItem someday = ((Change.Upserted) mapper.toChange(new Task().setId("t2").setTitle("someday"), Option.none()).get()).item();
        assertThat(someday.timing()).isEqualTo(Timing.Due.undated(LocalDate.of(2026, 3, 28)));   // 00:30 in Rome
        assertThat(someday.canonical(Field.TIMING)).isEqualTo("due none");
        assertThat(mapper.toChange(new Task().setId("t3").setTitle("x").setDue("2026-01-01T00:00:00.000Z"), Option.none()).get().id())
                .isEqualTo(GoogleIds.task("t3"));
    }

    @Test
    void a_stand_in_date_is_never_written_as_a_due_date() {
        Task undated = new Task().setId("t2").setTitle("someday");

        Task written = mapper.merge(undated, CalendarItem.task("someday", Timing.Due.undated(LocalDate.of(2026, 3, 28))), HashSet.of(Field.TIMING));

        assertThat(Data.isNull(written.getDue())).isTrue();
    }

    @Test
    void a_subtask_names_its_parent_and_keeps_its_own_title_in_google() {
        Task child = new Task().setId("c1").setParent("p1").setTitle("Book the room").setDue("2026-01-01T00:00:00.000Z");

        CalendarItem read = mapper.toItem(child, Option.of("Offsite"));
        Task renamed = mapper.merge(child, read.withTitle("Offsite \u203A Book the big room"), HashSet.of(Field.TITLE));

        assertThat(read.title()).isEqualTo("Offsite \u203A Book the room");
        assertThat(renamed.getTitle()).isEqualTo("Book the big room");
    }

    @Test
    void the_crms_finer_open_statuses_are_needs_action_in_google() {
        CalendarItem inProgress = CalendarItem.task("x", Timing.Due.on(LocalDate.of(2026, 1, 1))).withStatus(ItemStatus.IN_PROGRESS);

        assertThat(mapper.toNewTask(inProgress).getStatus()).isEqualTo("needsAction");
        assertThat(mapper.toNewTask(inProgress.withStatus(ItemStatus.COMPLETED)).getStatus()).isEqualTo("completed");
    }

    @Test
    void tasks_hold_only_title_notes_due_date_and_status() {
        assertThat(GoogleTaskMapper.HELD).containsExactlyInAnyOrder(Field.TITLE, Field.DESCRIPTION, Field.TIMING, Field.STATUS);
        assertThat(GoogleTaskMapper.HELD).doesNotContain(Field.DUE_TIME, Field.LOCATION, Field.ATTENDEES, Field.REMINDERS, Field.RECURRENCE, Field.VISIBILITY);
    }

    @Test
    void the_key_line_in_the_notes_is_the_origin_never_the_description_and_survives_a_rewrite_of_the_notes() {
        CalendarItem todo = CalendarItem.task("Call Ann", Timing.Due.on(LocalDate.of(2026, 6, 1))).withDescription("Ask about the offer");
        Task created = mapper.toNewTask(todo, GoogleApiCalendarTestItems.key("18x42")).setId("t1").setEtag("e1");

        Change.Upserted read = (Change.Upserted) mapper.toChange(created, Option.none()).get();
        Task rewritten = mapper.merge(created, todo.withDescription("New notes"), HashSet.of(Field.DESCRIPTION));
        Task emptied = mapper.merge(created, todo.withDescription(""), HashSet.of(Field.DESCRIPTION));
        Task userTyped = new Task().setId("t2").setDue("2026-06-01T00:00:00.000Z").setTitle("x").setNotes("a [gsync note] in the middle");

        assertThat(created.getNotes()).isEqualTo("Ask about the offer\n\n[gsync crm:18x42]");
        assertThat(read.origin().map(Object::toString)).contains("crm:18x42");
        assertThat(read.item().description()).isEqualTo("Ask about the offer");
        assertThat(rewritten.getNotes()).isEqualTo("New notes\n\n[gsync crm:18x42]");
        assertThat(emptied.getNotes()).isEqualTo("[gsync crm:18x42]");
        assertThat(((Change.Upserted) mapper.toChange(emptied, Option.none()).get()).item().description()).isEmpty();
        assertThat(((Change.Upserted) mapper.toChange(userTyped, Option.none()).get()).origin()).isEmpty();
    }
}
