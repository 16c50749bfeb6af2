package dev.gsync.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.dmfs.rfc5545.DateTime;
import org.dmfs.rfc5545.recur.InvalidRecurrenceRuleException;
import org.dmfs.rfc5545.recur.RecurrenceRule;
import org.dmfs.rfc5545.recur.RecurrenceRuleIterator;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import java.util.TreeSet;

/** Expands a series (RRULE/RDATE/EXDATE) into its occurrences with lib-recur, the way singleEvents=true does. */
final class Recurrences {
    /** Guards against huge rules; Google also stops expanding somewhere. */
    static final int MAX_INSTANCES = 1000;
    /** How far past the later of its start and now an endless series (no COUNT/UNTIL) is expanded. */
    static final Duration ENDLESS_SPAN = Duration.ofDays(2 * 366);
    private static final DateTimeFormatter BASIC_DATE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");
    private static final DateTimeFormatter BASIC_DATE = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final DateTimeFormatter OFFSET_DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

    private Recurrences() {}

    /** One occurrence: where it starts per the rule, and its instance id suffix. */
    record Occurrence(Instant start, boolean allDay, ZoneId zone) {
        String idSuffix() {
            return allDay ? BASIC_DATE.format(start.atZone(zone))
                    : BASIC_DATE_TIME.format(start.atOffset(ZoneOffset.UTC)) + "Z";
        }

        ObjectNode asEventDateTime() {
            ObjectNode node = Json.object();
            if (allDay) node.put("date", start.atZone(zone).toLocalDate().toString());
            else node.put("dateTime", OFFSET_DATE_TIME.format(start.atZone(zone)));
            node.put("timeZone", zone.getId());
            return node;
        }
    }

    /** Occurrences starting before {@code to}, in order, at most MAX_INSTANCES. */
    static List<Occurrence> occurrences(ObjectNode series, ZoneId calendarZone, Instant to) {
        JsonNode start = series.get("start");
        ZoneId zone = Times.zone(Json.text(start, "timeZone"), calendarZone);
        boolean allDay = start != null && start.has("date");
        Instant first = Times.eventInstant(start, zone);
        if (first == null) return List.of();
        TreeSet<Instant> starts = new TreeSet<>();
        starts.add(first);
        List<Instant> excluded = new ArrayList<>();
        for (JsonNode lineNode : series.path("recurrence")) {
            String line = lineNode.asText();
            String upper = line.toUpperCase(Locale.ROOT);
            if (upper.startsWith("RRULE:")) starts.addAll(expandRule(line.substring(6), first, allDay, zone, to));
            else if (upper.startsWith("RDATE")) starts.addAll(dates(line, zone));
            else if (upper.startsWith("EXDATE")) excluded.addAll(dates(line, zone));
        }
        starts.removeAll(excluded);
        List<Occurrence> result = new ArrayList<>();
        for (Instant instant : starts) {
            if (!instant.isBefore(to) || result.size() >= MAX_INSTANCES) break;
            result.add(new Occurrence(instant, allDay, zone));
        }
        return result;
    }

    /**
     * Where expansion stops when the caller sets no end: a finite series (every RRULE has COUNT or UNTIL, or only
     * RDATEs) runs to its own end, capped at MAX_INSTANCES; an endless one ENDLESS_SPAN past the later of its
     * first start and now, so a series that starts years ahead still has instances.
     */
    static Instant horizon(ObjectNode series, ZoneId calendarZone, Instant now) {
        if (hasEnd(series)) return Instant.MAX;
        Instant first = Times.eventInstant(series.get("start"), calendarZone);
        Instant from = first == null || first.isBefore(now) ? now : first;
        return from.plus(ENDLESS_SPAN);
    }

    static boolean hasEnd(ObjectNode series) {
        for (JsonNode line : series.path("recurrence")) {
            String text = line.asText().toUpperCase(Locale.ROOT);
            if (text.startsWith("RRULE:") && !text.contains("COUNT=") && !text.contains("UNTIL=")) return false;
        }
        return true;
    }

    static Duration duration(ObjectNode event, ZoneId calendarZone) {
        Instant start = Times.eventInstant(event.get("start"), calendarZone);
        Instant end = Times.eventInstant(event.get("end"), calendarZone);
        return start == null || end == null ? Duration.ZERO : Duration.between(start, end);
    }

    private static List<Instant> expandRule(String rule, Instant first, boolean allDay, ZoneId zone, Instant to) {
        List<Instant> result = new ArrayList<>();
        try {
            RecurrenceRule recurrence = new RecurrenceRule(rule, RecurrenceRule.RfcMode.RFC5545_LAX);
            DateTime dtStart = allDay
                    ? toDate(first.atZone(zone).toLocalDate())
                    : new DateTime(TimeZone.getTimeZone(zone), first.toEpochMilli());
            RecurrenceRuleIterator it = recurrence.iterator(dtStart);
            while (it.hasNext() && result.size() < MAX_INSTANCES) {
                DateTime next = it.nextDateTime();
                Instant instant = allDay
                        ? LocalDate.of(next.getYear(), next.getMonth() + 1, next.getDayOfMonth()).atStartOfDay(zone).toInstant()
                        : Instant.ofEpochMilli(next.getTimestamp());
                if (!instant.isBefore(to)) break;
                result.add(instant);
            }
        } catch (InvalidRecurrenceRuleException | IllegalArgumentException e) {
            throw GoogleError.invalid("Invalid recurrence rule.");
        }
        return result;
    }

    private static DateTime toDate(LocalDate date) {
        return new DateTime(date.getYear(), date.getMonthValue() - 1, date.getDayOfMonth());
    }

    /** RDATE/EXDATE values: 20260105, 20260105T090000Z, or local times in TZID (or the series' zone). */
    private static List<Instant> dates(String line, ZoneId seriesZone) {
        int colon = line.indexOf(':');
        if (colon < 0) return List.of();
        ZoneId zone = seriesZone;
        for (String param : line.substring(0, colon).split(";")) {
            if (param.toUpperCase(Locale.ROOT).startsWith("TZID=")) zone = Times.zone(param.substring(5), seriesZone);
        }
        List<Instant> result = new ArrayList<>();
        for (String value : line.substring(colon + 1).split(",")) {
            String v = value.strip();
            try {
                if (v.length() == 8) result.add(LocalDate.parse(v, BASIC_DATE).atStartOfDay(zone).toInstant());
                else if (v.endsWith("Z")) result.add(LocalDateTime.parse(v.substring(0, v.length() - 1), BASIC_DATE_TIME).toInstant(ZoneOffset.UTC));
                else result.add(LocalDateTime.parse(v, BASIC_DATE_TIME).atZone(zone).toInstant());
            } catch (RuntimeException e) {
                throw GoogleError.invalid("Invalid recurrence rule.");
            }
        }
        return result;
    }
}
