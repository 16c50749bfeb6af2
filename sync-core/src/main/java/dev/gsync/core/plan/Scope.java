package dev.gsync.core.plan;

import dev.gsync.core.model.CalendarItem;
import dev.gsync.core.model.HourWindow;
import dev.gsync.core.model.Side;
import dev.gsync.core.model.SyncSettings;
import dev.gsync.core.model.Timing;
import io.vavr.control.Option;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * May this item cross to that side? It may if its kind is enabled, it lies inside the horizon, it overlaps the hour
 * window on at least one day (in the user's zone, DST-correct), and the private-event policy lets it go that way.
 *
 * <p>All-day events are in scope when the settings say so; tasks are not held to the hour window (a due date is not
 * a meeting). A recurring series counts as ongoing: only its first start is held to the horizon's far end.
 */
public final class Scope {

    /** Why an item may not cross, in the order the checks run. */
    public enum Exclusion {
        KIND_DISABLED("its kind is not synced"),
        OUTSIDE_HORIZON("it lies beyond the sync horizon"),
        BEFORE_HORIZON("it lies before the sync horizon"),
        OUTSIDE_HOURS("it lies outside the synced hours"),
        ALL_DAY_EXCLUDED("all-day events are not synced"),
        PRIVATE("private items may not cross that way");

        public final String reason;

        Exclusion(String reason) {
            this.reason = reason;
        }
    }

    private final SyncSettings settings;
    private final LocalDate firstDay;
    private final LocalDate lastDay;

    public Scope(SyncSettings settings, Instant now) {
        this.settings = settings;
        LocalDate today = LocalDate.ofInstant(now, settings.zone());
        this.firstDay = today.minusDays(settings.horizon().daysBack());
        this.lastDay = today.plusDays(settings.horizon().daysAhead());
    }

    /** None when the item may cross to {@code to}; otherwise the first reason it may not. */
    public Option<Exclusion> excludes(CalendarItem item, Side to) {
        if (!settings.kinds().contains(item.kind())) return Option.some(Exclusion.KIND_DISABLED);
        Option<Exclusion> horizon = horizon(item);
        if (horizon.isDefined()) return horizon;
        if (item.timing() instanceof Timing.AllDay && !settings.allDayInScope()) return Option.some(Exclusion.ALL_DAY_EXCLUDED);
        if (item.timing() instanceof Timing.Timed timed && !overlapsWindow(timed.start(), timed.end(), settings.hourWindow(), settings.zone()))
            return Option.some(Exclusion.OUTSIDE_HOURS);
        if (item.isPrivate() && !settings.privateEvents().mayCross(to)) return Option.some(Exclusion.PRIVATE);
        return Option.none();
    }

    /** The last day inside the horizon. */
    public LocalDate lastDay() {
        return lastDay;
    }

    /** Beyond the far end (a settings change can put it there) or before the near end (it aged out), or None. */
    private Option<Exclusion> horizon(CalendarItem item) {
        LocalDate first;
        LocalDate last;
        Timing t = item.timing();
        if (t instanceof Timing.Timed timed) {
            first = LocalDate.ofInstant(timed.start(), settings.zone());
            last = LocalDate.ofInstant(timed.end(), settings.zone());
        } else if (t instanceof Timing.AllDay allDay) {
            first = allDay.start();
            last = allDay.endExclusive().minusDays(1);
        } else if (t instanceof Timing.Due due) {
            first = due.date();
            last = due.date();
        } else {
            throw new AssertionError("unknown timing " + t);
        }
        if (first.isAfter(lastDay)) return Option.some(Exclusion.OUTSIDE_HORIZON);
        if (!item.recurrence().isRecurring() && last.isBefore(firstDay)) return Option.some(Exclusion.BEFORE_HORIZON);
        return Option.none();
    }

    /**
     * True when [start, end) meets the window on some day. A zero-length event counts as the instant it starts.
     * Each day's window is placed with the zone's rules, so a 08:00-18:00 window stays 08:00-18:00 across DST.
     */
    static boolean overlapsWindow(Instant start, Instant end, HourWindow window, ZoneId zone) {
        if (window.isWholeDay() || Duration.between(start, end).compareTo(Duration.ofHours(26)) >= 0) return true;
        LocalDate day = LocalDate.ofInstant(start, zone).minusDays(1);
        LocalDate lastDay = LocalDate.ofInstant(end, zone);
        for (; !day.isAfter(lastDay); day = day.plusDays(1)) {
            LocalDate closingDay = window.wrapsMidnight() ? day.plusDays(1) : day;
            // where clocks go back, the window's local times happen twice: once at each offset
            for (boolean later : new boolean[]{false, true}) {
                Instant opens = placed(day, window.opens(), zone, later);
                Instant closes = placed(closingDay, window.closes(), zone, later);
                boolean meets = start.equals(end)
                        ? !start.isBefore(opens) && start.isBefore(closes)
                        : start.isBefore(closes) && opens.isBefore(end);
                if (meets) return true;
            }
        }
        return false;
    }

    /**
     * The instant a local time of the window falls on that day. A time the clocks skip (02:15 when they jump from 02:00
     * to 03:00) is where they jump: every later local time of that day is after it. A time that happens twice is taken
     * at the earlier or the later offset.
     */
    private static Instant placed(LocalDate day, java.time.LocalTime time, ZoneId zone, boolean laterOffset) {
        java.time.LocalDateTime local = java.time.LocalDateTime.of(day, time);
        java.time.zone.ZoneOffsetTransition transition = zone.getRules().getTransition(local);
        if (transition != null && transition.isGap()) return transition.getInstant();
        ZonedDateTime placed = ZonedDateTime.of(local, zone);
        return (laterOffset ? placed.withLaterOffsetAtOverlap() : placed.withEarlierOffsetAtOverlap()).toInstant();
    }
}
