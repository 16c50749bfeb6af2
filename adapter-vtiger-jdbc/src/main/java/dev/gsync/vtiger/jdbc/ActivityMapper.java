package dev.gsync.vtiger.jdbc;

import dev.gsync.core.model.Attendee;
import dev.gsync.core.model.CalendarItem;
import dev.gsync.core.model.Field;
import dev.gsync.core.model.ItemKind;
import dev.gsync.core.model.ItemStatus;
import dev.gsync.core.model.Recurrence;
import dev.gsync.core.model.Timing;
import dev.gsync.core.model.Version;
import dev.gsync.core.model.Visibility;
import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.collection.Set;
import io.vavr.control.Option;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Rows to items and back. What vtiger cannot hold is documented in docs/vtiger-jdbc.md; in short: one reminder,
 * invitees that are vtiger users, event statuses Planned/Held/Not Held, to-do statuses, whole seconds, and no zone
 * per event (items read back in the user's zone).
 */
final class ActivityMapper {
    static final Set<Field> EVENT_FIELDS = HashSet.of(Field.TITLE, Field.DESCRIPTION, Field.LOCATION, Field.TIMING,
            Field.VISIBILITY, Field.STATUS, Field.RECURRENCE, Field.REMINDERS, Field.ATTENDEES);
    static final Set<Field> TASK_FIELDS = HashSet.of(Field.TITLE, Field.DESCRIPTION, Field.TIMING, Field.DUE_TIME,
            Field.VISIBILITY, Field.STATUS);
    private static final DateTimeFormatter VERSION_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final DbTimes times;
    private final ZoneId userZone;

    ActivityMapper(DbTimes times, ZoneId userZone) {
        this.times = times;
        this.userZone = userZone;
    }

    ZoneId userZone() {
        return userZone;
    }

    static Set<Field> held(ItemKind kind) {
        return kind == ItemKind.EVENT ? EVENT_FIELDS : TASK_FIELDS;
    }

    CalendarItem toItem(Loaded r) {
        ActivityRow a = r.activity();
        ItemKind kind = a.isTask() ? ItemKind.TASK : ItemKind.EVENT;
        return new CalendarItem(kind, nz(a.subject), nz(r.entity().description), kind == ItemKind.EVENT ? nz(a.location) : "",
                timing(a, kind), "Private".equalsIgnoreCase(a.visibility) ? Visibility.PRIVATE : Visibility.PUBLIC,
                status(a, kind), Recurrence.NONE, Option.none(),
                kind == ItemKind.EVENT ? r.reminderMinutes().filter(m -> m > 0).toList() : List.empty(),
                kind == ItemKind.EVENT ? r.invitees().filter(i -> i.email() != null && !i.email().isBlank()).map(ActivityMapper::attendee) : List.empty());
    }

    private Timing timing(ActivityRow a, ItemKind kind) {
        boolean noTime = "1".equals(a.notime);
        Instant start = times.fromDb(a.dateStart, a.timeStart);
        if (kind == ItemKind.TASK) {
            LocalDate due = a.dueDate != null ? a.dueDate : start.atZone(userZone).toLocalDate();
            return new Timing.Due(due, noTime ? Option.none() : Option.of(start.atZone(userZone).toLocalTime()));
        }
        Instant end = a.dueDate == null ? start : times.fromDb(a.dueDate, a.timeEnd);
        if (end.isBefore(start)) end = start;
        if (noTime) {
            LocalDate first = start.atZone(userZone).toLocalDate();
            ZonedDateTime last = end.atZone(userZone);
            LocalDate endExclusive = last.toLocalTime().equals(LocalTime.MIDNIGHT) ? last.toLocalDate() : last.toLocalDate().plusDays(1);
            return new Timing.AllDay(first, endExclusive.isAfter(first) ? endExclusive : first.plusDays(1));
        }
        return new Timing.Timed(start, end, userZone);
    }

    private static ItemStatus status(ActivityRow a, ItemKind kind) {
        if (kind == ItemKind.TASK) return "Completed".equals(a.status) ? ItemStatus.COMPLETED : ItemStatus.OPEN;
        return "Not Held".equals(a.eventstatus) ? ItemStatus.CANCELLED : ItemStatus.CONFIRMED;
    }

    private static Attendee attendee(Loaded.Invitee i) {
        String name = i.name() == null ? "" : i.name().strip();
        return new Attendee(i.email(), name.isEmpty() ? Option.none() : Option.of(name),
                "accepted".equalsIgnoreCase(i.status()) ? Attendee.Response.ACCEPTED : Attendee.Response.NEEDS_ACTION);
    }

    /**
     * Writes the named fields of {@code item} into the rows (reminders and attendees live in other tables and are
     * written by the store). Kind changes are not written: an event stays an event.
     */
    void write(CalendarItem item, Set<Field> fields, CrmEntityRow e, ActivityRow a) {
        boolean task = a.isTask();
        if (fields.contains(Field.TITLE)) {
            a.subject = item.title();
            e.label = item.title();
        }
        if (fields.contains(Field.DESCRIPTION)) e.description = item.description();
        if (fields.contains(Field.LOCATION) && !task) a.location = item.location();
        if (fields.contains(Field.TIMING) || fields.contains(Field.DUE_TIME)) writeTiming(item.timing(), a);
        if (fields.contains(Field.VISIBILITY)) a.visibility = item.isPrivate() ? "Private" : "Public";
        if (fields.contains(Field.STATUS)) {
            if (task) {
                boolean done = item.status() == ItemStatus.COMPLETED;
                if (done) a.status = "Completed";
                else if (a.status == null || "Completed".equals(a.status)) a.status = "Not Started";
            } else {
                switch (item.status()) {
                    case CANCELLED -> a.eventstatus = "Not Held";
                    // Held is vtiger's "it took place": still a confirmed event, so keep it rather than reset to Planned
                    default -> a.eventstatus = "Held".equals(a.eventstatus) ? "Held" : "Planned";
                }
            }
        }
    }

    private void writeTiming(Timing timing, ActivityRow a) {
        if (timing instanceof Timing.Due due) {
            LocalDateTime start = due.time()
                    .map(t -> times.toDb(LocalDateTime.of(due.date(), t.truncatedTo(ChronoUnit.SECONDS)).atZone(userZone).toInstant()))
                    .getOrElse(() -> times.toDb(due.date().atStartOfDay(userZone).toInstant()));
            a.dateStart = start.toLocalDate();
            a.timeStart = DbTimes.text(start.toLocalTime());
            a.dueDate = due.date();   // a to-do's due date is a plain date, never converted
            a.timeEnd = "";
            a.notime = due.time().isEmpty() ? "1" : "0";
            return;
        }
        Instant start;
        Instant end;
        if (timing instanceof Timing.Timed t) {
            start = t.start();
            end = t.end();
            a.notime = "0";
        } else if (timing instanceof Timing.AllDay d) {
            // vtiger has no all-day event: whole days from midnight to midnight in the user's zone, flagged by notime
            start = d.start().atStartOfDay(userZone).toInstant();
            end = d.endExclusive().atStartOfDay(userZone).toInstant();
            a.notime = "1";
        } else {
            throw new AssertionError("unknown timing " + timing);
        }
        LocalDateTime s = times.toDb(start);
        LocalDateTime e = times.toDb(end);
        a.dateStart = s.toLocalDate();
        a.timeStart = DbTimes.text(s.toLocalTime());
        a.dueDate = e.toLocalDate();
        a.timeEnd = DbTimes.text(e.toLocalTime());
        long minutes = Duration.between(s, e).toMinutes();
        a.durationHours = Long.toString(minutes / 60);
        a.durationMinutes = Long.toString(minutes % 60);
    }

    /** The version vtiger cannot give: modifiedtime (one-second steps) plus a fingerprint of the content. */
    static Version version(LocalDateTime modified, CalendarItem item, String extra) {
        StringBuilder all = new StringBuilder(item.kind().name());
        for (Field f : Field.values()) all.append('\u0001').append(item.canonical(f));
        all.append('\u0001').append(item.series().map(Object::toString).getOrElse("")).append('\u0001').append(extra);
        return Version.of(modified.format(VERSION_TIME) + "#" + fnv(all.toString()));
    }

    static String fnv(String text) {
        long h = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            h ^= (b & 0xff);
            h *= 0x100000001b3L;
        }
        return String.format("%016x", h);
    }

    /** The record's values under vtiger's field names, as the history (ModTracker) shows them. */
    static Map<String, String> historyValues(CrmEntityRow e, ActivityRow a, Option<Integer> reminder, String inviteeIds) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("subject", a.subject);
        m.put("assigned_user_id", Integer.toString(e.smownerid));
        m.put("activitytype", a.activitytype);
        m.put("date_start", a.dateStart == null ? null : a.dateStart.toString());
        m.put("time_start", a.timeStart);
        m.put("due_date", a.dueDate == null ? null : a.dueDate.toString());
        m.put("time_end", a.timeEnd);
        m.put("duration_hours", a.durationHours);
        m.put("duration_minutes", a.durationMinutes);
        m.put(a.isTask() ? "taskstatus" : "eventstatus", a.isTask() ? a.status : a.eventstatus);
        m.put("location", a.location);
        m.put("visibility", a.visibility);
        m.put("notime", a.notime);
        m.put("recurringtype", a.recurringtype);
        m.put("description", e.description);
        m.put("reminder_time", reminder.map(Object::toString).getOrNull());
        m.put("inviteesid", inviteeIds);
        return m;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
