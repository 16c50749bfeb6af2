package dev.gsync.vtiger.mapping;

import dev.gsync.core.model.CalendarItem;
import dev.gsync.core.model.ExternalId;
import dev.gsync.core.model.Field;
import dev.gsync.core.model.SeriesOrigin;
import dev.gsync.core.model.Timing;
import dev.gsync.core.model.Version;
import io.vavr.collection.List;
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
 * A vtiger series (one record per occurrence) as ONE recurring item, for both transports: the records that fill the
 * slots of the rule with the content most of them share are plain occurrences; slots without a record become
 * EXDATEs; records that differ (moved, renamed, ...) become exceptions with a {@link SeriesOrigin}, a moved one
 * taking the nearest free slot (preferably the same day). How the members are found (vtiger's
 * {@code vtiger_activity_recurring_info} over JDBC, gsync's marker over the webservice) is the transport's business.
 */
public final class VtigerSeries {
    /** A live member record, read through {@link ActivityMapping#item}. */
    public record Member(long crmid, CalendarItem item, LocalDateTime modified) {}

    /** An item of the series as the feed reports it. */
    public record Piece(ExternalId id, CalendarItem item, Version version, LocalDateTime modified) {}

    /** The series and its exceptions; {@code matched}: how many records sit on a slot of the rule. */
    public record Grouped(int matched, Piece series, List<Piece> exceptions) {}

    /**
     * A series' rule as the webservice transport keeps it in its members' comments (the webservice shows no rule
     * row): the first occurrence's start as DB wall clock, the zone it repeats in, all-day or not, the RRULE.
     */
    public record Rule(LocalDateTime dbStart, ZoneId zone, boolean allDay, String rrule) {
        public String encode() {
            return dbStart + "|" + zone.getId() + "|" + (allDay ? "1" : "0") + "|" + rrule;
        }

        public static io.vavr.control.Option<Rule> decode(String payload) {
            String[] p = payload.split("\\|", 4);
            if (p.length != 4) return io.vavr.control.Option.none();
            return io.vavr.control.Try.of(() -> new Rule(LocalDateTime.parse(p[0]), ZoneId.of(p[1]), "1".equals(p[2]), p[3])).toOption();
        }
    }

    /**
     * What a record's series comment says: the series it belongs to and the rule kept there. Both transports find a
     * series' members by it (the JDBC transport also by vtiger's {@code vtiger_activity_recurring_info}).
     */
    public record Tag(ExternalId series, io.vavr.control.Option<Rule> rule, io.vavr.control.Option<io.vavr.collection.SortedSet<Long>> members) {
        /** The comment a member of {@code series} carries when the series repeats by {@code rule}. */
        public static String comment(ExternalId series, Rule rule) {
            return VtigerText.seriesComment(series.value(), rule.encode());
        }

        /**
         * The comment of a series' first record (the one it is named after): it also lists the series' records, so a
         * record whose own comment vtiger's HTML purifier dropped is still known as a member (D36).
         */
        public static String firstComment(ExternalId series, Rule rule, io.vavr.collection.SortedSet<Long> members) {
            return VtigerText.seriesComment(series.value(), rule.encode(), members);
        }

        /**
         * Whether the record {@code crmid} of a series of records {@code ids} keeps the list of them: the two lowest
         * (the first, which names the series, and one more, in case vtiger's purifier takes the first's comment).
         */
        public static boolean keepsList(long crmid, io.vavr.collection.SortedSet<Long> ids) {
            return ids.toList().take(2).contains(crmid);
        }

        /** The comment record {@code crmid} of a series of records {@code ids} carries. */
        public static String commentOf(long crmid, ExternalId series, Rule rule, io.vavr.collection.SortedSet<Long> ids) {
            return keepsList(crmid, ids) ? firstComment(series, rule, ids) : comment(series, rule);
        }

        /** Whether this tag is what record {@code crmid} of a series of records {@code ids} should carry. */
        public boolean fits(long crmid, ExternalId series, Rule rule, io.vavr.collection.SortedSet<Long> ids) {
            return series().equals(series) && rule().contains(rule) && (!keepsList(crmid, ids) || members().contains(ids));
        }

        /** The tag of a stored record, if its description carries a series comment. */
        public static io.vavr.control.Option<Tag> of(RecordFields record) {
            return ActivityMapping.seriesTag(record).flatMap(tag -> VtigerText.seriesOf(tag)
                    .filter(t -> VtigerIds.isSeries(ExternalId.of(t._1)))
                    .map(t -> new Tag(ExternalId.of(t._1), Rule.decode(t._2), VtigerText.seriesMembersOf(tag))));
        }

        /** The rule most of {@code tags} of {@code series} keep (ties: the first), if any. */
        public static io.vavr.control.Option<Rule> common(ExternalId series, List<Tag> tags) {
            Map<Rule, Integer> votes = new LinkedHashMap<>();
            for (Tag t : tags) if (t.series().equals(series)) t.rule().forEach(r -> votes.merge(r, 1, Integer::sum));
            return io.vavr.control.Option.ofOptional(votes.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey));
        }
    }

    private final VtigerTimes times;

    public VtigerSeries(VtigerTimes times) {
        this.times = times;
    }

    /** The rule of a recurring item (its own timing is the first occurrence); none if it has no single RRULE. */
    public io.vavr.control.Option<Rule> ruleOf(CalendarItem item) {
        List<String> rrules = List.ofAll(item.recurrence().lines()).filter(l -> l.toUpperCase(java.util.Locale.ROOT).startsWith("RRULE:"));
        if (rrules.size() != 1) return io.vavr.control.Option.none();
        String rrule = rrules.head().substring(6);
        if (item.timing() instanceof Timing.Timed t) return io.vavr.control.Option.some(new Rule(times.toDb(t.start()), t.zone(), false, rrule));
        if (item.timing() instanceof Timing.AllDay d) return io.vavr.control.Option.some(new Rule(d.start().atStartOfDay(), times.userZone(), true, rrule));
        return io.vavr.control.Option.none();
    }

    /** {@link #group} with a kept {@link Rule}; none if the rule cannot be read. */
    public io.vavr.control.Option<Grouped> group(ExternalId seriesId, Rule rule, List<Member> live, LocalDateTime modified) {
        return io.vavr.control.Try.of(() -> new RecurrenceRule(rule.rrule(), RecurrenceRule.RfcMode.RFC5545_LAX)).toOption()
                .map(rr -> group(seriesId, rr, firstTiming(base(live), rule.dbStart(), rule.zone(), rule.allDay()), live, modified));
    }

    /** The content most live members share: the series' own (never empty: {@code live} is not). */
    public static CalendarItem base(List<Member> live) {
        Map<String, Integer> votes = new LinkedHashMap<>();
        for (Member m : live) votes.merge(contentKey(m.item()), 1, Integer::sum);
        String key = votes.entrySet().stream().max(Map.Entry.comparingByValue()).get().getKey();
        return live.map(Member::item).find(i -> contentKey(i).equals(key)).get();
    }

    /**
     * Groups {@code live} (sorted by start) on the occurrences of {@code rr} from {@code first}. {@code modified} is the
     * newest modification of any member, deleted ones included.
     */
    public Grouped group(ExternalId seriesId, RecurrenceRule rr, Timing first, List<Member> live, LocalDateTime modified) {
        CalendarItem base = base(live);
        String baseKey = contentKey(base);
        List<Timing> expected = VtigerRecurrence.occurrences(rr, first, java.util.Set.of(), java.util.Set.of());
        Map<Instant, Member> byStart = new HashMap<>();
        for (Member m : live) byStart.putIfAbsent(startOf(m.item().timing()), m);
        java.util.List<Timing> unmatched = new ArrayList<>();
        java.util.List<Piece> exceptions = new ArrayList<>();
        int matched = 0;
        for (Timing e : expected) {
            Member m = byStart.remove(startOf(e));
            if (m == null) {
                unmatched.add(e);
                continue;
            }
            matched++;
            if (!contentKey(m.item()).equals(baseKey)) exceptions.add(exception(seriesId, m, startOf(e)));
        }
        // records that moved away from their slot: an exception of the nearest free slot, preferably the same day
        for (Member m : byStart.values().stream().sorted(Comparator.comparing(Member::crmid)).toList()) {
            Instant start = startOf(m.item().timing());
            Timing slot = unmatched.stream()
                    .min(Comparator.comparing((Timing t) -> !sameDay(t, start, zoneOf(first)))
                            .thenComparing(t -> Duration.between(startOf(t), start).abs()))
                    .orElse(null);
            if (slot != null) unmatched.remove(slot);
            exceptions.add(exception(seriesId, m, slot == null ? start : startOf(slot)));
        }
        CalendarItem series = base.withTiming(first).withRecurrence(VtigerRecurrence.lines(rr, List.ofAll(unmatched)));
        String extra = List.ofAll(exceptions).map(p -> p.id().value()).mkString(",");
        Piece main = new Piece(seriesId, series, VtigerVersions.of(ActivityMapping.dbDateTime(modified), series, extra), modified);
        return new Grouped(matched, main, List.ofAll(exceptions));
    }

    /** A member as an exception of its slot (also one that is back in line: a changed occurrence put back). */
    public static Piece exception(ExternalId seriesId, Member m, Instant originalStart) {
        CalendarItem withOrigin = m.item().withSeries(io.vavr.control.Option.of(new SeriesOrigin(seriesId, originalStart)));
        return new Piece(VtigerIds.record(m.crmid()), withOrigin, VtigerVersions.of(ActivityMapping.dbDateTime(m.modified()), withOrigin, ""), m.modified());
    }

    /** The first occurrence of a series starting at {@code dbStart} with the base's length, in {@code zone}. */
    public Timing firstTiming(CalendarItem base, LocalDateTime dbStart, ZoneId zone, boolean allDay) {
        Instant start = times.instant(dbStart);
        if (allDay && base.timing() instanceof Timing.AllDay d) {
            LocalDate day = dbStart.toLocalDate();   // a notime row's dates are its all-day dates
            return new Timing.AllDay(day, day.plusDays(ChronoUnit.DAYS.between(d.start(), d.endExclusive())));
        }
        Duration length = base.timing() instanceof Timing.Timed t ? Duration.between(t.start(), t.end()) : Duration.ZERO;
        return new Timing.Timed(start, start.plus(length), zone);
    }

    /** When an occurrence starts (an all-day one at midnight in the user's zone). */
    public Instant startOf(Timing t) {
        if (t instanceof Timing.Timed timed) return timed.start();
        return ((Timing.AllDay) t).start().atStartOfDay(times.userZone()).toInstant();
    }

    private ZoneId zoneOf(Timing t) {
        return t instanceof Timing.Timed timed ? timed.zone() : times.userZone();
    }

    private boolean sameDay(Timing t, Instant other, ZoneId zone) {
        return startOf(t).atZone(zone).toLocalDate().equals(other.atZone(zone).toLocalDate());
    }

    /** Everything of an occurrence but its place in time: equal keys mean "a plain occurrence of the series". */
    public static String contentKey(CalendarItem i) {
        String length;
        if (i.timing() instanceof Timing.Timed t) length = "T" + Duration.between(t.start(), t.end()).getSeconds();
        else if (i.timing() instanceof Timing.AllDay d) length = "D" + ChronoUnit.DAYS.between(d.start(), d.endExclusive());
        else length = "due";
        return String.join("\u0001", i.title(), i.description(), i.location(), i.canonical(Field.VISIBILITY), i.canonical(Field.STATUS),
                i.reminders().mkString(","), i.attendees().map(a -> a.email() + "|" + a.response()).mkString(","), length);
    }
}
