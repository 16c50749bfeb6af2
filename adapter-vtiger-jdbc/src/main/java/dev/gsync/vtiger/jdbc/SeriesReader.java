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

    /** A series as read, and the rule its members' comments should keep ({@link VtigerSeries.Tag}): none if unreadable. */
    record Result(Unit unit, Option<VtigerSeries.Rule> rule) {}

    /**
     * The units a vtiger series reads as: the series named after its parent, and one more per part split off by
     * vtiger's "this and following" (D39). vtiger keeps such a part under the same parent but re-writes the rule rows
     * of the edited record and the ones after it with the edited record's date as their start (docs/vtiger-jdbc.md,
     * read in vtiger's RepeatEvents::repeat): at least two live records sharing a rule row that starts after the
     * series' own start are a part, named after its first record ({@code s<crmid>}), read with its own rule row; the
     * part before it is cut with an UNTIL the day before, as Google splits a series. A record on its own with a rule
     * row of its own date ("this occurrence only") stays an exception of the part whose dates hold it. Without a
     * split, the series is read as {@link #whole}.
     */
    List<Result> read(int parent, List<Loaded> members, Option<VtigerRecurrence.VtigerRule> storedRule,
                      java.util.Map<Integer, VtigerRecurrence.VtigerRule> own) {
        ExternalId seriesId = Unit.seriesId(parent);
        LocalDateTime modified = members.map(m -> m.entity().modifiedtime).max().getOrElse(LocalDateTime.MIN);
        List<Loaded> live = members.filter(m -> !m.isDeleted() && m.entity().smownerid == userId)
                .sortBy(m -> times.fromDb(m.activity().dateStart, m.activity().timeStart));
        if (live.isEmpty()) return List.of(new Result(new Unit(seriesId, Option.none(), List.empty(), members, modified), Option.none()));

        Loaded template = members.find(m -> m.id() == parent).getOrElse(live.head());
        VtigerRecurrence.VtigerRule rule = storedRule.getOrElse(() -> fallbackRule(template));
        // parts split off: a rule row shared by two or more live records, starting after the series' own start
        java.util.Map<VtigerRecurrence.VtigerRule, List<Loaded>> byRow = new java.util.LinkedHashMap<>();
        for (Loaded m : live) {
            VtigerRecurrence.VtigerRule row = own.get(m.id());
            if (row != null && row.start().isAfter(rule.start())) byRow.merge(row, List.of(m), List::appendAll);
        }
        List<VtigerRecurrence.VtigerRule> splits = List.ofAll(byRow.keySet()).filter(r -> byRow.get(r).size() >= 2).sortBy(VtigerRecurrence.VtigerRule::start);
        if (splits.isEmpty()) return List.of(whole(seriesId, live, template, rule, modified));

        java.util.Map<VtigerRecurrence.VtigerRule, List<Loaded>> partOf = new java.util.LinkedHashMap<>();
        List<Loaded> main = List.empty();
        for (Loaded m : live) {
            VtigerRecurrence.VtigerRule row = own.get(m.id());
            Option<VtigerRecurrence.VtigerRule> home = row != null && splits.contains(row) ? Option.of(row)
                    : splits.filter(r -> !r.start().isAfter(m.activity().dateStart)).lastOption();
            if (home.isDefined()) partOf.merge(home.get(), List.of(m), List::appendAll);
            else main = main.append(m);
        }
        // the series comments (D36) name the whole series with its old rule: the rule rows say where it split
        java.util.List<Result> out = new java.util.ArrayList<>();
        out.add(main.isEmpty() ? new Result(new Unit(seriesId, Option.none(), List.empty(), List.empty(), modified), Option.none())
                : byRule(seriesId, main, template, cut(rule, splits.head().start()), modified));
        for (int i = 0; i < splits.size(); i++) {
            VtigerRecurrence.VtigerRule row = splits.get(i);
            List<Loaded> part = partOf.getOrDefault(row, List.empty());
            if (part.isEmpty()) continue;
            Loaded first = part.find(m -> m.activity().dateStart.equals(row.start())).getOrElse(part.head());
            VtigerRecurrence.VtigerRule partRule = i + 1 < splits.size() ? cut(row, splits.get(i + 1).start()) : row;
            out.add(byRule(Unit.seriesId(first.id()), part, first, partRule, part.map(m -> m.entity().modifiedtime).max().get()));
        }
        return List.ofAll(out);
    }

    /** The rule ending the day before {@code next} (vtiger's until date is a day in its DB zone). */
    private static VtigerRecurrence.VtigerRule cut(VtigerRecurrence.VtigerRule r, LocalDate next) {
        LocalDate until = next.minusDays(1);
        if (r.end().exists(e -> e.isBefore(until))) return r;
        return new VtigerRecurrence.VtigerRule(r.type(), r.every(), r.info(), r.start(), Option.of(until));
    }

    /** One part of a split series, read with its rule row. */
    private Result byRule(ExternalId seriesId, List<Loaded> live, Loaded template, VtigerRecurrence.VtigerRule rule, LocalDateTime modified) {
        List<VtigerSeries.Member> asMembers = live.map(m -> new VtigerSeries.Member(m.id(), mapper.item(RowFields.of(m), RowFields.invitees(m)), m.entity().modifiedtime));
        Rowed r = byRow(seriesId, live, asMembers, template, rule, modified);
        return new Result(unit(r.grouped(), live, modified), Option.of(r.rule()));
    }

    private record Rowed(VtigerSeries.Grouped grouped, VtigerSeries.Rule rule) {}

    /** Grouped by a rule row, in whichever of the user's zone and the DB zone explains more of the records. */
    private Rowed byRow(ExternalId seriesId, List<Loaded> live, List<VtigerSeries.Member> asMembers, Loaded template,
                        VtigerRecurrence.VtigerRule rule, LocalDateTime modified) {
        boolean allDay = "1".equals(template.activity().notime);
        LocalDateTime dbStart = LocalDateTime.of(rule.start(), DbTimes.parseTime(template.activity().timeStart));
        Option<LocalDate> lastDbDate = Option.of(live.last().activity().dateStart);
        VtigerSeries.Grouped best = null;
        VtigerSeries.Rule bestRule = null;
        for (ZoneId zone : List.of(mapper.times().userZone(), times.zone()).distinct()) {
            RecurrenceRule rr = codec.rrule(rule, dbStart, zone, allDay, lastDbDate);
            Timing first = series.firstTiming(VtigerSeries.base(asMembers), dbStart, zone, allDay);
            VtigerSeries.Grouped g = series.group(seriesId, rr, first, asMembers, modified);
            if (best == null || g.matched() > best.matched()) {
                best = g;
                bestRule = new VtigerSeries.Rule(dbStart, zone, allDay, rr.toString());
            }
        }
        return new Rowed(best, bestRule);
    }

    /**
     * A series not split: its rule is the one its members' comments keep (gsync wrote it, over either transport, so
     * both read the series alike) as long as it places at least as many records on their slots as vtiger's rule row
     * does; else the rule row's (a series made in vtiger's UI, one changed as a whole there, one whose comments
     * vtiger's HTML purifier removed).
     */
    private Result whole(ExternalId seriesId, List<Loaded> live, Loaded template, VtigerRecurrence.VtigerRule rule, LocalDateTime modified) {
        List<VtigerSeries.Member> asMembers = live.map(m -> new VtigerSeries.Member(m.id(), mapper.item(RowFields.of(m), RowFields.invitees(m)), m.entity().modifiedtime));
        Option<VtigerSeries.Rule> kept = VtigerSeries.Tag.common(seriesId, live.flatMap(m -> VtigerSeries.Tag.of(RowFields.of(m))));
        Option<VtigerSeries.Grouped> byComment = kept.flatMap(r -> series.group(seriesId, r, asMembers, modified));
        Rowed rowed = byRow(seriesId, live, asMembers, template, rule, modified);
        VtigerSeries.Grouped best = rowed.grouped();
        VtigerSeries.Rule bestRule = rowed.rule();
        // the comment's rule only while it explains the records at least as well: a change of the whole series saved
        // in vtiger's UI (new times) makes vtiger's rule row the better one, even if a comment survived the save
        if (byComment.isDefined() && byComment.get().matched() >= best.matched()) return new Result(unit(byComment.get(), live, modified), kept);
        return new Result(unit(best, live, modified), Option.of(bestRule));
    }

    private static Unit unit(VtigerSeries.Grouped g, List<Loaded> live, LocalDateTime modified) {
        return new Unit(g.series().id(), Option.of(piece(g.series())), g.exceptions().map(SeriesReader::piece), live, modified);
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
