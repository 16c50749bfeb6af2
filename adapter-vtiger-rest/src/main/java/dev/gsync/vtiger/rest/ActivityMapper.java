package dev.gsync.vtiger.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gsync.core.model.CalendarItem;
import dev.gsync.core.model.ExternalId;
import dev.gsync.core.model.Field;
import dev.gsync.core.model.IdempotencyKey;
import dev.gsync.core.model.ItemKind;
import dev.gsync.core.model.ItemStatus;
import dev.gsync.core.model.Recurrence;
import dev.gsync.core.model.Timing;
import dev.gsync.core.model.Version;
import dev.gsync.core.model.Visibility;
import dev.gsync.core.port.Change;
import io.vavr.collection.List;
import io.vavr.collection.Set;
import io.vavr.control.Either;
import io.vavr.control.Option;
import io.vavr.control.Try;

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
 * Webservice records (all strings, dates and times in the DB zone) to calendar items and back.
 * <ul>
 * <li>vtiger keeps no zone per event: reads give the user's vtiger zone (from login), else the DB zone.</li>
 * <li>All-day events and to-dos without a time are marked with the legacy {@code notime='1'} flag; an all-day span
 *     is stored as midnight to midnight in the user's zone, which is how vtiger's UI shows it.</li>
 * <li>A to-do's due time is its start time when that falls on the due date (vtiger has no due time).</li>
 * <li>Event reminder: one per event. vtiger reads it as seconds and stores minutes, but cannot store a whole number
 *     of hours (0 minutes become 1): so whole hours are written as hours + 1 minute and read back as whole hours.</li>
 * </ul>
 */
final class ActivityMapper {
    static final int TITLE_MAX = 255;
    static final int LOCATION_MAX = 150;
    static final String NO_TITLE = "(no title)";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final ZoneId dbZone;
    private final ZoneId userZone;
    private final NonBmpPolicy nonBmp;

    ActivityMapper(ZoneId dbZone, ZoneId userZone, NonBmpPolicy nonBmp) {
        this.dbZone = dbZone;
        this.userZone = userZone;
        this.nonBmp = nonBmp;
    }

    ZoneId userZone() {
        return userZone;
    }

    static ItemKind kindOf(JsonNode record) {
        return "Task".equals(text(record, "activitytype")) ? ItemKind.TASK : ItemKind.EVENT;
    }

    // ---------------------------------------------------------------- reading

    Either<String, Change.Upserted> read(JsonNode r) {
        return Try.of(() -> readUnsafe(r)).toEither()
                .mapLeft(e -> "unreadable vtiger record " + text(r, "id") + ": " + e.getMessage());
    }

    private Change.Upserted readUnsafe(JsonNode r) {
        ItemKind kind = kindOf(r);
        VtigerText.Split description = VtigerText.splitMarker(VtigerText.htmlFromStore(text(r, "description")));
        Timing timing = kind == ItemKind.EVENT ? eventTiming(r) : taskTiming(r);
        ItemStatus status = kind == ItemKind.EVENT
                ? ("Not Held".equals(text(r, "eventstatus")) ? ItemStatus.CANCELLED : ItemStatus.CONFIRMED)
                : ("Completed".equals(text(r, "taskstatus")) ? ItemStatus.COMPLETED : ItemStatus.OPEN);
        List<Integer> reminders = kind == ItemKind.EVENT ? reminderFromStore(text(r, "reminder_time")) : List.empty();
        CalendarItem item = new CalendarItem(kind, VtigerText.plainFromStore(text(r, "subject")), description.text(),
                VtigerText.plainFromStore(text(r, "location")), timing,
                "Private".equalsIgnoreCase(text(r, "visibility")) ? Visibility.PRIVATE : Visibility.PUBLIC,
                status, Recurrence.NONE, Option.none(), reminders, List.empty());
        return new Change.Upserted(ExternalId.of(text(r, "id")), version(r, item, description.key()), item, modified(r),
                description.key().map(IdempotencyKey::new));
    }

    Instant modified(JsonNode r) {
        return LocalDateTime.parse(text(r, "modifiedtime"), DATETIME).atZone(dbZone).toInstant();
    }

    /**
     * modifiedtime has one-second resolution, so two edits within a second would share it: the version adds a hash
     * of what gsync reads from the record (the item, its owner and key). Hashing the mapped item rather than the raw
     * strings keeps the version the same whichever operation (query, retrieve, sync) returned the record.
     */
    private static Version version(JsonNode r, CalendarItem item, Option<String> key) {
        StringBuilder all = new StringBuilder(item.kind().name());
        for (Field f : Field.values()) all.append('\u0001').append(item.canonical(f));
        all.append('\u0001').append(text(r, "assigned_user_id")).append('\u0001').append(key.getOrElse(""));
        return Version.of(text(r, "modifiedtime") + "#" + fnv(all.toString()));
    }

    static String fnv(String text) {
        long h = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            h ^= (b & 0xff);
            h *= 0x100000001b3L;
        }
        return String.format("%08x", (int) (h ^ (h >>> 32)));
    }

    private Timing eventTiming(JsonNode r) {
        ZonedDateTime start = dbDateTime(text(r, "date_start"), text(r, "time_start"));
        String endDate = text(r, "due_date").isEmpty() ? text(r, "date_start") : text(r, "due_date");
        String endTime = text(r, "time_end").isEmpty() ? text(r, "time_start") : text(r, "time_end");
        ZonedDateTime end = dbDateTime(endDate, endTime);
        if (end.isBefore(start)) end = start;
        if ("1".equals(text(r, "notime"))) {
            LocalDate first = start.withZoneSameInstant(userZone).toLocalDate();
            LocalDate after = end.withZoneSameInstant(userZone).toLocalDate();
            return new Timing.AllDay(first, after.isAfter(first) ? after : first.plusDays(1));
        }
        return new Timing.Timed(start.toInstant(), end.toInstant(), userZone);
    }

    private Timing taskTiming(JsonNode r) {
        LocalDate due = LocalDate.parse(text(r, "due_date").isEmpty() ? text(r, "date_start") : text(r, "due_date"));
        if ("1".equals(text(r, "notime")) || text(r, "time_start").isEmpty()) return Timing.Due.on(due);
        ZonedDateTime start = dbDateTime(text(r, "date_start"), text(r, "time_start")).withZoneSameInstant(userZone);
        return start.toLocalDate().equals(due) ? new Timing.Due(due, Option.some(start.toLocalTime())) : Timing.Due.on(due);
    }

    private ZonedDateTime dbDateTime(String date, String time) {
        LocalTime t = time.isEmpty() ? LocalTime.MIDNIGHT : LocalTime.parse(time.length() == 5 ? time + ":00" : time);
        return LocalDate.parse(date).atTime(t).atZone(dbZone);
    }

    static List<Integer> reminderFromStore(String minutes) {
        int m = Try.of(() -> Integer.parseInt(minutes.strip())).getOrElse(0);
        if (m <= 0) return List.empty();
        return List.of(m % 60 == 1 ? m - 1 : m);
    }

    // ---------------------------------------------------------------- writing

    /** The reminder as vtiger must be sent it (seconds), chosen so that it reads back as {@code minutes}. */
    static String reminderForWrite(int minutes) {
        if (minutes == 0) return "1";                  // 1 second: stored as 1 minute, read as 0
        return Long.toString(minutes * 60L);           // whole hours: stored one minute late, read back exact
    }

    /** The fields of a new record. Left: why vtiger cannot take the item. */
    Either<String, Map<String, String>> forCreate(CalendarItem item, String ownerId, Option<IdempotencyKey> key) {
        Map<String, String> e = new LinkedHashMap<>();
        e.put("assigned_user_id", ownerId);
        e.put("activitytype", item.kind() == ItemKind.EVENT ? "Meeting" : "Task");
        e.put("sendnotification", "0");
        e.put("recurringtype", "");
        Set<Field> all = io.vavr.collection.HashSet.of(Field.values());
        return fields(item, all, key, Option.none()).map(f -> { e.putAll(f); return e; });
    }

    /**
     * The webservice fields carrying {@code fields} of {@code item}. {@code current} is the stored record when
     * updating: statuses vtiger distinguishes more finely (Held vs Planned) are kept when they already mean the same.
     */
    Either<String, Map<String, String>> fields(CalendarItem item, Set<Field> fields, Option<IdempotencyKey> key, Option<JsonNode> current) {
        Map<String, String> e = new LinkedHashMap<>();
        boolean event = item.kind() == ItemKind.EVENT;
        if (fields.contains(Field.TITLE)) {
            Either<String, String> title = VtigerText.fitToBmp("title", item.title().isBlank() ? NO_TITLE : item.title(), nonBmp)
                    .map(VtigerText::plainForWrite)
                    .filterOrElse(t -> t.length() <= TITLE_MAX, t -> "title is longer than vtiger's " + TITLE_MAX + " characters (as stored)");
            if (title.isLeft()) return Either.left(title.getLeft());
            e.put("subject", title.get());
        }
        if (fields.contains(Field.LOCATION)) {
            Either<String, String> location = VtigerText.fitToBmp("location", item.location(), nonBmp)
                    .map(VtigerText::plainForWrite)
                    .filterOrElse(t -> t.length() <= LOCATION_MAX, t -> "location is longer than vtiger's " + LOCATION_MAX + " characters (as stored)");
            if (location.isLeft()) return Either.left(location.getLeft());
            e.put("location", location.get());
        }
        if (fields.contains(Field.DESCRIPTION)) {
            Either<String, String> description = VtigerText.fitToBmp("description", item.description(), nonBmp)
                    .map(d -> d + key.map(k -> VtigerText.marker(k.value())).getOrElse(""))
                    .map(VtigerText::htmlForWrite);
            if (description.isLeft()) return Either.left(description.getLeft());
            e.put("description", description.get());
        }
        if (fields.contains(Field.TIMING) || (!event && fields.contains(Field.DUE_TIME))) {
            e.putAll(event ? eventTiming(item.timing()) : taskTiming((Timing.Due) item.timing()));
        }
        if (fields.contains(Field.VISIBILITY)) e.put("visibility", item.isPrivate() ? "Private" : "Public");
        if (fields.contains(Field.STATUS)) {
            String now = current.map(c -> text(c, event ? "eventstatus" : "taskstatus")).getOrElse("");
            if (event) e.put("eventstatus", switch (item.status()) {
                case CANCELLED -> "Not Held";
                default -> !now.isEmpty() && !"Not Held".equals(now) ? now : "Planned";   // keep Held
            });
            else e.put("taskstatus", item.status() == ItemStatus.COMPLETED ? "Completed"
                    : !now.isEmpty() && !"Completed".equals(now) ? now : "Not Started");   // keep In Progress etc.
        }
        // An event saved without reminder_time loses its reminder, so every event write carries it.
        if (event) e.put("reminder_time", item.reminders().headOption().map(ActivityMapper::reminderForWrite).getOrElse("0"));
        return Either.right(e);
    }

    private Map<String, String> eventTiming(Timing timing) {
        Map<String, String> e = new LinkedHashMap<>();
        ZonedDateTime start;
        ZonedDateTime end;
        if (timing instanceof Timing.AllDay allDay) {
            start = allDay.start().atStartOfDay(userZone).withZoneSameInstant(dbZone);
            end = allDay.endExclusive().atStartOfDay(userZone).withZoneSameInstant(dbZone);
            e.put("notime", "1");
        } else if (timing instanceof Timing.Timed timed) {
            start = timed.start().truncatedTo(ChronoUnit.SECONDS).atZone(dbZone);
            end = timed.end().truncatedTo(ChronoUnit.SECONDS).atZone(dbZone);
            e.put("notime", "0");
        } else {
            throw new IllegalArgumentException("an event cannot have " + timing);
        }
        e.put("date_start", start.toLocalDate().toString());
        e.put("time_start", start.toLocalTime().format(TIME));
        e.put("due_date", end.toLocalDate().toString());
        e.put("time_end", end.toLocalTime().format(TIME));
        Duration length = Duration.between(start, end);
        e.put("duration_hours", Long.toString(length.toHours()));
        e.put("duration_minutes", Long.toString(length.toMinutesPart()));
        return e;
    }

    private Map<String, String> taskTiming(Timing.Due due) {
        Map<String, String> e = new LinkedHashMap<>();
        e.put("due_date", due.date().toString());
        if (due.time().isDefined()) {
            ZonedDateTime start = due.date().atTime(due.time().get().truncatedTo(ChronoUnit.SECONDS)).atZone(userZone).withZoneSameInstant(dbZone);
            e.put("date_start", start.toLocalDate().toString());
            e.put("time_start", start.toLocalTime().format(TIME));
            e.put("notime", "0");
        } else {
            e.put("date_start", due.date().toString());
            e.put("time_start", "00:00:00");
            e.put("notime", "1");
        }
        return e;
    }

    static String text(JsonNode r, String field) {
        JsonNode v = r.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }

    String dbDateTime(Instant instant) {
        return instant.atZone(dbZone).toLocalDateTime().format(DATETIME);
    }

    long epochSecond(String dbDateTime) {
        return LocalDateTime.parse(dbDateTime, DATETIME).atZone(dbZone).toEpochSecond();
    }
}
