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

    Unit read(int parent, List<Loaded> members, Option<VtigerRecurrence.VtigerRule> storedRule) {
        ExternalId seriesId = Unit.seriesId(parent);
        LocalDateTime modified = members.map(m -> m.entity().modifiedtime).max().getOrElse(LocalDateTime.MIN);
        List<Loaded> live = members.filter(m -> !m.isDeleted() && m.entity().smownerid == userId)
                .sortBy(m -> times.fromDb(m.activity().dateStart, m.activity().timeStart));
        if (live.isEmpty()) return new Unit(seriesId, Option.none(), List.empty(), members, modified);

        Loaded template = members.find(m -> m.id() == parent).getOrElse(live.head());
        boolean allDay = "1".equals(template.activity().notime);
        VtigerRecurrence.VtigerRule rule = storedRule.getOrElse(() -> fallbackRule(template));
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
