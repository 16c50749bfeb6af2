package dev.gsync.core.model;

import io.vavr.control.Option;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Objects;

/** When an item happens: a timed span, whole days, or (for tasks) a due date with an optional time. */
public sealed interface Timing {

    /** A span of time; the zone is the one the event was entered in (it matters for recurrence and display). */
    record Timed(Instant start, Instant end, ZoneId zone) implements Timing {
        public Timed {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
            Objects.requireNonNull(zone, "zone");
            if (end.isBefore(start)) throw new IllegalArgumentException("ends before it starts: " + start + " > " + end);
        }
    }

    /** Whole days, end exclusive, as Google and iCalendar store them. */
    record AllDay(LocalDate start, LocalDate endExclusive) implements Timing {
        public AllDay {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(endExclusive, "endExclusive");
            if (!start.isBefore(endExclusive)) throw new IllegalArgumentException("all-day span is empty: " + start + " to " + endExclusive);
        }

        public static AllDay on(LocalDate day) {
            return new AllDay(day, day.plusDays(1));
        }
    }

    /**
     * A task's due date; the time is optional (Google Tasks keeps none). Read in the user's zone.
     *
     * @param placeholder the task has no due date (Google allows that, the CRM does not): {@code date} only stands
     *                    in for "none" (the day it was first seen), and it never counts as a value of the field
     *                    (R14: its fingerprint is "no date", so it is not written anywhere as a real date)
     */
    record Due(LocalDate date, Option<LocalTime> time, boolean placeholder) implements Timing {
        public Due {
            Objects.requireNonNull(date, "date");
            Objects.requireNonNull(time, "time");
            if (placeholder && time.isDefined()) throw new IllegalArgumentException("an undated task has no due time");
        }

        public Due(LocalDate date, Option<LocalTime> time) {
            this(date, time, false);
        }

        public static Due on(LocalDate date) {
            return new Due(date, Option.none());
        }

        /** No due date; {@code standIn} is the date a side that needs one uses (the day the task was first seen). */
        public static Due undated(LocalDate standIn) {
            return new Due(standIn, Option.none(), true);
        }

        public Due withoutTime() {
            return new Due(date, Option.none(), placeholder);
        }

        /** The stand-in date as a real one, as the CRM stores it. */
        public Due dated() {
            return new Due(date, time, false);
        }
    }
}
