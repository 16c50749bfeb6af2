package dev.gsync.vtiger.jdbc;

import dev.gsync.core.model.ExternalId;
import dev.gsync.core.model.Timing;
import dev.gsync.vtiger.mapping.ActivityMapping;
import dev.gsync.vtiger.mapping.VtigerRecurrence;
import dev.gsync.vtiger.mapping.VtigerSeries;
import io.vavr.collection.List;
import io.vavr.control.Option;
import org.dmfs.rfc5545.recur.RecurrenceRule;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;

/**
 * Reads a vtiger series (one record per occurrence, tied by vtiger_activity_recurring_info) as ONE recurring item
 * through the shared {@link VtigerSeries}: the RRULE comes from the rule row (vtiger_recurringevents).
 * <p>vtiger expands a rule in its DB zone while Google expands it in the event's zone; the two differ across a DST
 * change. The series is read in whichever of the user's zone and the DB zone explains more of the records.
 */
final class SeriesReader {
    private final ActivityMapping mapper;
    private final VtigerRecurrence codec;
    private final VtigerSeries series;
    private final DbTimes times;
    private final int userId;

    SeriesReader(ActivityMapping mapper, VtigerRecurrence codec, DbTimes times, int userId) {
        this.mapper = mapper;
        this.codec = codec;
        this.series = new VtigerSeries(mapper.times());
        this.times = times;
        this.userId = userId;
    }

    /**
     * The units a vtiger series reads as: the series named after its parent, and one more per part split off by
     * vtiger's "this and following" (D39). vtiger keeps such a part under the same parent but re-writes the rule rows
     * of the edited record and the ones after it with the edited record's date as their start (docs/vtiger-jdbc.md,
     * read in vtiger's RepeatEvents::repeat): at least two live records sharing a rule row that starts after the
     * series' own start are a part, named after its first record ({@code s<crmid>}), read with its own rule; the part
     * before it is cut with an UNTIL the day before, as Google splits a series. A record on its own with a rule row of
     * its own date ("this occurrence only") stays an exception of the part whose dates hold it.
     */
    List<Unit> read(int parent, List<Loaded> members, Option<VtigerRecurrence.VtigerRule> storedRule,
                    java.util.Map<Integer, VtigerRecurrence.VtigerRule> own) {
        ExternalId seriesId = Unit.seriesId(parent);
        LocalDateTime modified = members.map(m -> m.entity().modifiedtime).max().getOrElse(LocalDateTime.MIN);
        List<Loaded> live = members.filter(m -> !m.isDeleted() && m.entity().smownerid == userId)
                .sortBy(m -> times.fromDb(m.activity().dateStart, m.activity().timeStart));
        if (live.isEmpty()) return List.of(new Unit(seriesId, Option.none(), List.empty(), members, modified));

        Loaded template = members.find(m -> m.id() == parent).getOrElse(live.head());
        VtigerRecurrence.VtigerRule rule = storedRule.getOrElse(() -> fallbackRule(template));
        // parts split off: a rule row (other than the series' own) shared by two or more live records, starting later
        java.util.Map<VtigerRecurrence.VtigerRule, List<Loaded>> byRow = new java.util.LinkedHashMap<>();
        for (Loaded m : live) {
            VtigerRecurrence.VtigerRule row = own.get(m.id());
            if (row != null && row.start().isAfter(rule.start())) byRow.merge(row, List.of(m), List::appendAll);
        }
        List<VtigerRecurrence.VtigerRule> splits = List.ofAll(byRow.keySet()).filter(r -> byRow.get(r).size() >= 2).sortBy(VtigerRecurrence.VtigerRule::start);
        if (splits.isEmpty()) return List.of(part(seriesId, live, template, rule, modified));

        java.util.Map<VtigerRecurrence.VtigerRule, List<Loaded>> partOf = new java.util.LinkedHashMap<>();
        List<Loaded> main = List.empty();
        for (Loaded m : live) {
            VtigerRecurrence.VtigerRule row = own.get(m.id());
            Option<VtigerRecurrence.VtigerRule> home = row != null && splits.contains(row) ? Option.of(row)
                    : splits.filter(r -> !r.start().isAfter(m.activity().dateStart)).lastOption();
            if (home.isDefined()) partOf.merge(home.get(), List.of(m), List::appendAll);
            else main = main.append(m);
        }
        java.util.List<Unit> out = new java.util.ArrayList<>();
        LocalDate firstSplit = splits.head().start();
        out.add(main.isEmpty() ? new Unit(seriesId, Option.none(), List.empty(), List.empty(), modified)
                : part(seriesId, main, template, cut(rule, firstSplit), modified));
        for (int i = 0; i < splits.size(); i++) {
            VtigerRecurrence.VtigerRule row = splits.get(i);
            List<Loaded> members_ = partOf.getOrDefault(row, List.empty());
            if (members_.isEmpty()) continue;
            Loaded first = members_.find(m -> m.activity().dateStart.equals(row.start())).getOrElse(members_.head());
            VtigerRecurrence.VtigerRule partRule = i + 1 < splits.size() ? cut(row, splits.get(i + 1).start()) : row;
            LocalDateTime partModified = members_.map(m -> m.entity().modifiedtime).max().get();
            out.add(part(Unit.seriesId(first.id()), members_, first, partRule, partModified));
        }
        return List.ofAll(out);
    }

    /** The rule ending the day before {@code next} (vtiger's until date is a day in its DB zone). */
    private static VtigerRecurrence.VtigerRule cut(VtigerRecurrence.VtigerRule r, LocalDate next) {
        LocalDate until = next.minusDays(1);
        if (r.end().exists(e -> e.isBefore(until))) return r;
        return new VtigerRecurrence.VtigerRule(r.type(), r.every(), r.info(), r.start(), Option.of(until));
    }

    /** One recurring item and its exceptions from {@code live} (sorted by start), read with {@code rule}. */
    private Unit part(ExternalId seriesId, List<Loaded> live, Loaded template, VtigerRecurrence.VtigerRule rule, LocalDateTime modified) {
        boolean allDay = "1".equals(template.activity().notime);
        LocalDateTime dbStart = LocalDateTime.of(rule.start(), DbTimes.parseTime(template.activity().timeStart));
        Option<LocalDate> lastDbDate = Option.of(live.last().activity().dateStart);
        List<VtigerSeries.Member> asMembers = live.map(m -> new VtigerSeries.Member(m.id(), mapper.item(RowFields.of(m), RowFields.invitees(m)), m.entity().modifiedtime));

        VtigerSeries.Grouped best = null;
        for (ZoneId zone : List.of(mapper.times().userZone(), times.zone()).distinct()) {
            RecurrenceRule rr = codec.rrule(rule, dbStart, zone, allDay, lastDbDate);
            Timing first = series.firstTiming(VtigerSeries.base(asMembers), dbStart, zone, allDay);
            VtigerSeries.Grouped g = series.group(seriesId, rr, first, asMembers, modified);
            if (best == null || g.matched() > best.matched()) best = g;
        }
        return new Unit(seriesId, Option.of(piece(best.series())), best.exceptions().map(SeriesReader::piece), live, modified);
    }

    /**
     * A live member of {@code unit} that is a plain occurrence, as an exception of its own slot: how a record that was
     * reported as a changed occurrence is answered once vtiger put it back in line (an "all" edit), so the Google
     * exception linked to it takes the series' values and its link stays usable. None for other records.
     */
    Option<Unit.Piece> inLine(Unit unit, int crmid) {
        if (unit.isRemoved() || !Unit.isSeries(unit.id())) return Option.none();
        return unit.records().find(m -> m.id() == crmid && !m.isDeleted() && m.entity().smownerid == userId).map(m -> {
            VtigerSeries.Member member = new VtigerSeries.Member(m.id(), mapper.item(RowFields.of(m), RowFields.invitees(m)), m.entity().modifiedtime);
            return piece(VtigerSeries.exception(unit.id(), member, series.startOf(member.item().timing())));
        });
    }

    private static Unit.Piece piece(VtigerSeries.Piece p) {
        return new Unit.Piece(p.id(), p.item(), p.version(), p.modified());
    }

    private VtigerRecurrence.VtigerRule fallbackRule(Loaded template) {
        String type = template.activity().recurringtype;
        if (!List.of("Daily", "Weekly", "Monthly", "Yearly").contains(type)) type = "Daily";
        return new VtigerRecurrence.VtigerRule(type, 1, type, template.activity().dateStart, Option.none());
    }
}
