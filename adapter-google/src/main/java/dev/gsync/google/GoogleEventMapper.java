package dev.gsync.google;

import com.google.api.client.util.DateTime;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.EventAttendee;
import com.google.api.services.calendar.model.EventDateTime;
import com.google.api.services.calendar.model.EventReminder;
import dev.gsync.core.model.Attendee;
import dev.gsync.core.model.CalendarItem;
import dev.gsync.core.model.ExternalId;
import dev.gsync.core.model.Field;
import dev.gsync.core.model.IdempotencyKey;
import dev.gsync.core.model.ItemKind;
import dev.gsync.core.model.ItemStatus;
import dev.gsync.core.model.Recurrence;
import dev.gsync.core.model.SeriesOrigin;
import dev.gsync.core.model.Timing;
import dev.gsync.core.model.Version;
import dev.gsync.core.model.Visibility;
import dev.gsync.core.port.Change;
import dev.gsync.core.port.Notice;
import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.Set;
import io.vavr.control.Option;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Google Calendar events to and from {@link CalendarItem}s. Writing always starts from the event as Google holds it
 * (or an empty one) and sets only the fields asked for, so whatever gsync does not model survives.
 *
 * <ul>
 *   <li>Timed events keep the zone they were entered in ({@code start.timeZone}); without one the user's zone is used.
 *   <li>{@code private} and {@code confidential} read as PRIVATE; PUBLIC is written as Google's {@code default}
 *       unless the event already says {@code public}.
 *   <li>{@code useDefault} reminders read as the calendar's default reminders; writing the defaults back keeps
 *       {@code useDefault}. Google keeps at most 5 reminders of 0..40320 minutes.
 *   <li>A cancelled event is a deletion ({@link Change.Removed}); the CRM's CANCELLED ("Not Held") cannot be held by a
 *       live Google event: it is written as {@code confirmed} with the title prefixed {@link #NOT_HELD_PREFIX}, and
 *       that prefix reads back as CANCELLED with the title without it (D28). Held reads and writes as confirmed.
 * </ul>
 */
final class GoogleEventMapper {
    /** How a "Not Held" CRM event shows in Google (D28). */
    static final String NOT_HELD_PREFIX = "Not held: ";
    static final String KEY_PROPERTY = "gsyncKey";
    static final int MAX_REMINDERS = 5;
    static final int MAX_REMINDER_MINUTES = 40320;
    /** All fields but a task's due time. */
    static final Set<Field> HELD = HashSet.of(Field.values()).remove(Field.DUE_TIME);

    private final ZoneId fallbackZone;
    private final java.util.Set<Notice> notices = new java.util.LinkedHashSet<>();

    GoogleEventMapper(ZoneId fallbackZone) {
        this.fallbackZone = Objects.requireNonNull(fallbackZone, "fallbackZone");
    }

    // ------------------------------------------------------------------ reading

    /** One listed event as a change: cancelled means removed. */
    Change toChange(String calendarId, Event event, Seq<Integer> calendarDefaults) {
        ExternalId id = GoogleIds.event(calendarId, event.getId());
        if ("cancelled".equals(event.getStatus())) return new Change.Removed(id, Option.of(event.getUpdated()).map(GoogleEventMapper::instant));
        CalendarItem item = toItem(calendarId, event, calendarDefaults);
        if (HtmlText.sanitizeRemoves(event.getDescription()))
            notice(new Notice(id, item.title(), "description: HTML a CRM must not receive (scripts, styles, images, unknown attributes) removed"));
        return new Change.Upserted(id, Version.of(Option.of(event.getEtag()).getOrElse("")), item,
                Option.of(event.getUpdated()).map(GoogleEventMapper::instant).getOrElse(Instant.EPOCH), origin(event));
    }

    private synchronized void notice(Notice n) {
        notices.add(n);
    }

    /** What reading changed on the way since the last call, each once. */
    synchronized Seq<Notice> drainNotices() {
        Seq<Notice> out = List.ofAll(notices);
        notices.clear();
        return out;
    }

    CalendarItem toItem(String calendarId, Event event, Seq<Integer> calendarDefaults) {
        return new CalendarItem(ItemKind.EVENT,
                ownTitle(event.getSummary()),
                HtmlText.sanitize(event.getDescription()),
                text(event.getLocation()),
                timing(event),
                visibility(event.getVisibility()),
                notHeld(event.getSummary()) ? ItemStatus.CANCELLED : "tentative".equals(event.getStatus()) ? ItemStatus.TENTATIVE : ItemStatus.CONFIRMED,
                new Recurrence(event.getRecurrence() == null ? List.empty() : List.ofAll(event.getRecurrence())),
                series(calendarId, event),
                reminders(event, calendarDefaults),
                attendees(event));
    }

    static Option<IdempotencyKey> origin(Event event) {
        return Option.of(event.getExtendedProperties())
                .flatMap(p -> Option.of(p.getPrivate()))
                .flatMap(p -> Option.of(p.get(KEY_PROPERTY)))
                .filter(k -> !k.isBlank())
                .map(IdempotencyKey::new);
    }

    private Timing timing(Event event) {
        EventDateTime start = event.getStart();
        EventDateTime end = event.getEnd();
        if (start == null) throw new IllegalArgumentException("event " + event.getId() + " has no start");
        if (start.getDate() != null) {
            LocalDate first = date(start.getDate());
            LocalDate last = end != null && end.getDate() != null ? date(end.getDate()) : first.plusDays(1);
            return new Timing.AllDay(first, last.isAfter(first) ? last : first.plusDays(1));
        }
        Instant from = instant(start.getDateTime());
        Instant to = end != null && end.getDateTime() != null ? instant(end.getDateTime()) : from;
        return new Timing.Timed(from, to.isBefore(from) ? from : to, zone(start.getTimeZone()));
    }

    private ZoneId zone(String name) {
        if (name == null || name.isBlank()) return fallbackZone;
        try {
            return ZoneId.of(name);
        } catch (RuntimeException e) {
            return fallbackZone;
        }
    }

    private static Visibility visibility(String value) {
        return "private".equals(value) || "confidential".equals(value) ? Visibility.PRIVATE : Visibility.PUBLIC;
    }

    private static Option<SeriesOrigin> series(String calendarId, Event event) {
        if (event.getRecurringEventId() == null || event.getOriginalStartTime() == null) return Option.none();
        EventDateTime original = event.getOriginalStartTime();
        Instant at = original.getDate() != null
                ? date(original.getDate()).atStartOfDay(ZoneOffset.UTC).toInstant()
                : instant(original.getDateTime());
        return Option.of(new SeriesOrigin(GoogleIds.event(calendarId, event.getRecurringEventId()), at));
    }

    private static Seq<Integer> reminders(Event event, Seq<Integer> calendarDefaults) {
        Event.Reminders reminders = event.getReminders();
        if (reminders == null) return calendarDefaults;   // Google's own default is useDefault=true
        if (Boolean.TRUE.equals(reminders.getUseDefault())) return calendarDefaults;
        if (reminders.getOverrides() == null) return List.empty();
        return List.ofAll(reminders.getOverrides()).map(EventReminder::getMinutes).filter(Objects::nonNull);
    }

    private static Seq<Attendee> attendees(Event event) {
        if (event.getAttendees() == null) return List.empty();
        return List.ofAll(event.getAttendees())
                .filter(a -> a.getEmail() != null && !a.getEmail().isBlank())
                .map(a -> new Attendee(a.getEmail(), Option.of(a.getDisplayName()).filter(n -> !n.isBlank()), response(a.getResponseStatus())));
    }

    private static Attendee.Response response(String value) {
        if (value == null) return Attendee.Response.NEEDS_ACTION;
        return switch (value) {
            case "accepted" -> Attendee.Response.ACCEPTED;
            case "declined" -> Attendee.Response.DECLINED;
            case "tentative" -> Attendee.Response.TENTATIVE;
            default -> Attendee.Response.NEEDS_ACTION;
        };
    }

    // ------------------------------------------------------------------ writing

    /** A new event holding every field of the item, tagged with the key it is created under. */
    Event toNewEvent(CalendarItem item, Option<IdempotencyKey> key, Seq<Integer> calendarDefaults) {
        Event event = merge(new Event(), item, HELD, calendarDefaults);
        key.forEach(k -> withKey(event, k));
        item.series().forEach(origin -> {
            event.setRecurringEventId(GoogleIds.parse(origin.series()).map(GoogleIds.Ref::itemId).getOrElse(origin.series().value()));
            event.setOriginalStartTime(item.timing() instanceof Timing.AllDay
                    ? new EventDateTime().setDate(dateOnly(LocalDate.ofInstant(origin.originalStart(), ZoneOffset.UTC)))
                    : new EventDateTime().setDateTime(new DateTime(origin.originalStart().toEpochMilli()))
                            .setTimeZone(zoneName(((Timing.Timed) item.timing()).zone())));
        });
        return event;
    }

    static boolean notHeld(String summary) {
        return summary != null && summary.startsWith(NOT_HELD_PREFIX);
    }

    static String ownTitle(String summary) {
        String title = text(summary);
        return notHeld(title) ? title.substring(NOT_HELD_PREFIX.length()) : title;
    }

    static Event withKey(Event event, IdempotencyKey key) {
        Event.ExtendedProperties props = event.getExtendedProperties() == null ? new Event.ExtendedProperties() : event.getExtendedProperties();
        Map<String, String> priv = props.getPrivate() == null ? new HashMap<>() : new HashMap<>(props.getPrivate());
        priv.put(KEY_PROPERTY, key.value());
        return event.setExtendedProperties(props.setPrivate(priv));
    }

    /** A copy of {@code existing} with only {@code fields} set from {@code item}. */
    Event merge(Event existing, CalendarItem item, Set<Field> fields, Seq<Integer> calendarDefaults) {
        if (item.kind() != ItemKind.EVENT) throw new IllegalArgumentException("not an event: " + item.kind());
        Event event = existing.clone();
        for (Field field : fields.filter(HELD::contains)) {
            switch (field) {
                case TITLE -> event.setSummary(blankToNull(item.title()));
                case DESCRIPTION -> event.setDescription(blankToNull(item.description()));
                case LOCATION -> event.setLocation(blankToNull(item.location()));
                case TIMING -> setTiming(event, item.timing());
                case VISIBILITY -> event.setVisibility(item.isPrivate()
                        ? ("confidential".equals(existing.getVisibility()) ? "confidential" : "private")
                        : ("public".equals(existing.getVisibility()) ? "public" : "default"));
                case STATUS -> event.setStatus(item.status() == ItemStatus.TENTATIVE ? "tentative" : "confirmed");
                case RECURRENCE -> event.setRecurrence(item.recurrence().isRecurring() ? new ArrayList<>(item.recurrence().lines().toJavaList()) : null);
                case REMINDERS -> setReminders(event, existing, item.reminders(), calendarDefaults);
                case ATTENDEES -> setAttendees(event, existing, item.attendees());
                case DUE_TIME -> { }
            }
        }
        if (fields.contains(Field.TITLE) || fields.contains(Field.STATUS)) {   // D28: "Not Held" is a title prefix
            String own = fields.contains(Field.TITLE) ? item.title() : ownTitle(existing.getSummary());
            boolean notHeld = fields.contains(Field.STATUS) ? item.status() == ItemStatus.CANCELLED : notHeld(existing.getSummary());
            event.setSummary(blankToNull(notHeld ? NOT_HELD_PREFIX + own : own));
        }
        return event;
    }

    private static void setTiming(Event event, Timing timing) {
        if (timing instanceof Timing.Timed timed) {
            String zone = zoneName(timed.zone());
            event.setStart(new EventDateTime().setDateTime(new DateTime(timed.start().toEpochMilli())).setTimeZone(zone));
            event.setEnd(new EventDateTime().setDateTime(new DateTime(timed.end().toEpochMilli())).setTimeZone(zone));
        } else if (timing instanceof Timing.AllDay allDay) {
            event.setStart(new EventDateTime().setDate(dateOnly(allDay.start())));
            event.setEnd(new EventDateTime().setDate(dateOnly(allDay.endExclusive())));
        } else {
            throw new IllegalArgumentException("an event cannot be timed by " + timing);
        }
    }

    private static void setReminders(Event event, Event existing, Seq<Integer> wanted, Seq<Integer> calendarDefaults) {
        Seq<Integer> minutes = wanted.filter(m -> m <= MAX_REMINDER_MINUTES).distinct().sorted().take(MAX_REMINDERS);
        boolean wasDefault = existing.getReminders() == null || Boolean.TRUE.equals(existing.getReminders().getUseDefault());
        if (!calendarDefaults.isEmpty() && minutes.equals(calendarDefaults.distinct().sorted()) && wasDefault) {
            event.setReminders(existing.getReminders() == null ? new Event.Reminders().setUseDefault(true) : existing.getReminders());
            return;
        }
        // keep the reminders Google already has for these minutes (their method: e-mail or pop-up)
        java.util.List<EventReminder> old = existing.getReminders() == null || existing.getReminders().getOverrides() == null
                ? java.util.List.of() : existing.getReminders().getOverrides();
        java.util.List<EventReminder> overrides = new ArrayList<>();
        for (Integer m : minutes) {
            overrides.add(old.stream().filter(r -> m.equals(r.getMinutes())).findFirst()
                    .orElseGet(() -> new EventReminder().setMethod("popup").setMinutes(m)));
        }
        event.setReminders(new Event.Reminders().setUseDefault(false).setOverrides(overrides));
    }

    private static void setAttendees(Event event, Event existing, Seq<Attendee> wanted) {
        java.util.List<EventAttendee> old = existing.getAttendees() == null ? java.util.List.of() : existing.getAttendees();
        java.util.List<EventAttendee> result = new ArrayList<>();
        for (Attendee a : wanted) {
            EventAttendee kept = old.stream()
                    .filter(o -> o.getEmail() != null && o.getEmail().strip().toLowerCase(Locale.ROOT).equals(a.email()))
                    .findFirst().map(EventAttendee::clone)   // keeps optional, comment, resource, organizer, self ...
                    .orElseGet(() -> new EventAttendee().setEmail(a.email()));
            result.add(kept.setDisplayName(a.name().getOrNull()).setResponseStatus(responseName(a.response())));
        }
        event.setAttendees(result.isEmpty() ? null : result);
    }

    private static String responseName(Attendee.Response response) {
        return switch (response) {
            case NEEDS_ACTION -> "needsAction";
            case ACCEPTED -> "accepted";
            case DECLINED -> "declined";
            case TENTATIVE -> "tentative";
        };
    }

    // ------------------------------------------------------------------ helpers

    /** Google wants IANA names; a bare offset is written as the equivalent fixed zone. */
    static String zoneName(ZoneId zone) {
        ZoneId normal = zone.normalized();
        if (normal.equals(ZoneOffset.UTC)) return "UTC";
        return zone.getId();
    }

    static Instant instant(DateTime dateTime) {
        return Instant.ofEpochMilli(dateTime.getValue());
    }

    static LocalDate date(DateTime dateOnly) {
        return LocalDate.parse(dateOnly.toStringRfc3339().substring(0, 10));
    }

    static DateTime dateOnly(LocalDate date) {
        return DateTime.parseRfc3339(date.toString());
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
    private static final java.time.format.DateTimeFormatter EX_LOCAL = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");
    private static final java.time.format.DateTimeFormatter EX_DATE = java.time.format.DateTimeFormatter.BASIC_ISO_DATE;

    /**
     * D34: Google keeps an occurrence deleted on its own (the UI's "delete this event") as a cancelled instance, not
     * as an EXDATE of its series. The series is read with one EXDATE line for the occurrences cancelled so and not
     * excluded by its rule already, written as vtiger's mapping writes them (UTC {@code EXDATE:...Z}, else
     * {@code EXDATE;TZID=zone:local}, all-day {@code EXDATE;VALUE=DATE:}), so the CRM holds the same lines.
     * The event given is left as it is; a copy is returned when something was added.
     */
    Event withCancelledOccurrences(Event master, java.util.List<EventDateTime> cancelledStarts) {
        if (cancelledStarts.isEmpty() || master.getRecurrence() == null || master.getRecurrence().isEmpty() || master.getStart() == null) return master;
        java.util.Set<String> excluded = new java.util.HashSet<>();
        for (String line : master.getRecurrence()) {
            int colon = line.indexOf(':');
            if (line.toUpperCase(Locale.ROOT).startsWith("EXDATE") && colon > 0)
                for (String value : line.substring(colon + 1).split(",")) excluded.add(value.trim());
        }
        boolean allDay = master.getStart().getDate() != null;
        ZoneId zone = allDay ? ZoneOffset.UTC : zone(master.getStart().getTimeZone());
        boolean utc = zone.normalized().equals(ZoneOffset.UTC);
        java.util.TreeSet<String> added = new java.util.TreeSet<>();
        for (EventDateTime start : cancelledStarts) {
            String value;
            if (start.getDate() != null) value = date(start.getDate()).format(EX_DATE);
            else if (start.getDateTime() != null) value = allDay
                    ? instant(start.getDateTime()).atZone(zone(start.getTimeZone())).toLocalDate().format(EX_DATE)
                    : instant(start.getDateTime()).atZone(zone).format(EX_LOCAL) + (utc ? "Z" : "");
            else continue;
            if (!excluded.contains(value)) added.add(value);
        }
        if (added.isEmpty()) return master;
        String values = String.join(",", added);
        String line = allDay ? "EXDATE;VALUE=DATE:" + values : utc ? "EXDATE:" + values : "EXDATE;TZID=" + zone.getId() + ":" + values;
        java.util.List<String> lines = new ArrayList<>(master.getRecurrence());
        lines.add(line);
        return master.clone().setRecurrence(lines);
    }
}
