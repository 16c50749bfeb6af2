package dev.gsync.core.model;

import io.vavr.control.Either;
import io.vavr.control.Try;

import java.time.LocalTime;
import java.util.Objects;

/**
 * The hours of the day that are synced, in the user's zone. {@code closes} before {@code opens} wraps midnight
 * (22:00-06:00); equal bounds mean the whole day.
 */
public record HourWindow(LocalTime opens, LocalTime closes) {
    public static final HourWindow WHOLE_DAY = new HourWindow(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);

    public HourWindow {
        Objects.requireNonNull(opens, "opens");
        Objects.requireNonNull(closes, "closes");
    }

    public boolean isWholeDay() {
        return opens.equals(closes);
    }

    public boolean wrapsMidnight() {
        return closes.isBefore(opens);
    }

    /** "08:00-18:00". */
    public static Either<String, HourWindow> parse(String text) {
        String[] part = text.split("-", 2);
        if (part.length != 2) return Either.left("expected HH:MM-HH:MM, got '" + text + "'");
        return Try.of(() -> new HourWindow(LocalTime.parse(part[0].strip()), LocalTime.parse(part[1].strip())))
                .toEither().mapLeft(e -> "bad hour window '" + text + "': " + e.getMessage());
    }

    @Override
    public String toString() {
        return opens + "-" + closes;
    }
}
