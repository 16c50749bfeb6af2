package dev.gsync.state;

import dev.gsync.core.model.ConflictPolicy;
import dev.gsync.core.model.Horizon;
import dev.gsync.core.model.HourWindow;
import dev.gsync.core.model.ItemKind;
import dev.gsync.core.model.PrivateEvents;
import dev.gsync.core.model.PrivateLanding;
import dev.gsync.core.model.SyncDirection;
import dev.gsync.core.model.SyncSettings;
import io.vavr.collection.List;
import io.vavr.collection.TreeSet;
import io.vavr.control.Either;
import io.vavr.control.Try;

import java.time.ZoneId;
import java.util.function.Function;

/**
 * {@link SyncSettings} as a small JSON document with a format number. Reading checks every field and runs
 * {@link SyncSettings#validate}, so a hand-edited or half-written row comes back as a Left naming the problems.
 */
final class SettingsText {
    static final int FORMAT = 1;

    /** The stored form; plain strings and numbers only, so renaming a Java type never breaks a stored row. */
    record Body(int format, String direction, String conflictPolicy, String privateEvents, String privateGoogleLandsAs,
                String hourWindow, boolean allDayInScope, String zone, int daysBack, int daysAhead,
                java.util.List<String> kinds, java.util.List<String> googleCalendars, double maxDeleteShare,
                java.util.List<String> googleTaskLists) {   // absent in rows written before task lists could be chosen
    }

    private SettingsText() {
    }

    static String write(SyncSettings s) {
        Body body = new Body(FORMAT, s.direction().name(), s.conflictPolicy().name(), s.privateEvents().name(),
                s.privateGoogleLandsAs().name(), s.hourWindow().toString(), s.allDayInScope(), s.zone().getId(),
                s.horizon().daysBack(), s.horizon().daysAhead(), s.kinds().map(Enum::name).toSortedSet().toJavaList(),
                s.googleCalendars().toJavaList(), s.maxDeleteShare(), s.googleTaskLists().toJavaList());
        return JsonText.write(body);
    }

    static Either<String, SyncSettings> read(String text) {
        return JsonText.read(text, Body.class).mapLeft(problem -> "unreadable settings: " + problem)
                .flatMap(SettingsText::toSettings);
    }

    private static Either<String, SyncSettings> toSettings(Body b) {
        if (b.format() != FORMAT) return Either.left("settings format " + b.format() + " is not " + FORMAT);
        List<String> problems = List.empty();
        var direction = named("direction", b.direction(), SyncDirection::valueOf);
        var conflict = named("conflictPolicy", b.conflictPolicy(), ConflictPolicy::valueOf);
        var privateEvents = named("privateEvents", b.privateEvents(), PrivateEvents::valueOf);
        var landing = named("privateGoogleLandsAs", b.privateGoogleLandsAs(), PrivateLanding::valueOf);
        var window = b.hourWindow() == null ? Either.<String, HourWindow>left("hourWindow: missing")
                : HourWindow.parse(b.hourWindow()).mapLeft(p -> "hourWindow: " + p);
        var zone = named("zone", b.zone(), ZoneId::of);
        var kinds = b.kinds() == null ? Either.<String, List<ItemKind>>left("kinds: missing")
                : Either.sequenceRight(List.ofAll(b.kinds()).map(k -> SettingsText.<ItemKind>named("kinds", k, ItemKind::valueOf)))
                        .map(List::ofAll);
        var calendars = b.googleCalendars() == null || b.googleCalendars().contains(null)
                ? Either.<String, List<String>>left("googleCalendars: missing") : Either.<String, List<String>>right(List.ofAll(b.googleCalendars()));
        for (Either<String, ?> field : List.<Either<String, ?>>of(direction, conflict, privateEvents, landing, window, zone, kinds, calendars)) {
            if (field.isLeft()) problems = problems.append(field.getLeft());
        }
        if (!problems.isEmpty()) return Either.left(problems.mkString("; "));
        SyncSettings settings = new SyncSettings(direction.get(), conflict.get(), privateEvents.get(), landing.get(),
                window.get(), b.allDayInScope(), zone.get(), new Horizon(b.daysBack(), b.daysAhead()),
                TreeSet.ofAll(kinds.get()), calendars.get(), b.maxDeleteShare(),
                b.googleTaskLists() == null ? List.of(SyncSettings.DEFAULT_TASK_LIST) : List.ofAll(b.googleTaskLists()));
        return SyncSettings.validate(settings).toEither().mapLeft(p -> p.mkString("; "));
    }

    private static <T> Either<String, T> named(String field, String value, Function<String, T> parse) {
        if (value == null) return Either.left(field + ": missing");
        return Try.of(() -> parse.apply(value)).toEither().mapLeft(e -> field + ": unknown value '" + value + "'");
    }
}
