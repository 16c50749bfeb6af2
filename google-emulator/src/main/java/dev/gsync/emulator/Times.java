package dev.gsync.emulator;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** RFC 3339 as Google writes it: UTC, always milliseconds. */
final class Times {
    private static final DateTimeFormatter MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private static final DateTimeFormatter WITH_OFFSET = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

    private Times() {}

    static String format(Instant instant) { return MILLIS.format(instant); }

    /** A query parameter such as timeMin: RFC 3339 with an offset (date-only tolerated as UTC midnight). */
    static Instant parseParameter(String name, String value) {
        try {
            return parseInstant(value, ZoneOffset.UTC);
        } catch (DateTimeException e) {
            throw GoogleError.invalidParameter(name, "Bad Request");
        }
    }

    static Instant parseInstant(String value, ZoneId zoneIfMissing) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeException e) {
            if (value.length() == 10) return LocalDate.parse(value).atStartOfDay(zoneIfMissing).toInstant();
            return LocalDateTime.parse(value).atZone(zoneIfMissing).toInstant();
        }
    }

    /** An EventDateTime ({date} or {dateTime, timeZone}) as an instant; null when absent or unreadable. */
    static Instant eventInstant(JsonNode eventDateTime, ZoneId calendarZone) {
        if (eventDateTime == null || !eventDateTime.isObject()) return null;
        try {
            ZoneId zone = zone(Json.text(eventDateTime, "timeZone"), calendarZone);
            String dateTime = Json.text(eventDateTime, "dateTime");
            if (dateTime != null) return parseInstant(dateTime, zone);
            String date = Json.text(eventDateTime, "date");
            return date == null ? null : LocalDate.parse(date).atStartOfDay(zone).toInstant();
        } catch (DateTimeException e) {
            return null;
        }
    }

    /**
     * Google answers a timed start/end sent without an offset ("2026-03-10T09:00:00" + timeZone) with the offset of
     * that zone at that moment ("2026-03-10T09:00:00+01:00"); values with an offset are kept as sent.
     */
    static void addMissingOffset(JsonNode eventDateTime, ZoneId calendarZone) {
        if (eventDateTime == null || !eventDateTime.isObject()) return;
        String dateTime = Json.text(eventDateTime, "dateTime");
        if (dateTime == null || hasOffset(dateTime)) return;
        try {
            ZoneId zone = zone(Json.text(eventDateTime, "timeZone"), calendarZone);
            ((com.fasterxml.jackson.databind.node.ObjectNode) eventDateTime)
                    .put("dateTime", WITH_OFFSET.format(LocalDateTime.parse(dateTime).atZone(zone)));
        } catch (DateTimeException e) {
            // unreadable values are refused by the caller's validation
        }
    }

    static boolean hasOffset(String dateTime) {
        return dateTime != null && (dateTime.endsWith("Z") || dateTime.endsWith("z") || dateTime.matches(".*T.*[+-]\\d\\d:?\\d\\d$"));
    }

    static ZoneId zone(String name, ZoneId fallback) {
        if (name == null) return fallback;
        try {
            return ZoneId.of(name);
        } catch (DateTimeException e) {
            return fallback;
        }
    }
}
