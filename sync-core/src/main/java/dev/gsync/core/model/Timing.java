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

    /** A task's due date; the time is optional (Google Tasks keeps none). Read in the user's zone. */
    record Due(LocalDate date, Option<LocalTime> time) implements Timing {
        public Due {
            Objects.requireNonNull(date, "date");
            Objects.requireNonNull(time, "time");
        }

        public static Due on(LocalDate date) {
            return new Due(date, Option.none());
        }

        public Due withoutTime() {
            return new Due(date, Option.none());
        }
    }
}
