package dev.gsync.vtiger.jdbc;

import dev.gsync.vtiger.mapping.VtigerTimes;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * vtiger keeps every instant as wall-clock in the DB time zone, split into a DATE and an 'HH:MM:SS' text (old rows
 * may hold 'HH:MM'), with one-second resolution. Conversions in one place so nothing shifts by the JVM's zone.
 */
final class DbTimes {
    private final ZoneId dbZone;
    private final Clock clock;

    DbTimes(ZoneId dbZone, Clock clock) {
        this.dbZone = dbZone;
        this.clock = clock;
    }

    ZoneId zone() {
        return dbZone;
    }

    /** Now as vtiger would stamp modifiedtime: wall clock in the DB zone, whole seconds. */
    LocalDateTime now() {
        return LocalDateTime.ofInstant(clock.instant(), dbZone).truncatedTo(ChronoUnit.SECONDS);
    }

    Instant nowInstant() {
        return clock.instant();
    }

    LocalDateTime toDb(Instant instant) {
        return LocalDateTime.ofInstant(instant, dbZone).truncatedTo(ChronoUnit.SECONDS);
    }

    Instant fromDb(LocalDateTime wall) {
        return wall.atZone(dbZone).toInstant();
    }

    Instant fromDb(LocalDate date, String time) {
        return fromDb(LocalDateTime.of(date, parseTime(time)));
    }

    static String text(LocalTime time) {
        return VtigerTimes.text(time);
    }

    static LocalTime parseTime(String text) {
        return VtigerTimes.parseTime(text);
    }

    static long epochSecond(LocalDateTime wall) {
        return wall.toEpochSecond(java.time.ZoneOffset.UTC);
    }
}
