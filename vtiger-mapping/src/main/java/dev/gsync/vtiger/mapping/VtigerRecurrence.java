package dev.gsync.vtiger.mapping;

import dev.gsync.core.model.CalendarItem;
import dev.gsync.core.model.Recurrence;
import dev.gsync.core.model.Timing;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.TreeSet;
import io.vavr.control.Either;
import io.vavr.control.Option;
import io.vavr.control.Try;
import org.dmfs.rfc5545.DateTime;
import org.dmfs.rfc5545.Weekday;
import org.dmfs.rfc5545.recur.RecurrenceRule;
import org.dmfs.rfc5545.recur.RecurrenceRuleIterator;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.TimeZone;

/**
 * vtiger's recurrence, for both transports. Between RFC 5545 recurrence lines (parsed and expanded with lib-recur) and vtiger's way: one record per occurrence
 * plus a rule row (vtiger_recurringevents: type, every N, 'Weekly::1::3', series start and end date, all in the DB
 * zone). Only what vtiger's rule can say is accepted; expansions stop at {@link #MAX_OCCURRENCES} or
 * {@link #MAX_SPAN} after the first occurrence, whichever comes first (vtiger itself needs an end date).
 */
public final class VtigerRecurrence {
    public static final int MAX_OCCURRENCES = 500;
    public static final Period MAX_SPAN = Period.ofYears(2);
    private static final DateTimeFormatter UTC_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    private static final DateTimeFormatter LOCAL_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");
    private static final DateTimeFormatter DATE_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd");
    // names, not Part constants: touching RecurrenceRule.Part before RecurrenceRule itself breaks lib-recur's class initialisation
    private static final java.util.Set<String> ALLOWED = java.util.Set.of("FREQ", "INTERVAL", "UNTIL", "COUNT", "BYDAY", "BYMONTHDAY", "BYMONTH", "WKST");

    /** A vtiger_recurringevents row, in the DB zone. */
    public record VtigerRule(String type, int every, String info, LocalDate start, Option<LocalDate> end) {}

    /** The occurrences to write for a recurring item, and the rule row each of them carries. */
    public record Expansion(List<Timing> occurrences, VtigerRule rule) {}

    private final VtigerTimes times;

    public VtigerRecurrence(VtigerTimes times) {
        this.times = times;
    }

    // ---- writing: Google's lines -> occurrences + vtiger rule ----

    public Either<String, Expansion> expand(CalendarItem item) {
        Option<String> rruleText = Option.none();
        java.util.Set<Instant> exTimes = new java.util.HashSet<>();
        java.util.Set<LocalDate> exDates = new java.util.HashSet<>();
        for (String line : item.recurrence().lines()) {
            String upper = line.toUpperCase(Locale.ROOT);
            if (upper.startsWith("RRULE:")) {
                if (rruleText.isDefined()) return Either.left("vtiger holds one recurrence rule, got several: " + item.recurrence().lines());
                rruleText = Option.of(line.substring(6));
            } else if (upper.startsWith("EXDATE")) {
                Either<String, Void> parsed = parseExdate(line, exTimes, exDates);
                if (parsed.isLeft()) return Either.left(parsed.getLeft());
            } else {
                return Either.left("vtiger cannot hold '" + line + "' (only RRULE and EXDATE)");
            }
        }
        if (rruleText.isEmpty()) return Either.left("recurrence without RRULE: " + item.recurrence().lines());
        String text = rruleText.get();
        Either<String, RecurrenceRule> parsed = Try.of(() -> new RecurrenceRule(text, RecurrenceRule.RfcMode.RFC5545_LAX))
                .toEither().mapLeft(e -> "unreadable RRULE '" + text + "': " + e.getMessage());
        if (parsed.isLeft()) return Either.left(parsed.getLeft());
        RecurrenceRule rule = parsed.get();
        Either<String, Void> fits = checkFits(rule, item.timing(), text);
        if (fits.isLeft()) return Either.left(fits.getLeft());
        List<Timing> occurrences = occurrences(rule, item.timing(), exTimes, exDates);
        if (occurrences.isEmpty()) return Either.left("the rule leaves no occurrence: " + item.recurrence().lines());
        return Either.right(new Expansion(occurrences, vtigerRule(rule, occurrences)));
    }

    private static Either<String, Void> checkFits(RecurrenceRule rule, Timing timing, String text) {
        for (RecurrenceRule.Part p : RecurrenceRule.Part.values()) {
            if (!p.name().startsWith("_") && rule.hasPart(p) && !ALLOWED.contains(p.name()))
                return Either.left("vtiger's recurrence cannot express " + p + " in " + text);
        }
        java.util.List<RecurrenceRule.WeekdayNum> byDay = rule.hasPart(RecurrenceRule.Part.BYDAY) ? rule.getByDayPart() : java.util.List.of();
        boolean byMonthDay = rule.hasPart(RecurrenceRule.Part.BYMONTHDAY);
        switch (rule.getFreq()) {
            case DAILY -> {
                if (!byDay.isEmpty() || byMonthDay || rule.hasPart(RecurrenceRule.Part.BYMONTH))
                    return Either.left("vtiger repeats daily only every N days: " + text);
            }
            case WEEKLY -> {
                if (byMonthDay || rule.hasPart(RecurrenceRule.Part.BYMONTH) || byDay.stream().anyMatch(d -> d.pos != 0))
                    return Either.left("vtiger repeats weekly only on plain weekdays: " + text);
            }
            case MONTHLY -> {
                if (rule.hasPart(RecurrenceRule.Part.BYMONTH) || (byMonthDay && !byDay.isEmpty()))
                    return Either.left("vtiger repeats monthly on one date or one weekday: " + text);
                if (byMonthDay && (rule.getByPart(RecurrenceRule.Part.BYMONTHDAY).size() != 1 || rule.getByPart(RecurrenceRule.Part.BYMONTHDAY).get(0) < 1))
                    return Either.left("vtiger repeats monthly on a single day of the month: " + text);
                if (!byDay.isEmpty() && (byDay.size() != 1 || (byDay.get(0).pos != 1 && byDay.get(0).pos != -1)))
                    return Either.left("vtiger repeats monthly only on the first or last weekday: " + text);
            }
            case YEARLY -> {
                if (!byDay.isEmpty() || byMonthDay) return Either.left("vtiger repeats yearly only on the start date: " + text);
                if (rule.hasPart(RecurrenceRule.Part.BYMONTH)) {
                    int month = (timing instanceof Timing.AllDay d ? d.start().getMonthValue()
                            : ((Timing.Timed) timing).start().atZone(((Timing.Timed) timing).zone()).getMonthValue());
                    if (!rule.getByPart(RecurrenceRule.Part.BYMONTH).equals(java.util.List.of(month)))
                        return Either.left("vtiger repeats yearly only on the start date: " + text);
                }
            }
            default -> {
                return Either.left("vtiger cannot repeat " + rule.getFreq());
            }
        }
        return Either.right(null);
    }

    private VtigerRule vtigerRule(RecurrenceRule rule, List<Timing> occurrences) {
        List<LocalDateTime> dbStarts = occurrences.map(this::dbStart);
        LocalDateTime first = dbStarts.head();
        int dbWeekday = first.getDayOfWeek().getValue() % 7;
        String type;
        String info;
        switch (rule.getFreq()) {
            case DAILY -> { type = "Daily"; info = "Daily"; }
            case WEEKLY -> {
                type = "Weekly";
                info = "Weekly::" + TreeSet.ofAll(dbStarts.map(s -> s.getDayOfWeek().getValue() % 7)).mkString("::");
            }
            case MONTHLY -> {
                type = "Monthly";
                boolean byWeekday = rule.hasPart(RecurrenceRule.Part.BYDAY);
                info = byWeekday
                        ? "Monthly::day::" + (rule.getByDayPart().get(0).pos == 1 ? "first" : "last") + "::" + dbWeekday
                        : "Monthly::date::" + first.getDayOfMonth();
            }
            default -> { type = "Yearly"; info = "Yearly"; }
        }
        return new VtigerRule(type, Math.max(1, rule.getInterval()), info, first.toLocalDate(), Option.of(dbStarts.last().toLocalDate()));
    }

    private LocalDateTime dbStart(Timing t) {
        if (t instanceof Timing.Timed timed) return times.toDb(timed.start());
        return ((Timing.AllDay) t).start().atStartOfDay();   // a notime row's dates are its all-day dates
    }

    private Either<String, Void> parseExdate(String line, java.util.Set<Instant> exTimes, java.util.Set<LocalDate> exDates) {
        int colon = line.indexOf(':');
        if (colon < 0) return Either.left("unreadable " + line);
        String params = line.substring(0, colon).toUpperCase(Locale.ROOT);
        ZoneId zone = ZoneOffset.UTC;
        for (String p : line.substring(0, colon).split(";")) {
            if (p.toUpperCase(Locale.ROOT).startsWith("TZID=")) {
                String id = p.substring(5);
                Try<ZoneId> z = Try.of(() -> ZoneId.of(id));
                if (z.isFailure()) return Either.left("unknown zone in " + line);
                zone = z.get();
            }
        }
        for (String v : line.substring(colon + 1).split(",")) {
            String value = v.strip();
            try {
                if (params.contains("VALUE=DATE") && !params.contains("VALUE=DATE-TIME") || value.length() == 8) {
                    exDates.add(LocalDate.parse(value, DATE_STAMP));
                } else if (value.endsWith("Z")) {
                    exTimes.add(LocalDateTime.parse(value, UTC_STAMP).toInstant(ZoneOffset.UTC));
                } else {
                    exTimes.add(LocalDateTime.parse(value, LOCAL_STAMP).atZone(zone).toInstant());
                }
            } catch (RuntimeException e) {
                return Either.left("unreadable date '" + value + "' in " + line);
            }
        }
        return Either.right(null);
    }

    /** The occurrences of {@code rule} from {@code first}, without the excluded ones, within the bounds. */
    public static List<Timing> occurrences(RecurrenceRule rule, Timing first, java.util.Set<Instant> exTimes, java.util.Set<LocalDate> exDates) {
        java.util.List<Timing> out = new java.util.ArrayList<>();
        if (first instanceof Timing.AllDay day) {
            long days = ChronoUnit.DAYS.between(day.start(), day.endExclusive());
            LocalDate last = day.start().plus(MAX_SPAN);
            RecurrenceRuleIterator it = rule.iterator(new DateTime(day.start().getYear(), day.start().getMonthValue() - 1, day.start().getDayOfMonth()));
            int seen = 0;
            while (it.hasNext() && seen < MAX_OCCURRENCES) {
                DateTime next = it.nextDateTime();
                LocalDate d = LocalDate.of(next.getYear(), next.getMonth() + 1, next.getDayOfMonth());
                if (d.isAfter(last)) break;
                seen++;
                if (!exDates.contains(d)) out.add(new Timing.AllDay(d, d.plusDays(days)));
            }
            return List.ofAll(out);
        }
        Timing.Timed timed = (Timing.Timed) first;
        Duration length = Duration.between(timed.start(), timed.end());
        ZonedDateTime start = timed.start().atZone(timed.zone());
        Instant last = start.plus(MAX_SPAN).toInstant();
        RecurrenceRuleIterator it = rule.iterator(new DateTime(TimeZone.getTimeZone(timed.zone()), start.getYear(),
                start.getMonthValue() - 1, start.getDayOfMonth(), start.getHour(), start.getMinute(), start.getSecond()));
        int seen = 0;
        while (it.hasNext() && seen < MAX_OCCURRENCES) {
            Instant s = Instant.ofEpochMilli(it.nextMillis());
            if (s.isAfter(last)) break;
            seen++;
            LocalDate localDay = s.atZone(timed.zone()).toLocalDate();
            if (!exTimes.contains(s) && !exDates.contains(localDay)) out.add(new Timing.Timed(s, s.plus(length), timed.zone()));
        }
        return List.ofAll(out);
    }

    // ---- reading: vtiger rule -> RRULE in a zone ----

    /**
     * The RRULE that reproduces vtiger's occurrences when expanded from {@code dtstart} in {@code zone}. vtiger keeps
     * weekdays and month days in the DB zone; they are shifted by the day difference of the series start.
     */
    public RecurrenceRule rrule(VtigerRule r, LocalDateTime dbStart, ZoneId zone, boolean allDay, Option<LocalDate> lastDbDate) {
        Instant startInstant = times.instant(dbStart);
        LocalDate localStart = allDay ? dbStart.toLocalDate() : startInstant.atZone(zone).toLocalDate();
        int shift = (int) ChronoUnit.DAYS.between(dbStart.toLocalDate(), localStart);
        StringBuilder s = new StringBuilder("FREQ=").append(switch (r.type()) {
            case "Daily" -> "DAILY";
            case "Weekly" -> "WEEKLY";
            case "Monthly" -> "MONTHLY";
            default -> "YEARLY";
        });
        if (r.every() > 1) s.append(";INTERVAL=").append(r.every());
        String[] info = r.info() == null ? new String[0] : r.info().split("::");
        if ("Weekly".equals(r.type()) && info.length > 1) {
            s.append(";BYDAY=").append(List.of(info).tail().map(d -> weekday(Integer.parseInt(d.strip()) + shift)).distinct().mkString(","));
        } else if ("Monthly".equals(r.type()) && info.length >= 3 && "date".equals(info[1])) {
            int day = Integer.parseInt(info[2].strip()) + shift;
            if (day >= 1 && day <= 31) s.append(";BYMONTHDAY=").append(day);
        } else if ("Monthly".equals(r.type()) && info.length >= 4 && "day".equals(info[1])) {
            s.append(";BYDAY=").append("last".equals(info[2]) ? "-1" : "1").append(weekday(Integer.parseInt(info[3].strip()) + shift));
        }
        Option<LocalDate> end = r.end().orElse(lastDbDate);
        if (end.isDefined()) {
            if (allDay) s.append(";UNTIL=").append(end.get().plusDays(shift).format(DATE_STAMP));
            else s.append(";UNTIL=").append(times.instant(end.get().atTime(LocalTime.of(23, 59, 59))).atOffset(ZoneOffset.UTC).format(UTC_STAMP));
        }
        String text = s.toString();
        return Try.of(() -> new RecurrenceRule(text, RecurrenceRule.RfcMode.RFC5545_LAX)).get();
    }

    private static String weekday(int vtigerDay) {
        return Weekday.values()[Math.floorMod(vtigerDay, 7)].name();   // both count 0 = Sunday
    }

    public static Recurrence lines(RecurrenceRule rule, Seq<Timing> excluded) {
        List<String> lines = List.of("RRULE:" + rule);
        if (excluded.isEmpty()) return new Recurrence(lines);
        Timing any = excluded.head();
        String ex;
        if (any instanceof Timing.AllDay) {
            ex = "EXDATE;VALUE=DATE:" + excluded.map(t -> ((Timing.AllDay) t).start().format(DATE_STAMP)).mkString(",");
        } else {
            ZoneId zone = ((Timing.Timed) any).zone();
            ex = zone.normalized().equals(ZoneOffset.UTC)
                    ? "EXDATE:" + excluded.map(t -> ((Timing.Timed) t).start().atOffset(ZoneOffset.UTC).format(UTC_STAMP)).mkString(",")
                    : "EXDATE;TZID=" + zone.getId() + ":" + excluded.map(t -> ((Timing.Timed) t).start().atZone(zone).format(LOCAL_STAMP)).mkString(",");
        }
        return new Recurrence(lines.append(ex));
    }
}
