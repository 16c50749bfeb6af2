package dev.gsync.google;

import com.google.api.client.util.Data;
import com.google.api.services.tasks.model.Task;
import dev.gsync.core.model.CalendarItem;
import dev.gsync.core.model.ExternalId;
import dev.gsync.core.model.Field;
import dev.gsync.core.model.ItemKind;
import dev.gsync.core.model.ItemStatus;
import dev.gsync.core.model.Timing;
import dev.gsync.core.model.Version;
import dev.gsync.core.port.Change;
import io.vavr.collection.HashSet;
import io.vavr.collection.Set;
import io.vavr.control.Option;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Google Tasks to and from {@link CalendarItem}s. Google Tasks keeps a due <em>date</em> only (the time is dropped on
 * write and cannot be read), plain-text notes, and open/completed; nothing else gsync models.
 * A task without a due date cannot be a CRM to-do and is left out of the change feed.
 */
final class GoogleTaskMapper {
    static final Set<Field> HELD = HashSet.of(Field.TITLE, Field.DESCRIPTION, Field.TIMING, Field.STATUS);

    /** One listed task as a change: deleted means removed; None when it has no due date. */
    Option<Change> toChange(String taskListId, Task task) {
        ExternalId id = GoogleIds.task(taskListId, task.getId());
        if (Boolean.TRUE.equals(task.getDeleted())) return Option.of(new Change.Removed(id, Option.of(task.getUpdated()).map(GoogleTaskMapper::instant)));
        return toItem(task).map(item -> Change.Upserted.of(id, Version.of(Option.of(task.getEtag()).getOrElse("")), item,
                Option.of(task.getUpdated()).map(GoogleTaskMapper::instant).getOrElse(Instant.EPOCH)));
    }

    Option<CalendarItem> toItem(Task task) {
        if (task.getDue() == null || task.getDue().isBlank()) return Option.none();
        return Option.of(CalendarItem.task(task.getTitle() == null ? "" : task.getTitle(), Timing.Due.on(dueDate(task.getDue())))
                .withDescription(HtmlText.fromPlainText(task.getNotes()))
                .withStatus("completed".equals(task.getStatus()) ? ItemStatus.COMPLETED : ItemStatus.OPEN));
    }

    Task toNewTask(CalendarItem item) {
        return merge(new Task(), item, HELD);
    }

    /** A copy of {@code existing} with only {@code fields} set from {@code item}. */
    Task merge(Task existing, CalendarItem item, Set<Field> fields) {
        if (item.kind() != ItemKind.TASK) throw new IllegalArgumentException("not a task: " + item.kind());
        Task task = existing.clone();
        for (Field field : fields.filter(HELD::contains)) {
            switch (field) {
                case TITLE -> task.setTitle(item.title());
                case DESCRIPTION -> task.setNotes(emptyToNull(HtmlText.toPlainText(item.description())));
                case TIMING -> task.setDue(((Timing.Due) item.timing()).date() + "T00:00:00.000Z");
                case STATUS -> {
                    if (item.status() == ItemStatus.COMPLETED) {
                        task.setStatus("completed");
                    } else {
                        task.setStatus("needsAction");
                        task.setCompleted(Data.NULL_STRING);   // reopening clears the completion time
                    }
                }
                default -> { }
            }
        }
        return task;
    }

    /** Google sends the due date as midnight UTC of that date. */
    static LocalDate dueDate(String rfc3339) {
        if (rfc3339.length() == 10) return LocalDate.parse(rfc3339);
        return OffsetDateTime.parse(rfc3339).withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
    }

    static Instant instant(String rfc3339) {
        return OffsetDateTime.parse(rfc3339).toInstant();
    }

    private static String emptyToNull(String value) {
        return value.isEmpty() ? null : value;
    }
}
