package dev.gsync.app.web;

import dev.gsync.core.model.ConflictPolicy;
import dev.gsync.core.model.Horizon;
import dev.gsync.core.model.HourWindow;
import dev.gsync.core.model.ItemKind;
import dev.gsync.core.model.PrivateEvents;
import dev.gsync.core.model.PrivateLanding;
import dev.gsync.core.model.SyncDirection;
import dev.gsync.core.model.SyncSettings;
import io.vavr.collection.HashSet;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.collection.Set;
import io.vavr.control.Either;
import io.vavr.control.Try;

import java.time.ZoneId;
import java.util.function.Function;

/**
 * The settings page's form, field by field, as in the system gsync replaces: direction, conflict policy, hour
 * window, private events, private Google events as public, Google calendars, tasks on/off. Reading it gives
 * either the settings or one message per bad field (SyncSettings.validate decides what is valid).
 */
public final class SettingsForm {
    /** Form field names. */
    public static final String DIRECTION = "direction", CONFLICT = "conflictPolicy", PRIVATE_EVENTS = "privateEvents",
            PRIVATE_AS_PUBLIC = "privateGoogleAsPublic", HOURS = "hourWindow", ALL_DAY = "allDayInScope",
            ZONE = "zone", CALENDARS = "googleCalendars", EVENTS = "events", TASKS = "tasks",
            DAYS_BACK = "daysBack", DAYS_AHEAD = "daysAhead", TASK_LISTS = "googleTaskLists";

    /** What Google calendar ids look like: "primary", an e-mail address, or "...@group.calendar.google.com". */
    private static final String CALENDAR_ID = "[A-Za-z0-9._%+\\-@#]{1,255}";

    private SettingsForm() {}

    /** Left: message per field name (a problem of no single field is under ""). */
    public static Either<Map<String, String>, SyncSettings> read(Function<String, String> form, SyncSettings current) {
        Map<String, String> errors = LinkedHashMap.empty();
        Either<String, SyncDirection> direction = enumOf(SyncDirection.class, form.apply(DIRECTION));
        Either<String, ConflictPolicy> conflict = enumOf(ConflictPolicy.class, form.apply(CONFLICT));
        Either<String, PrivateEvents> privateEvents = enumOf(PrivateEvents.class, form.apply(PRIVATE_EVENTS));
        String hoursText = text(form.apply(HOURS));
        Either<String, HourWindow> hours = hoursText.isEmpty() ? Either.right(HourWindow.WHOLE_DAY) : HourWindow.parse(hoursText);
        Either<String, ZoneId> zone = Try.of(() -> ZoneId.of(text(form.apply(ZONE)))).toEither()
                .mapLeft(e -> "unknown time zone '" + text(form.apply(ZONE)) + "'");
        Either<String, Integer> daysBack = number(form.apply(DAYS_BACK));
        Either<String, Integer> daysAhead = number(form.apply(DAYS_AHEAD));
        if (direction.isLeft()) errors = errors.put(DIRECTION, direction.getLeft());
        if (conflict.isLeft()) errors = errors.put(CONFLICT, conflict.getLeft());
        if (privateEvents.isLeft()) errors = errors.put(PRIVATE_EVENTS, privateEvents.getLeft());
        if (hours.isLeft()) errors = errors.put(HOURS, hours.getLeft());
        if (zone.isLeft()) errors = errors.put(ZONE, zone.getLeft());
        if (daysBack.isLeft()) errors = errors.put(DAYS_BACK, daysBack.getLeft());
        if (daysAhead.isLeft()) errors = errors.put(DAYS_AHEAD, daysAhead.getLeft());
        if (!errors.isEmpty()) return Either.left(errors);

        Set<ItemKind> kinds = HashSet.empty();
        if (checked(form.apply(EVENTS))) kinds = kinds.add(ItemKind.EVENT);
        if (checked(form.apply(TASKS))) kinds = kinds.add(ItemKind.TASK);
        SyncSettings wanted = current.with(direction.get()).with(conflict.get()).with(privateEvents.get())
                .with(checked(form.apply(PRIVATE_AS_PUBLIC)) ? PrivateLanding.PUBLIC : PrivateLanding.PRIVATE)
                .with(hours.get()).withAllDayInScope(checked(form.apply(ALL_DAY))).with(zone.get())
                .with(new Horizon(daysBack.get(), daysAhead.get())).withKinds(kinds)
                .withGoogleCalendars(List.of(text(form.apply(CALENDARS)).split(",")).map(String::strip).filter(s -> !s.isEmpty()));
        if (form.apply(TASK_LISTS) != null)   // absent from an older form: the lists stay as they are
            wanted = wanted.withGoogleTaskLists(List.of(text(form.apply(TASK_LISTS)).split(",")).map(String::strip).filter(s -> !s.isEmpty()));
        var badId = wanted.googleCalendars().find(id -> !id.matches(CALENDAR_ID));
        if (badId.isDefined()) return Either.left(LinkedHashMap.of(CALENDARS, "'" + badId.get() + "' is not a Google calendar id"));
        return SyncSettings.validate(wanted).toEither().mapLeft(SettingsForm::byField);
    }

    /** validate() names the field first ("horizon.daysBack: ..."); the page shows each message by its input. */
    static Map<String, String> byField(io.vavr.collection.Seq<String> problems) {
        Map<String, String> errors = LinkedHashMap.empty();
        for (String problem : problems) {
            String field = problem.contains(":") ? problem.substring(0, problem.indexOf(':')) : "";
            String input = switch (field) {
                case "horizon.daysBack" -> DAYS_BACK;
                case "horizon.daysAhead", "horizon" -> DAYS_AHEAD;
                case "kinds" -> TASKS;
                case "googleCalendars" -> CALENDARS;
                case "googleTaskLists" -> TASK_LISTS;
                default -> "";
            };
            String message = problem.contains(":") ? problem.substring(problem.indexOf(':') + 1).strip() : problem;
            errors = errors.put(input, errors.get(input).map(m -> m + "; " + message).getOrElse(message));
        }
        return errors;
    }

    private static <E extends Enum<E>> Either<String, E> enumOf(Class<E> type, String value) {
        return Try.of(() -> Enum.valueOf(type, text(value))).toEither()
                .mapLeft(e -> "choose one of " + List.of(type.getEnumConstants()).mkString(", ") + ", got '" + text(value) + "'");
    }

    /**
     * The form as the page fills it for these settings (a checkbox left out is unchecked): what the CLI starts from
     * before it changes the fields it was given, so both go through {@link #read}.
     */
    public static java.util.Map<String, String> fields(SyncSettings s) {
        java.util.Map<String, String> form = new java.util.LinkedHashMap<>();
        form.put(DIRECTION, s.direction().name());
        form.put(CONFLICT, s.conflictPolicy().name());
        form.put(PRIVATE_EVENTS, s.privateEvents().name());
        if (s.privateGoogleLandsAs() == PrivateLanding.PUBLIC) form.put(PRIVATE_AS_PUBLIC, "on");
        form.put(HOURS, s.hourWindow().isWholeDay() ? "" : s.hourWindow().toString());
        if (s.allDayInScope()) form.put(ALL_DAY, "on");
        form.put(ZONE, s.zone().getId());
        form.put(CALENDARS, s.googleCalendars().mkString(", "));
        form.put(TASK_LISTS, s.googleTaskLists().mkString(", "));
        if (s.kinds().contains(ItemKind.EVENT)) form.put(EVENTS, "on");
        if (s.kinds().contains(ItemKind.TASK)) form.put(TASKS, "on");
        form.put(DAYS_BACK, String.valueOf(s.horizon().daysBack()));
        form.put(DAYS_AHEAD, String.valueOf(s.horizon().daysAhead()));
        return form;
    }

    private static Either<String, Integer> number(String value) {
        return Try.of(() -> Integer.parseInt(text(value))).toEither().mapLeft(e -> "a whole number of days, got '" + text(value) + "'");
    }

    private static boolean checked(String value) {
        return value != null && !value.isEmpty();
    }

    private static String text(String value) {
        return value == null ? "" : value.strip();
    }
}
