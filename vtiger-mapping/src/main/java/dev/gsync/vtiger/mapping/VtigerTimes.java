package dev.gsync.vtiger.mapping;

import dev.gsync.core.model.Timing;
import io.vavr.control.Option;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * When a vtiger record happens, both ways. vtiger keeps every instant as wall clock in its DB zone, split into a
 * date and an 'HH:MM:SS' text, with no zone per event; timed items are read in the user's zone.
 * <p><b>All-day</b>: vtiger has no all-day type; a record flagged {@code notime='1'} has whole days, and its
 * <em>dates are its all-day dates</em>, whatever the user's or the DB's zone: {@code date_start} is the first day,
 * {@code due_date} the last (stored with 00:00 and 23:59, as vtiger's own Google sync writes them). A {@code due_date}
 * at 00:00 after the start is read as the exclusive end (midnight-to-midnight rows). Rows written by gsync before
 * this convention (midnight to midnight in the user's zone, converted to the DB zone, so 22:00 to 22:00 in UTC for a
 * Rome user) are recognised by both ends falling on the user's midnight and read that way.
 * <p><b>To-dos</b>: {@code due_date} is a plain date; a due time is the start time when it falls on the due date.
 */
public final class VtigerTimes {
    private static final DateTimeFormatter HMS = DateTimeFormatter.ofPattern("HH:mm:ss");
    static final LocalTime LAST_MINUTE = LocalTime.of(23, 59);

    private final ZoneId dbZone;
    private final ZoneId userZone;

    public VtigerTimes(ZoneId dbZone, ZoneId userZone) {
        this.dbZone = dbZone;
        this.userZone = userZone;
    }

    public ZoneId dbZone() {
        return dbZone;
    }

    public ZoneId userZone() {
        return userZone;
    }

    // ---------------------------------------------------------------- reading

    /** An event's timing; a span that ends before it starts is read with its end at the start (and said so). */
    Timing event(RecordFields r, List<String> notices) {
        String endDate = r.text("due_date").isEmpty() ? r.text("date_start") : r.text("due_date");
        String endTime = r.text("time_end").isEmpty() ? r.text("time_start") : r.text("time_end");
        LocalDateTime start = wall(r.text("date_start"), r.text("time_start"));
        LocalDateTime end = wall(endDate, endTime);
        if (end.isBefore(start)) {
            notices.add("ends before it starts (" + start + " > " + end + " in the CRM's time zone): read with its end at its start");
            end = start;
        }
        if ("1".equals(r.text("notime"))) return allDay(start, end);
        return new Timing.Timed(instant(start), instant(end), userZone);
    }

    private Timing.AllDay allDay(LocalDateTime start, LocalDateTime end) {
        if (writtenInUserZone(start, end)) {
            LocalDate first = instant(start).atZone(userZone).toLocalDate();
            LocalDate after = instant(end).atZone(userZone).toLocalDate();
            return new Timing.AllDay(first, after.isAfter(first) ? after : first.plusDays(1));
        }
        LocalDate first = start.toLocalDate();
        boolean exclusiveMidnight = end.toLocalTime().equals(LocalTime.MIDNIGHT) && end.toLocalDate().isAfter(first);
        LocalDate after = exclusiveMidnight ? end.toLocalDate() : end.toLocalDate().plusDays(1);
        return new Timing.AllDay(first, after);
    }

    /** The old convention: both ends on the user's midnight, not on the DB zone's. */
    private boolean writtenInUserZone(LocalDateTime start, LocalDateTime end) {
        if (start.toLocalTime().equals(LocalTime.MIDNIGHT)) return false;
        return instant(start).atZone(userZone).toLocalTime().equals(LocalTime.MIDNIGHT)
                && instant(end).atZone(userZone).toLocalTime().equals(LocalTime.MIDNIGHT) && end.isAfter(start);
    }

    Timing.Due task(RecordFields r) {
        LocalDate due = LocalDate.parse(r.text("due_date").isEmpty() ? r.text("date_start") : r.text("due_date"));
        if ("1".equals(r.text("notime")) || r.text("time_start").isEmpty() || r.text("date_start").isEmpty()) return Timing.Due.on(due);
        LocalDateTime start = instant(wall(r.text("date_start"), r.text("time_start"))).atZone(userZone).toLocalDateTime();
        return start.toLocalDate().equals(due) ? new Timing.Due(due, Option.some(start.toLocalTime())) : Timing.Due.on(due);
    }

    // ---------------------------------------------------------------- writing

    /** The date/time fields for this timing (events: also duration and notime). */
    Map<String, String> fields(Timing timing) {
        Map<String, String> e = new LinkedHashMap<>();
        if (timing instanceof Timing.Due due) {
            e.put("due_date", due.date().toString());
            if (due.time().isDefined()) {
                LocalDateTime start = toDb(due.date().atTime(due.time().get().truncatedTo(ChronoUnit.SECONDS)).atZone(userZone).toInstant());
                e.put("date_start", start.toLocalDate().toString());
                e.put("time_start", text(start.toLocalTime()));
                e.put("notime", "0");
            } else {
                e.put("date_start", due.date().toString());   // a plain date, never converted
                e.put("time_start", "00:00:00");
                e.put("notime", "1");
            }
            e.put("time_end", "");
            return e;
        }
        LocalDateTime start;
        LocalDateTime end;
        if (timing instanceof Timing.AllDay d) {
            start = d.start().atStartOfDay();
            end = d.endExclusive().minusDays(1).atTime(LAST_MINUTE);
            e.put("notime", "1");
        } else if (timing instanceof Timing.Timed t) {
            start = toDb(t.start());
            end = toDb(t.end());
            e.put("notime", "0");
        } else {
            throw new AssertionError("unknown timing " + timing);
        }
        e.put("date_start", start.toLocalDate().toString());
        e.put("time_start", text(start.toLocalTime()));
        e.put("due_date", end.toLocalDate().toString());
        e.put("time_end", text(end.toLocalTime()));
        long minutes = Duration.between(start, end).toMinutes();   // as vtiger computes it: from the stored wall clock
        e.put("duration_hours", Long.toString(minutes / 60));
        e.put("duration_minutes", Long.toString(minutes % 60));
        return e;
    }

    // ---------------------------------------------------------------- conversions

    public LocalDateTime toDb(Instant instant) {
        return LocalDateTime.ofInstant(instant, dbZone).truncatedTo(ChronoUnit.SECONDS);
    }

    public Instant instant(LocalDateTime dbWall) {
        return dbWall.atZone(dbZone).toInstant();
    }

    /** The instant of a stored date and time text. */
    public Instant instant(String date, String time) {
        return instant(wall(date, time));
    }

    static LocalDateTime wall(String date, String time) {
        return LocalDate.parse(date).atTime(parseTime(time));
    }

    public static String text(LocalTime time) {
        return time.format(HMS);
    }

    /** 'HH:MM:SS' or 'HH:MM'; empty or unreadable text counts as midnight, as vtiger's calendar grid treats it. */
    public static LocalTime parseTime(String text) {
        if (text == null || text.isBlank()) return LocalTime.MIDNIGHT;
        String t = text.strip();
        try {
            return LocalTime.parse(t.length() == 5 ? t + ":00" : t, HMS);
        } catch (RuntimeException e) {
            return LocalTime.MIDNIGHT;
        }
    }
}
