package dev.gsync.vtiger.jdbc;

import dev.gsync.core.model.CalendarItem;
import dev.gsync.core.model.ExternalId;
import dev.gsync.core.model.SeriesOrigin;
import dev.gsync.core.model.Timing;
import dev.gsync.vtiger.mapping.ActivityMapping;
import dev.gsync.vtiger.mapping.VtigerVersions;
import io.vavr.collection.List;
import io.vavr.control.Option;
import org.dmfs.rfc5545.recur.RecurrenceRule;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a vtiger series (one record per occurrence, tied by vtiger_activity_recurring_info) as ONE recurring item:
 * the RRULE comes from the rule row, occurrences without a live record become EXDATEs, and occurrences whose record
 * differs from the series (moved, renamed, ...) become exceptions with a {@link SeriesOrigin}.
 * <p>vtiger expands a rule in its DB zone while Google expands it in the event's zone; the two differ across a DST
 * change. The series is read in whichever of the user's zone and the DB zone explains more of the records.
 */
final class SeriesReader {
    private final ActivityMapping mapper;
    private final RecurrenceCodec codec;
    private final DbTimes times;
    private final int userId;

    SeriesReader(ActivityMapping mapper, RecurrenceCodec codec, DbTimes times, int userId) {
        this.mapper = mapper;
        this.codec = codec;
        this.times = times;
        this.userId = userId;
    }

    Unit read(int parent, List<Loaded> members, Option<RecurrenceCodec.VtigerRule> storedRule) {
        ExternalId seriesId = Unit.seriesId(parent);
        LocalDateTime modified = members.map(m -> m.entity().modifiedtime).max().getOrElse(LocalDateTime.MIN);
        List<Loaded> live = members.filter(m -> !m.isDeleted() && m.entity().smownerid == userId)
                .sortBy(m -> times.fromDb(m.activity().dateStart, m.activity().timeStart));
        if (live.isEmpty()) return new Unit(seriesId, Option.none(), List.empty(), members, modified);

        Loaded template = members.find(m -> m.id() == parent).getOrElse(live.head());
        boolean allDay = "1".equals(template.activity().notime);
        RecurrenceCodec.VtigerRule rule = storedRule.getOrElse(() -> fallbackRule(template));
        LocalDateTime dbStart = LocalDateTime.of(rule.start(), DbTimes.parseTime(template.activity().timeStart));
        Option<LocalDate> lastDbDate = Option.of(live.last().activity().dateStart);

        // the content most occurrences share is the series; the others are exceptions
        Map<String, Integer> votes = new LinkedHashMap<>();
        for (Loaded m : live) votes.merge(contentKey(item(m)), 1, Integer::sum);
        String baseKey = votes.entrySet().stream().max(Map.Entry.comparingByValue()).get().getKey();
        CalendarItem base = live.map(this::item).find(i -> contentKey(i).equals(baseKey)).get();

        Reading best = null;
        for (ZoneId zone : List.of(mapper.times().userZone(), times.zone()).distinct()) {
            RecurrenceRule rr = codec.rrule(rule, dbStart, zone, allDay, lastDbDate);
            Timing first = firstTiming(base, dbStart, zone, allDay);
            List<Timing> expected = RecurrenceCodec.occurrences(rr, first, java.util.Set.of(), java.util.Set.of());
            Reading r = match(seriesId, rr, first, expected, live, baseKey, modified);
            if (best == null || r.matched > best.matched) best = r;
        }
        return best.unit;
    }

    private record Reading(int matched, Unit unit) {}

    private Reading match(ExternalId seriesId, RecurrenceRule rr, Timing first, List<Timing> expected, List<Loaded> live,
                          String baseKey, LocalDateTime modified) {
        Map<Instant, Loaded> byStart = new HashMap<>();
        for (Loaded m : live) byStart.putIfAbsent(startOf(item(m).timing()), m);
        java.util.List<Timing> unmatched = new ArrayList<>();
        java.util.List<Unit.Piece> exceptions = new ArrayList<>();
        int matched = 0;
        for (Timing e : expected) {
            Loaded m = byStart.remove(startOf(e));
            if (m == null) {
                unmatched.add(e);
                continue;
            }
            matched++;
            CalendarItem item = item(m);
            if (!contentKey(item).equals(baseKey)) exceptions.add(exception(seriesId, m, item, startOf(e)));
        }
        // records that moved away from their slot: an exception of the nearest free slot, preferably the same day
        for (Loaded m : byStart.values().stream().sorted(Comparator.comparing(x -> x.id())).toList()) {
            CalendarItem item = item(m);
            Instant start = startOf(item.timing());
            Timing slot = unmatched.stream()
                    .min(Comparator.comparing((Timing t) -> !sameDay(t, start, zoneOf(first)))
                            .thenComparing(t -> Duration.between(startOf(t), start).abs()))
                    .orElse(null);
            if (slot != null) unmatched.remove(slot);
            exceptions.add(exception(seriesId, m, item, slot == null ? start : startOf(slot)));
        }
        CalendarItem series = item(live.find(m -> contentKey(item(m)).equals(baseKey)).get())
                .withTiming(first).withRecurrence(RecurrenceCodec.lines(rr, List.ofAll(unmatched)));
        String extra = List.ofAll(exceptions).map(p -> p.id().value()).mkString(",");
        Unit.Piece main = new Unit.Piece(seriesId, series, VtigerVersions.of(ActivityMapping.dbDateTime(modified), series, extra), modified);
        return new Reading(matched, new Unit(seriesId, Option.of(main), List.ofAll(exceptions), live, modified));
    }

    private Unit.Piece exception(ExternalId seriesId, Loaded m, CalendarItem item, Instant originalStart) {
        CalendarItem withOrigin = item.withSeries(Option.of(new SeriesOrigin(seriesId, originalStart)));
        return new Unit.Piece(Unit.recordId(m.id()), withOrigin, VtigerVersions.of(ActivityMapping.dbDateTime(m.entity().modifiedtime), withOrigin, ""), m.entity().modifiedtime);
    }

    private Timing firstTiming(CalendarItem base, LocalDateTime dbStart, ZoneId zone, boolean allDay) {
        Instant start = times.fromDb(dbStart);
        if (allDay && base.timing() instanceof Timing.AllDay d) {
            LocalDate day = dbStart.toLocalDate();   // a notime row's dates are its all-day dates
            return new Timing.AllDay(day, day.plusDays(ChronoUnit.DAYS.between(d.start(), d.endExclusive())));
        }
        Duration length = base.timing() instanceof Timing.Timed t ? Duration.between(t.start(), t.end()) : Duration.ZERO;
        return new Timing.Timed(start, start.plus(length), zone);
    }

    private CalendarItem item(Loaded m) {
        return mapper.item(RowFields.of(m), RowFields.invitees(m));
    }

    private RecurrenceCodec.VtigerRule fallbackRule(Loaded template) {
        String type = template.activity().recurringtype;
        if (!List.of("Daily", "Weekly", "Monthly", "Yearly").contains(type)) type = "Daily";
        return new RecurrenceCodec.VtigerRule(type, 1, type, template.activity().dateStart, Option.none());
    }

    private Instant startOf(Timing t) {
        if (t instanceof Timing.Timed timed) return timed.start();
        return ((Timing.AllDay) t).start().atStartOfDay(mapper.times().userZone()).toInstant();
    }

    private ZoneId zoneOf(Timing t) {
        return t instanceof Timing.Timed timed ? timed.zone() : mapper.times().userZone();
    }

    private boolean sameDay(Timing t, Instant other, ZoneId zone) {
        return startOf(t).atZone(zone).toLocalDate().equals(other.atZone(zone).toLocalDate());
    }

    /** Everything of an occurrence but its place in time: equal keys mean "a plain occurrence of the series". */
    static String contentKey(CalendarItem i) {
        String length;
        if (i.timing() instanceof Timing.Timed t) length = "T" + Duration.between(t.start(), t.end()).getSeconds();
        else if (i.timing() instanceof Timing.AllDay d) length = "D" + ChronoUnit.DAYS.between(d.start(), d.endExclusive());
        else length = "due";
        return String.join("\u0001", i.title(), i.description(), i.location(), i.canonical(dev.gsync.core.model.Field.VISIBILITY), i.canonical(dev.gsync.core.model.Field.STATUS),
                i.reminders().mkString(","), i.attendees().map(a -> a.email() + "|" + a.response()).mkString(","), length);
    }
}
