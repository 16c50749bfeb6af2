package dev.gsync.core.model;

import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;

import java.util.Objects;

/**
 * An event or a task as both calendars can describe it. Immutable; "with" methods return changed copies.
 *
 * @param description HTML, as the CRM stores it; empty when there is none
 * @param reminders   minutes before the start, distinct and sorted
 * @param series      set only on a changed occurrence of a recurring series
 */
public record CalendarItem(
        ItemKind kind,
        String title,
        String description,
        String location,
        Timing timing,
        Visibility visibility,
        ItemStatus status,
        Recurrence recurrence,
        Option<SeriesOrigin> series,
        Seq<Integer> reminders,
        Seq<Attendee> attendees) {

    public CalendarItem {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(timing, "timing");
        Objects.requireNonNull(visibility, "visibility");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(recurrence, "recurrence");
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(reminders, "reminders");
        Objects.requireNonNull(attendees, "attendees");
        if (!status.fits(kind)) throw new IllegalArgumentException(status + " is not a status of a " + kind);
        if (kind == ItemKind.TASK && !(timing instanceof Timing.Due))
            throw new IllegalArgumentException("a task is timed by a due date, not " + timing);
        if (kind == ItemKind.EVENT && timing instanceof Timing.Due)
            throw new IllegalArgumentException("an event has a start and an end, not a due date");
        if (reminders.exists(m -> m < 0)) throw new IllegalArgumentException("negative reminder: " + reminders);
        reminders = List.ofAll(reminders).distinct().sorted();
        attendees = List.ofAll(attendees).distinctBy(Attendee::email).sortBy(Attendee::email);
    }

    /** A plain public, confirmed event with nothing but a title and a time. */
    public static CalendarItem event(String title, Timing timing) {
        return new CalendarItem(ItemKind.EVENT, title, "", "", timing, Visibility.PUBLIC, ItemStatus.CONFIRMED,
                Recurrence.NONE, Option.none(), List.empty(), List.empty());
    }

    /** A plain open task. */
    public static CalendarItem task(String title, Timing.Due due) {
        return new CalendarItem(ItemKind.TASK, title, "", "", due, Visibility.PUBLIC, ItemStatus.OPEN,
                Recurrence.NONE, Option.none(), List.empty(), List.empty());
    }

    public CalendarItem withTitle(String v) { return new CalendarItem(kind, v, description, location, timing, visibility, status, recurrence, series, reminders, attendees); }
    public CalendarItem withDescription(String v) { return new CalendarItem(kind, title, v, location, timing, visibility, status, recurrence, series, reminders, attendees); }
    public CalendarItem withLocation(String v) { return new CalendarItem(kind, title, description, v, timing, visibility, status, recurrence, series, reminders, attendees); }
    public CalendarItem withTiming(Timing v) { return new CalendarItem(kind, title, description, location, v, visibility, status, recurrence, series, reminders, attendees); }
    public CalendarItem withVisibility(Visibility v) { return new CalendarItem(kind, title, description, location, timing, v, status, recurrence, series, reminders, attendees); }
    public CalendarItem withStatus(ItemStatus v) { return new CalendarItem(kind, title, description, location, timing, visibility, v, recurrence, series, reminders, attendees); }
    public CalendarItem withRecurrence(Recurrence v) { return new CalendarItem(kind, title, description, location, timing, visibility, status, v, series, reminders, attendees); }
    public CalendarItem withSeries(Option<SeriesOrigin> v) { return new CalendarItem(kind, title, description, location, timing, visibility, status, recurrence, v, reminders, attendees); }
    public CalendarItem withReminders(Seq<Integer> v) { return new CalendarItem(kind, title, description, location, timing, visibility, status, recurrence, series, v, attendees); }
    public CalendarItem withAttendees(Seq<Attendee> v) { return new CalendarItem(kind, title, description, location, timing, visibility, status, recurrence, series, reminders, v); }

    /** A task without a due date (its date is a stand-in, R14). */
    public boolean undated() {
        return timing instanceof Timing.Due due && due.placeholder();
    }

    public boolean isPrivate() {
        return visibility == Visibility.PRIVATE;
    }

    /** A stable text form of one field, the input of its fingerprint. */
    public String canonical(Field field) {
        return switch (field) {
            case TITLE -> title;
            case DESCRIPTION -> description;
            case LOCATION -> location;
            case TIMING -> timing instanceof Timing.Due due ? (due.placeholder() ? "due none" : "due " + due.date()) : timing.toString();
            case DUE_TIME -> timing instanceof Timing.Due due ? due.time().map(Object::toString).getOrElse("") : "";
            case VISIBILITY -> visibility.name();
            case STATUS -> status.name();
            case RECURRENCE -> recurrence.lines().mkString("\n");
            case REMINDERS -> reminders.mkString(",");
            case ATTENDEES -> attendees.map(a -> a.email() + "|" + a.name().getOrElse("") + "|" + a.response()).mkString(",");
        };
    }

    /** This item with one field copied from another item of the same kind. */
    public CalendarItem withFieldOf(Field field, CalendarItem from) {
        if (from.kind != kind) throw new IllegalArgumentException("cannot copy " + field + " from a " + from.kind + " into a " + kind);
        return switch (field) {
            case TITLE -> withTitle(from.title);
            case DESCRIPTION -> withDescription(from.description);
            case LOCATION -> withLocation(from.location);
            case TIMING -> withTiming(keepingDueTime(from.timing));
            case DUE_TIME -> withTiming(withDueTimeOf(from.timing));
            case VISIBILITY -> withVisibility(from.visibility);
            case STATUS -> withStatus(from.status);
            case RECURRENCE -> withRecurrence(from.recurrence);
            case REMINDERS -> withReminders(from.reminders);
            case ATTENDEES -> withAttendees(from.attendees);
        };
    }

    private Timing keepingDueTime(Timing other) {
        if (other instanceof Timing.Due theirs && timing instanceof Timing.Due mine)
            return theirs.placeholder() ? theirs : new Timing.Due(theirs.date(), mine.time());
        return other;
    }

    private Timing withDueTimeOf(Timing other) {
        if (other instanceof Timing.Due theirs && timing instanceof Timing.Due mine)
            return mine.placeholder() ? mine : new Timing.Due(mine.date(), theirs.time());
        return timing;
    }
}
