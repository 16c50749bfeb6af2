package dev.gsync.google;

import com.google.api.client.util.Data;
import com.google.api.services.tasks.model.Task;
import dev.gsync.core.model.CalendarItem;
import dev.gsync.core.model.ExternalId;
import dev.gsync.core.model.Field;
import dev.gsync.core.model.IdempotencyKey;
import dev.gsync.core.model.ItemKind;
import dev.gsync.core.model.ItemStatus;
import dev.gsync.core.model.Timing;
import dev.gsync.core.model.Version;
import dev.gsync.core.port.Change;
import io.vavr.collection.HashSet;
import io.vavr.collection.Set;
import io.vavr.control.Option;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Google Tasks to and from {@link CalendarItem}s. Google Tasks keeps a due <em>date</em> only (the time is dropped on
 * write and cannot be read), plain-text notes, and open/completed; nothing else gsync models.
 * <ul>
 *   <li>A task without a due date reads as {@link Timing.Due#undated} with today (in the user's zone) as stand-in:
 *       the core keeps it from ever being written back as a real date (R14, D29).
 *   <li>Statuses: needsAction/completed; the CRM's finer open statuses are written as needsAction (R14).
 *   <li>A subtask (a task with a parent) reads titled {@code Parent › Child}; the prefix is taken off again on write,
 *       so Google keeps the child's own title (D29).
 *   <li>A task hidden by "clear completed" is an ordinary completed task, never a deletion.
 * </ul>
 * <p>
 * A task has neither a client-chosen id nor hidden properties, so a task gsync creates carries its idempotency key
 * as the last line of its notes, {@code [gsync crm:18x42]} (decision D25). Read back, the line is the task's
 * origin and is not part of its description: after a crash between the insert and the saved link, the next run
 * sees a task that names its CRM original and adopts it (rule R8) instead of creating a second one. Later writes
 * of the notes keep the line.
 */
final class GoogleTaskMapper {
    static final Set<Field> HELD = HashSet.of(Field.TITLE, Field.DESCRIPTION, Field.TIMING, Field.STATUS);
    /** Between a parent's title and its subtask's, in the CRM: U+203A, rare in titles, so the split is unambiguous. */
    static final String SUBTASK_SEPARATOR = " \u203A ";
    private static final Pattern MARKER = Pattern.compile("(?:\\n\\n|\\n)?\\[gsync ([^\\]\\s]+)\\]\\s*\\z");

    static String marker(IdempotencyKey key) {
        return "[gsync " + key.value() + "]";
    }

    /** The key a task was created with, from the last line of its notes. */
    static Option<IdempotencyKey> origin(Task task) {
        if (task.getNotes() == null) return Option.none();
        Matcher m = MARKER.matcher(task.getNotes());
        return m.find() ? Option.some(new IdempotencyKey(m.group(1))) : Option.none();
    }

    /** The notes as the user wrote them: without gsync's last line. */
    static String withoutMarker(String notes) {
        return notes == null ? null : MARKER.matcher(notes).replaceFirst("");
    }

    private static String withMarker(String plain, Option<IdempotencyKey> key) {
        if (key.isEmpty()) return plain;
        return plain.isEmpty() ? marker(key.get()) : plain + "\n\n" + marker(key.get());
    }

    private final Clock clock;
    private final ZoneId zone;

    GoogleTaskMapper(Clock clock, ZoneId zone) {
        this.clock = clock;
        this.zone = zone;
    }

    /** One listed task as a change: deleted means removed. {@code parentTitle}: the parent's title, for a subtask. */
    Option<Change> toChange(Task task, Option<String> parentTitle) {
        ExternalId id = GoogleIds.task(task.getId());
        if (Boolean.TRUE.equals(task.getDeleted())) return Option.of(new Change.Removed(id, Option.of(task.getUpdated()).map(GoogleTaskMapper::instant)));
        return Option.of(new Change.Upserted(id, Version.of(Option.of(task.getEtag()).getOrElse("")), toItem(task, parentTitle),
                Option.of(task.getUpdated()).map(GoogleTaskMapper::instant).getOrElse(Instant.EPOCH), origin(task)));
    }

    CalendarItem toItem(Task task, Option<String> parentTitle) {
        String own = task.getTitle() == null ? "" : task.getTitle();
        String title = parentTitle.filter(p -> task.getParent() != null).map(p -> p + SUBTASK_SEPARATOR + own).getOrElse(own);
        Timing.Due due = task.getDue() == null || task.getDue().isBlank()
                ? Timing.Due.undated(LocalDate.ofInstant(clock.instant(), zone))
                : Timing.Due.on(dueDate(task.getDue()));
        return CalendarItem.task(title, due)
                .withDescription(HtmlText.fromPlainText(withoutMarker(task.getNotes())))
                .withStatus("completed".equals(task.getStatus()) ? ItemStatus.COMPLETED : ItemStatus.OPEN);
    }

    Task toNewTask(CalendarItem item) {
        return merge(new Task(), item, HELD);
    }

    /** A new task that names {@code key} in its notes, so a later run knows where it came from. */
    Task toNewTask(CalendarItem item, IdempotencyKey key) {
        Task task = toNewTask(item);
        task.setNotes(emptyToNull(withMarker(task.getNotes() == null ? "" : task.getNotes(), Option.some(key))));
        return task;
    }

    /** A copy of {@code existing} with only {@code fields} set from {@code item}. */
    Task merge(Task existing, CalendarItem item, Set<Field> fields) {
        if (item.kind() != ItemKind.TASK) throw new IllegalArgumentException("not a task: " + item.kind());
        Task task = existing.clone();
        for (Field field : fields.filter(HELD::contains)) {
            switch (field) {
                case TITLE -> task.setTitle(ownTitle(existing, item.title()));
                case DESCRIPTION -> task.setNotes(emptyToNull(withMarker(HtmlText.toPlainText(item.description()), origin(existing))));
                case TIMING -> {
                    Timing.Due due = (Timing.Due) item.timing();
                    task.setDue(due.placeholder() ? Data.NULL_STRING : due.date() + "T00:00:00.000Z");   // never a stand-in as a date
                }
                case STATUS -> {
                    if (item.status().coarse() == ItemStatus.COMPLETED) {
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

    /**
     * The title a subtask keeps in Google: the CRM shows {@code Parent › Child}, Google the child's own title. Only a
     * title that still begins with a parent's name and the separator loses it; a user who retitled the to-do entirely
     * is taken at their word.
     */
    static String ownTitle(Task existing, String crmTitle) {
        if (existing.getParent() == null) return crmTitle;
        int at = crmTitle.indexOf(SUBTASK_SEPARATOR);
        return at < 0 ? crmTitle : crmTitle.substring(at + SUBTASK_SEPARATOR.length());
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
