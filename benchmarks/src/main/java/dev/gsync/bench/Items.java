package dev.gsync.bench;

import dev.gsync.core.model.Attendee;
import dev.gsync.core.model.CalendarItem;
import dev.gsync.core.model.ItemKind;
import dev.gsync.core.model.ItemStatus;
import dev.gsync.core.model.Recurrence;
import dev.gsync.core.model.Timing;
import dev.gsync.core.model.Visibility;
import io.vavr.collection.List;
import io.vavr.control.Option;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * Calendar items as a sales team has them, numbered so every run builds the same ones: mostly customer meetings
 * with an agenda, a room, two guests and a reminder; every tenth a follow-up task; every twentieth private.
 * All lie inside the default sync horizon around {@link #NOW}.
 */
final class Items {
    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

    private Items() {}

    static CalendarItem numbered(int n) {
        return n % 10 == 9 ? followUp(n) : meeting(n);
    }

    static CalendarItem meeting(int n) {
        Instant start = NOW.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(n % 300 - 20)).plus(Duration.ofHours(7 + n % 9));
        return new CalendarItem(ItemKind.EVENT, "Customer call #" + n,
                "<p>Agenda for call " + n + ": <b>pricing</b>, roadmap, next steps.</p>", "Room " + (n % 20),
                new Timing.Timed(start, start.plus(Duration.ofMinutes(30 + 15L * (n % 4))), ZONE),
                n % 20 == 7 ? Visibility.PRIVATE : Visibility.PUBLIC, ItemStatus.CONFIRMED, Recurrence.NONE, Option.none(),
                List.of(10), List.of(Attendee.of("alice@example.com"), Attendee.of("client" + n + "@example.org")));
    }

    static CalendarItem followUp(int n) {
        return CalendarItem.task("Follow up on offer #" + n, Timing.Due.on(LocalDate.ofInstant(NOW, ZONE).plusDays(n % 200 - 10)))
                .withDescription("Send the revised offer to customer " + n + ".");
    }

    /** A typical edit made by a person, chosen by {@code variant}: rename, move, new agenda, or (tasks) done. */
    static CalendarItem edited(CalendarItem item, int variant, String tag) {
        switch (Math.floorMod(variant, 4)) {
            case 0:
                return item.withTitle(item.title() + " (" + tag + ")");
            case 1:
                return item.withTiming(moved(item.timing()));
            case 2:
                return item.withDescription(item.description() + "<p>Note " + tag + "</p>");
            default:
                return item.kind() == ItemKind.TASK ? item.withStatus(ItemStatus.COMPLETED) : item.withLocation("Room " + tag);
        }
    }

    private static Timing moved(Timing timing) {
        if (timing instanceof Timing.Timed t) return new Timing.Timed(t.start().plus(Duration.ofHours(1)), t.end().plus(Duration.ofHours(1)), t.zone());
        if (timing instanceof Timing.Due d) return new Timing.Due(d.date().plusDays(1), d.time());
        if (timing instanceof Timing.AllDay a) return new Timing.AllDay(a.start().plusDays(1), a.endExclusive().plusDays(1));
        throw new AssertionError("unknown timing " + timing);
    }
}
