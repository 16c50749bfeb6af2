package dev.gsync.vtiger.jdbc;

import dev.gsync.core.model.CalendarItem;
import dev.gsync.core.model.ExternalId;
import dev.gsync.core.model.Field;
import dev.gsync.core.model.IdempotencyKey;
import dev.gsync.core.model.ItemKind;
import dev.gsync.core.model.Recurrence;
import dev.gsync.core.model.Timing;
import dev.gsync.core.port.CalendarFailure;
import dev.gsync.core.port.Change;
import dev.gsync.core.port.ChangePage;
import dev.gsync.core.port.CrmCalendar;
import dev.gsync.core.port.Cursor;
import dev.gsync.core.port.Notice;
import dev.gsync.core.port.Write;
import dev.gsync.core.port.Written;
import dev.gsync.vtiger.mapping.ActivityMapping;
import dev.gsync.vtiger.mapping.VtigerRecurrence;
import dev.gsync.vtiger.mapping.VtigerSeries;
import dev.gsync.vtiger.mapping.Fitted;
import dev.gsync.vtiger.mapping.Invitees;
import dev.gsync.vtiger.mapping.NonBmpPolicy;
import dev.gsync.vtiger.mapping.NoticeBook;
import dev.gsync.vtiger.mapping.Reading;
import dev.gsync.vtiger.mapping.VtigerIds;
import dev.gsync.vtiger.mapping.VtigerText;
import dev.gsync.vtiger.mapping.VtigerTimes;
import io.vavr.Tuple2;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.Set;
import io.vavr.control.Either;
import io.vavr.control.Option;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * One vtiger user's Events and To-Dos (records they own), read and written directly in vtiger's tables.
 * <p>Ids: a single record is its crmid ("4711"); a recurring series is "s" + the crmid of its parent record
 * ("s4711"), and a changed occurrence of it is its own crmid with a {@code SeriesOrigin}.
 * <p>Change feed: rows whose modifiedtime is at or after (mark - overlap), paged by (modifiedtime, crmid); versions
 * already reported inside the overlap window are not reported again; every Nth pass is followed by a full listing,
 * which catches direct database edits that left modifiedtime alone. Records that vanish without a new modifiedtime
 * (purged from the Recycle Bin, given to another owner in SQL) are found by {@link #removedAmong}: the core asks
 * about its linked ids once per run, so the cost follows what gsync synced, not the calendar (the cursor keeps no
 * id list).
 * <p>Writes: one transaction per write, ids from vtiger's sequence, every table vtiger's own save fills, history rows,
 * soft delete; updates and deletes compare the expected version first.
 */
public final class VtigerJdbcCalendar implements CrmCalendar {
    private static final Logger log = LoggerFactory.getLogger(VtigerJdbcCalendar.class);
    /** The feed's page query: the user's calendar rows at or after a (modifiedtime, crmid) position, deleted ones too. */
    static final String CHANGED_ROWS_SQL = "SELECT crmid, modifiedtime FROM vtiger_crmentity WHERE smownerid = ? AND setype = 'Calendar' "
            + "AND modifiedtime >= ? AND (modifiedtime > ? OR crmid > ?) ORDER BY modifiedtime, crmid LIMIT ";
    /** Which of some records are still this user's live calendar records (vtiger's primary key, then the row). */
    static final String LIVE_AMONG_SQL = "SELECT crmid FROM vtiger_crmentity WHERE smownerid = ? AND deleted = 0 AND setype = 'Calendar' AND crmid IN (";
    /** Which series (by parent record) still have a live member. */
    static final String LIVE_SERIES_SQL = "SELECT DISTINCT ri.activityid FROM vtiger_activity_recurring_info ri JOIN vtiger_crmentity e ON e.crmid = ri.recurrenceid "
            + "WHERE e.smownerid = ? AND e.deleted = 0 AND e.setype = 'Calendar' AND ri.activityid IN (";
    /** Ids per IN list: well under any server's parameter limit, one round trip per 500 linked items. */
    static final int CHECK_CHUNK = 500;

    private final EntityManagerFactory emf;
    private final VtigerJdbcConfig config;
    private final int userId;
    private final DbTimes times;
    private final ActivityMapping mapper;
    private final VtigerRecurrence codec;
    private final SeriesReader seriesReader;
    private final VtigerStore store;
    /** Values changed on the way since the run report last asked. */
    private final NoticeBook notices = new NoticeBook();
    private final IdempotencyKeys keys;

    VtigerJdbcCalendar(EntityManagerFactory emf, VtigerJdbcConfig config, Clock clock, int userId, ZoneId userZone) {
        this.emf = emf;
        this.config = config;
        this.userId = userId;
        this.times = new DbTimes(config.dbZone(), clock);
        this.mapper = new ActivityMapping(new VtigerTimes(config.dbZone(), userZone), NonBmpPolicy.valueOf(config.nonBmp().name()));
        this.codec = new VtigerRecurrence(mapper.times());
        this.seriesReader = new SeriesReader(mapper, codec, times, userId);
        this.store = new VtigerStore(config, times, mapper, userId);
        this.keys = new IdempotencyKeys(config.keysTable(), userId);
    }

    /** The user's vtiger time zone ({@code vtiger_users.time_zone}, else the DB zone): items are read in it. */
    public ZoneId userZone() {
        return mapper.times().userZone();
    }

    /** The vtiger user id (vtiger_users.id) this calendar belongs to. */
    public int vtigerUserId() {
        return userId;
    }

    @Override
    public Set<Field> fieldsHeld(ItemKind kind) {
        return RowFields.held(kind);
    }

    /** Values the mapping changed on the way (read or written) since the last call, each once. */
    @Override
    public Seq<Notice> notices() {
        return notices.drain();
    }

    @Override
    public int batchSize() {
        return 50;
    }

    // =========================================================================================== reading

    @Override
    public Either<CalendarFailure, Option<Change.Upserted>> get(ExternalId id) {
        Option<Integer> number = Unit.number(id);
        if (number.isEmpty()) return Either.right(Option.none());
        return guarded("get " + id, () -> inTransaction(sql -> {
            Unit unit = unitOf(sql, id, number.get());
            Option<Unit.Piece> piece = pieceOf(unit, id);
            Map<ExternalId, IdempotencyKey> origins = keys.origins(sql, piece.map(Unit.Piece::id).toJavaList());
            return Either.right(piece.map(p -> upserted(p, origins)));
        }));
    }

    @Override
    public Either<CalendarFailure, ChangePage> changesSince(Cursor cursor) {
        Either<String, FeedState> decoded = FeedState.decode(cursor);
        if (decoded.isLeft()) return Either.left(new CalendarFailure.CursorExpired(decoded.getLeft()));
        FeedState st = decoded.get();
        return guarded("change feed", () -> inTransaction(sql -> {
            Feed feed = new Feed(sql, st);
            feed.reportAgain();
            boolean more = st.mode == FeedState.Mode.FULL ? feed.fullPage() : feed.incrementalPage();
            return Either.right(new ChangePage(feed.changes(), st.encode(), more));
        }));
    }

    /** The feed sees soft deletes (a new modifiedtime) but not a purge or a reassignment in SQL: the core asks. */
    @Override
    public boolean reportsAllRemovals() {
        return false;
    }

    /**
     * Which linked ids are gone: a record not live in this user's calendar any more (deleted, purged, another owner,
     * not a calendar row), a series none of whose records is. One IN query on vtiger's primary key per
     * {@value #CHECK_CHUNK} ids (two for series); only the missing ones are read further.
     */
    @Override
    public Either<CalendarFailure, Seq<Change.Removed>> removedAmong(Set<ExternalId> linked) {
        Map<Integer, ExternalId> records = new java.util.TreeMap<>();
        Map<Integer, ExternalId> series = new java.util.TreeMap<>();
        for (ExternalId id : linked) {
            Option<Integer> n = Unit.number(id);
            if (n.isEmpty()) continue;   // not a vtiger id: nothing to check here
            (Unit.isSeries(id) ? series : records).put(n.get(), id);
        }
        if (records.isEmpty() && series.isEmpty()) return Either.right(List.empty());
        return guarded("deletion check of " + linked.size() + " linked ids", () -> inTransaction(sql -> {
            java.util.List<Integer> goneRecords = notLive(sql, records.keySet(), java.util.List.of(LIVE_AMONG_SQL));
            // a series with a live member under its parent is there; others (a parent purged, a part split off by
            // "this and following" and perhaps joined again by an "all" edit) are read whole
            java.util.List<Integer> goneSeries = notLive(sql, series.keySet(), java.util.List.of(LIVE_SERIES_SQL));
            java.util.List<Change.Removed> out = new ArrayList<>();
            Map<Integer, Loaded> loaded = goneRecords.isEmpty() ? Map.of() : store.load(sql, goneRecords);
            for (Integer n : goneRecords) out.add(new Change.Removed(records.get(n), removedAt(loaded.get(n))));
            for (Integer n : goneSeries) {
                if (series(sql, n).isRemoved()) out.add(new Change.Removed(series.get(n), Option.none()));
            }
            return Either.right(List.ofAll(out));
        }));
    }

    /** Those of {@code ids} that none of the queries (each ending in "IN (") answers, asked in chunks. */
    private java.util.List<Integer> notLive(Sql sql, Collection<Integer> ids, java.util.List<String> queries) {
        java.util.List<Integer> all = new ArrayList<>(ids);
        java.util.List<Integer> gone = new ArrayList<>();
        for (int from = 0; from < all.size(); from += CHECK_CHUNK) {
            java.util.List<Integer> chunk = all.subList(from, Math.min(all.size(), from + CHECK_CHUNK));
            java.util.Set<Integer> live = new java.util.HashSet<>();
            for (String q : queries) live.addAll(sql.ints(q + Sql.marks(chunk) + ")", userId, chunk));
            for (Integer id : chunk) if (!live.contains(id)) gone.add(id);
        }
        return gone;
    }

    /** A soft delete knows when it happened; a purge or a reassignment does not. */
    private Option<Instant> removedAt(Loaded r) {
        return r != null && r.isDeleted() && r.entity().smownerid == userId ? Option.of(times.fromDb(r.entity().modifiedtime)) : Option.none();
    }

    /** The user's live calendar rows that start or are due on the given days (a range on the indexed dates). */
    static final String ROWS_BETWEEN_SQL = "SELECT a.activityid FROM vtiger_activity a JOIN vtiger_crmentity e ON e.crmid = a.activityid "
            + "WHERE e.smownerid = ? AND e.deleted = 0 AND e.setype = 'Calendar' "
            + "AND ((a.date_start BETWEEN ? AND ?) OR (a.due_date BETWEEN ? AND ?)) ORDER BY a.activityid";

    /**
     * R11: the items that begin on the days that entered the horizon, by a date range query (a day wider each way,
     * for the database's zone): the cost follows those days, not the calendar. A series is read whole, once.
     */
    @Override
    public Either<CalendarFailure, Seq<Change.Upserted>> startingBetween(Instant from, Instant until) {
        java.time.LocalDate first = times.toDb(from).toLocalDate().minusDays(1);
        java.time.LocalDate last = times.toDb(until).toLocalDate().plusDays(1);
        return guarded("items between " + first + " and " + last, () -> inTransaction(sql -> {
            java.util.List<Integer> ids = sql.ints(ROWS_BETWEEN_SQL, userId, first, last, first, last);
            Map<Integer, Loaded> loaded = store.load(sql, ids);
            java.util.List<Unit.Piece> pieces = new ArrayList<>();
            java.util.Set<Integer> seriesDone = new java.util.HashSet<>();
            java.util.Set<Integer> inSeries = new java.util.HashSet<>();
            for (Integer id : ids) {
                Loaded r = loaded.get(id);
                if (r == null) continue;
                int parent = r.seriesParent().getOrElse(0);
                if (parent == 0) {
                    try {
                        standalone(r).pieces().forEach(pieces::add);
                    } catch (RejectedWrite unreadable) {
                        log.warn("vtiger record {} skipped: {}", r.id(), unreadable.getMessage());   // the feed reports it
                    }
                } else if (seriesDone.add(parent) || (r.byComment() && !inSeries.contains(r.id()))) {
                    // (again, whole, when a record made over the webservice was not in it: its earlier pieces go)
                    List<Unit> group = parts(sql, parent, r);
                    java.util.Set<ExternalId> again = new java.util.HashSet<>();
                    group.forEach(u -> { again.add(u.id()); u.records().forEach(m -> again.add(Unit.recordId(m.id()))); });
                    pieces.removeIf(p -> again.contains(p.id()));
                    for (Unit unit : group) {
                        unit.records().forEach(m -> inSeries.add(m.id()));
                        unit.pieces().forEach(pieces::add);
                    }
                }
            }
            // a record read alone before its series was (its comment gone, not yet tied) is part of that series
            pieces.removeIf(p -> !Unit.isSeries(p.id()) && p.item().series().isEmpty() && Unit.number(p.id()).exists(inSeries::contains));
            Map<ExternalId, IdempotencyKey> origins = pieces.isEmpty() ? Map.of() : keys.origins(sql, pieces.stream().map(Unit.Piece::id).toList());
            return Either.right(List.ofAll(pieces).map(p -> upserted(p, origins)));
        }));
    }

    /** A cursor that makes the next call start a full listing by content fingerprint (keeping what the cursor knows). */
    public Either<CalendarFailure, Cursor> reconcileFrom(Cursor cursor) {
        Either<String, FeedState> decoded = FeedState.decode(cursor);
        if (decoded.isLeft()) return Either.left(new CalendarFailure.CursorExpired(decoded.getLeft()));
        FeedState st = decoded.get();
        if (st.mode == FeedState.Mode.INCREMENTAL) {
            st.mode = FeedState.Mode.FULL;
            st.after = 0;
            st.fullMark = st.mark;
            st.posTime = Long.MIN_VALUE;
        }
        return Either.right(st.encode());
    }

    /** One call's worth of change-feed work inside one read transaction. */
    private final class Feed {
        private final Sql sql;
        private final FeedState st;
        private final java.util.List<Unit.Piece> upserts = new ArrayList<>();
        private final java.util.List<Change.Removed> removals = new ArrayList<>();
        private final java.util.Set<ExternalId> unitsDone = new java.util.HashSet<>();
        private final Map<Integer, List<Unit>> seriesRead = new HashMap<>();   // a series spans many rows of a page: read it once
        /** Records reported as part of a series: one read alone before its series was (its comment gone) is not an item. */
        private final java.util.Set<Integer> seriesMembers = new java.util.HashSet<>();
        private final java.util.Set<Integer> forgotten = new java.util.HashSet<>();   // remembered exceptions no longer of their unit

        Feed(Sql sql, FeedState st) {
            this.sql = sql;
            this.st = st;
        }

        boolean fullPage() {
            if (st.after == 0 && st.fullMark == 0) st.fullMark = DbTimes.epochSecond(times.now());
            java.util.List<Integer> ids = sql.ints("SELECT crmid FROM vtiger_crmentity WHERE smownerid = ? AND deleted = 0 AND setype = 'Calendar' "
                    + "AND crmid > ? ORDER BY crmid LIMIT " + config.pageSize(), userId, st.after);
            Map<Integer, Loaded> loaded = store.load(sql, ids);
            for (Integer id : ids) {
                Loaded r = loaded.get(id);
                if (r == null) continue;   // e-mails and other non-calendar rows share setype only by accident
                int parent = r.seriesParent().getOrElse(0);
                if (parent == 0) {
                    reportReadable(r, false);
                } else {
                    List<Unit> group = seriesRead.computeIfAbsent(parent, p -> parts(sql, p, r));
                    if (r.byComment() && !group.flatMap(Unit::records).exists(m -> m.id() == id)) {
                        // a record made over the webservice for a series read before without it: read it again, whole
                        group = parts(sql, parent, r);
                        seriesRead.put(parent, group);
                        replace(group, false);
                    // a series straddles pages: report it once, with its lowest live record
                    } else if (group.flatMap(Unit::records).filter(m -> !m.isDeleted()).map(Loaded::id).min().contains(id)) reportGroup(group, false);
                }
            }
            if (ids.size() == config.pageSize()) {
                st.after = ids.get(ids.size() - 1);
                return true;
            }
            st.mode = FeedState.Mode.INCREMENTAL;
            st.mark = Math.max(st.mark, st.fullMark);
            st.after = 0;
            st.fullMark = 0;
            st.posTime = Long.MIN_VALUE;
            return false;
        }

        boolean incrementalPage() {
            if (!st.passRunning()) {
                st.posTime = st.mark - config.overlap().getSeconds();
                st.posId = -1;
                st.passMax = st.mark;
            }
            LocalDateTime from = LocalDateTime.ofEpochSecond(st.posTime, 0, java.time.ZoneOffset.UTC);
            java.util.List<Object[]> rows = sql.rows(CHANGED_ROWS_SQL + config.pageSize(), userId, from, from, st.posId);
            java.util.List<Integer> ids = new ArrayList<>();
            for (Object[] r : rows) {
                int id = Sql.toInt(r[0]);
                long modified = DbTimes.epochSecond(Sql.toDateTime(r[1]));
                ids.add(id);
                st.posTime = modified;
                st.posId = id;
                st.passMax = Math.max(st.passMax, modified);
            }
            reportRecords(ids);
            if (rows.size() == config.pageSize()) return true;

            st.mark = Math.max(st.mark, st.passMax);
            st.posTime = Long.MIN_VALUE;
            st.runs++;
            long keepFrom = st.mark - config.overlap().getSeconds();
            st.seen.values().removeIf(s -> s.modified() < keepFrom);
            if (config.reconcileEveryRuns() > 0 && st.runs % config.reconcileEveryRuns() == 0) {
                st.mode = FeedState.Mode.FULL;
                st.after = 0;
                st.fullMark = st.mark;
                return true;
            }
            return false;
        }

        /** Series reported in this call, by parent, with the records they were read with. */
        private final Map<Integer, List<Unit>> reported = new HashMap<>();

        /** Reports a series read again: what was reported of it in this call is taken back first. */
        private void replace(List<Unit> group, boolean skipSeen) {
            java.util.Set<ExternalId> ids = new java.util.HashSet<>();
            group.forEach(u -> {
                ids.add(u.id());
                u.records().forEach(m -> ids.add(Unit.recordId(m.id())));
            });
            upserts.removeIf(p -> ids.contains(p.id()));
            reportGroup(group, skipSeen);
        }

        private void reportRecords(Collection<Integer> ids) {
            if (ids.isEmpty()) return;
            Map<Integer, Loaded> loaded = store.load(sql, ids);
            for (Integer id : ids) {
                Loaded r = loaded.get(id);
                int parent = r != null && r.seriesParent().isDefined() ? r.seriesParent().get() : 0;
                boolean live = r != null && !r.isDeleted() && r.entity().smownerid == userId;
                if (parent != 0) {
                    if (!live) removal(Unit.recordId(id), r);   // in case it was reported as a changed occurrence
                    if (unitsDone.add(Unit.seriesId(parent))) {
                        List<Unit> group = parts(sql, parent, r);
                        reported.put(parent, group);
                        reportGroup(group, true);
                    } else if (r != null && r.byComment() && !reported.getOrDefault(parent, List.empty()).flatMap(Unit::records).exists(m -> m.id() == id)) {
                        List<Unit> group = parts(sql, parent, r);   // read before without this record: again, whole
                        reported.put(parent, group);
                        replace(group, true);
                    }
                } else if (r == null || !live) {
                    removal(Unit.recordId(id), r);
                    if (r != null && r.isDeleted() && r.entity().smownerid == userId && wasRecurring(r.activity()))
                        // D35: an occurrence deleted on its own in vtiger's UI lost its link row: its series is found by title
                        for (int candidate : store.seriesWithTitleOf(sql, r.activity()))
                            if (unitsDone.add(Unit.seriesId(candidate))) report(series(sql, candidate), true);
                } else {
                    reportReadable(r, true);
                }
            }
        }

        private void removal(ExternalId id, Loaded r) {
            FeedState.Seen prior = st.seen.get(id.value());
            long modified = r == null ? st.mark : DbTimes.epochSecond(r.entity().modifiedtime);
            if (prior != null && prior.version().equals("-")) return;
            st.seen.put(id.value(), new FeedState.Seen("-", modified));
            // a soft delete knows when it happened; a vanished or reassigned record does not
            Option<Instant> when = r != null && r.isDeleted() && r.entity().smownerid == userId
                    ? Option.of(times.fromDb(r.entity().modifiedtime)) : Option.none();
            removals.add(new Change.Removed(id, when));
        }

        /**
         * One broken row (a zero date, say) must not stop the user's feed: it is named with its id and reason in the
         * run's report and left out; absence never deletes its copy on the other side, and once repaired in vtiger
         * its new modifiedtime brings it back into the feed.
         */
        private void reportReadable(Loaded r, boolean skipSeen) {
            Unit unit;
            try {
                unit = standalone(r);
            } catch (RejectedWrite unreadable) {
                log.warn("vtiger record {} skipped: {}", r.id(), unreadable.getMessage());
                notices.add(Unit.recordId(r.id()), r.activity() == null ? "" : r.activity().subject,
                        List.of("skipped, cannot be read: " + unreadable.getMessage()));
                return;
            }
            report(unit, skipSeen);
        }

        /**
         * A series and the parts split off it. A record reported as a changed occurrence of one part that a later
         * "this and following" made a plain occurrence of another part is reported removed: its Google exception
         * belongs to the old series, and the new series already shows that occurrence.
         */
        private void reportGroup(List<Unit> group, boolean skipSeen) {
            forgotten.clear();
            group.forEach(u -> report(u, skipSeen));
            for (Integer id : forgotten) {
                ExternalId rid = Unit.recordId(id);
                Option<Loaded> member = group.flatMap(Unit::records).find(m -> m.id() == id && !m.isDeleted() && m.entity().smownerid == userId);
                if (member.isEmpty()) continue;
                if (group.exists(u -> u.pieces().exists(p -> p.id().equals(rid)))) {
                    // a changed occurrence of its new part: its Google exception is one of the old series, so it goes
                    // now and comes back at the next call as an exception of the new part
                    upserts.removeIf(p -> p.id().equals(rid));
                    st.again.add(id);
                }
                removal(rid, member.get());
            }
            forgotten.clear();
        }

        /** The records reported removed last time to come back in their new part ({@link FeedState#again}). */
        void reportAgain() {
            if (st.again.isEmpty()) return;
            java.util.List<Integer> ids = new ArrayList<>(st.again);
            st.again.clear();
            for (Integer id : ids) {
                ExternalId rid = Unit.recordId(id);
                Unit unit = unitOf(sql, rid, id);
                pieceOf(unit, rid).forEach(p -> {
                    st.seen.put(rid.value(), new FeedState.Seen(p.version().value(), DbTimes.epochSecond(p.modified())));
                    upserts.add(p);
                });
            }
        }

        private void report(Unit unit, boolean skipSeen) {
            if (Unit.isSeries(unit.id())) unit.records().forEach(r -> seriesMembers.add(r.id()));
            if (Unit.isSeries(unit.id())) unit = withRemembered(unit);
            if (unit.isRemoved()) {
                removal(unit.id(), unit.records().isEmpty() ? null : unit.records().head());
                return;
            }
            for (Unit.Piece p : unit.pieces()) {
                FeedState.Seen prior = st.seen.get(p.id().value());
                if (skipSeen && prior != null && prior.version().equals(p.version().value())) continue;
                long modified = DbTimes.epochSecond(p.modified());
                // a full listing remembers only what the next pass will read again, or the cursor would hold every record
                boolean rereadLater = st.mode == FeedState.Mode.INCREMENTAL || modified >= st.fullMark - config.overlap().getSeconds();
                if (rereadLater) st.seen.put(p.id().value(), new FeedState.Seen(p.version().value(), modified));
                upserts.add(p);
            }
        }

        /**
         * A series with the records reported before as its changed occurrences that vtiger has put back in line since
         * (an "all" edit overwrites them): still reported as exceptions, now with the series' values, so Google's
         * exceptions follow. Remembers the exceptions reported now.
         */
        private Unit withRemembered(Unit unit) {
            int parent = Unit.number(unit.id()).get();
            java.util.Set<Integer> before = st.exceptions.getOrDefault(parent, java.util.Set.of());
            List<Unit.Piece> back = List.empty();
            for (Integer id : before) {
                if (unit.exceptions().exists(p -> p.id().equals(Unit.recordId(id)))) continue;
                Option<Unit.Piece> inLine = seriesReader.inLine(unit, id);
                if (inLine.isEmpty()) forgotten.add(id);
                back = back.appendAll(inLine);
            }
            Unit out = back.isEmpty() ? unit : new Unit(unit.id(), unit.live(), unit.exceptions().appendAll(back), unit.records(), unit.modified());
            java.util.Set<Integer> now = new java.util.TreeSet<>(out.exceptions().flatMap(p -> Unit.number(p.id())).toJavaList());
            if (out.isRemoved() || now.isEmpty()) st.exceptions.remove(parent);
            else st.exceptions.put(parent, now);
            return out;
        }

        Seq<Change> changes() {
            Map<ExternalId, IdempotencyKey> origins = upserts.isEmpty() ? Map.of()
                    : keys.origins(sql, upserts.stream().map(Unit.Piece::id).toList());
            List<Change> out = List.empty();
            for (Unit.Piece p : upserts) {
                if (!Unit.isSeries(p.id()) && p.item().series().isEmpty() && Unit.number(p.id()).exists(seriesMembers::contains)) continue;
                out = out.append(upserted(p, origins));
            }
            return out.appendAll(removals);
        }
    }

    /** Whether a record was saved as an occurrence of a vtiger series (vtiger writes "--None--" for a single one). */
    private static boolean wasRecurring(ActivityRow a) {
        return a.recurringtype != null && !a.recurringtype.isBlank() && !"--None--".equals(a.recurringtype);
    }

    /** The key comes from gsync's key table, else from a webservice-made record's description marker. */
    private Change.Upserted upserted(Unit.Piece p, Map<ExternalId, IdempotencyKey> origins) {
        notices.add(p.id(), p.item().title(), p.notices());   // only what is handed out: the feed's overlap re-reads say nothing twice
        return new Change.Upserted(p.id(), p.version(), p.item(), times.fromDb(p.modified()), Option.of(origins.get(p.id())).orElse(p.marker()));
    }

    /** The piece named {@code id}; a plain member of a series is answered as the exception of its own slot (put back in line). */
    private Option<Unit.Piece> pieceOf(Unit unit, ExternalId id) {
        Option<Unit.Piece> found = unit.pieces().find(p -> p.id().equals(id));
        if (found.isDefined() || Unit.isSeries(id)) return found;
        return Unit.number(id).flatMap(n -> seriesReader.inLine(unit, n));
    }

    private Unit unitOf(Sql sql, ExternalId id, int number) {
        if (Unit.isSeries(id)) return series(sql, number);
        Loaded r = store.load(sql, java.util.List.of(number)).get(number);
        if (r != null && r.seriesParent().isDefined()) {
            List<Unit> group = parts(sql, r.seriesParent().get(), r);
            return group.find(u -> u.records().exists(m -> m.id() == number) || u.pieces().exists(p -> p.id().equals(id))).getOrElse(group.head());
        }
        return standalone(r, id);
    }

    private Unit standalone(Loaded r) {
        return standalone(r, Unit.recordId(r.id()));
    }

    private Unit standalone(Loaded r, ExternalId id) {
        if (r == null) return new Unit(id, Option.none(), List.empty(), List.empty(), LocalDateTime.MIN);
        if (r.isDeleted() || r.entity().smownerid != userId) return new Unit(id, Option.none(), List.empty(), List.of(r), r.entity().modifiedtime);
        Either<String, Reading> reading = mapper.read(r.id(), RowFields.of(r), RowFields.invitees(r));
        if (reading.isLeft()) throw new RejectedWrite(reading.getLeft());
        Unit.Piece piece = new Unit.Piece(id, reading.get().item(), reading.get().version(), r.entity().modifiedtime, reading.get().marker(),
                reading.get().notices());
        return new Unit(id, Option.of(piece), List.empty(), List.of(r), r.entity().modifiedtime);
    }

    /**
     * A series as units: the series named after its parent, then the parts vtiger's "this and following" split off
     * (D39). Its records: those vtiger ties to {@code parent} (vtiger_activity_recurring_info) and those whose series
     * comment names it (made over the webservice), read through the shared grouping. Then kept up (D36): members the
     * comment names are tied in vtiger's tables too (so vtiger's UI shows them as one series, and a member whose
     * comment vtiger's HTML purifier dropped stays in it), and every live member carries the series comment of its
     * unit with the rule gsync reads (so the webservice transport, which sees only the comments, reads the same).
     */
    private List<Unit> parts(Sql sql, int parent) {
        return parts(sql, parent, null);
    }

    /**
     * {@code trigger}: the record that led here, if any. Members are the records vtiger ties to the parent, those
     * the series' list names (D36) and {@code trigger}; the user's records are searched for the series comment (a
     * LIKE over all of them, ~140 ms for 100,000 events, docs/benchmarks-vtiger-jdbc.md) only when vtiger ties none
     * yet (a series made over the webservice, read here the first time) or the trigger is a record only the comment
     * ties (made over the webservice for a series tied before); both are tied afterwards, so this happens once.
     */
    private List<Unit> parts(Sql sql, int parent, Loaded trigger) {
        java.util.List<Integer> tied = store.members(sql, parent);
        java.util.Set<Integer> ids = new LinkedHashSet<>(tied);
        ids.add(parent);
        if (trigger != null) ids.add(trigger.id());
        if (tied.isEmpty() || (trigger != null && trigger.byComment())) ids.addAll(store.taggedMembers(sql, parent));
        Map<Integer, Loaded> loaded = store.load(sql, ids);
        List<Loaded> members = List.ofAll(loaded.values()).filter(m -> m.seriesParent().contains(parent) || m.id() == parent);
        // records listed by the series whose comment vtiger's purifier removed (saved in its UI while synced over REST)
        ExternalId named = Unit.seriesId(parent);
        java.util.Set<Integer> listed = new java.util.TreeSet<>();
        for (Loaded m : members)
            for (VtigerSeries.Tag t : VtigerSeries.Tag.of(RowFields.of(m)).filter(t -> t.series().equals(named)))
                t.members().forEach(list -> list.forEach(id -> { if (id <= Integer.MAX_VALUE && !loaded.containsKey(id.intValue())) listed.add(id.intValue()); }));
        if (!listed.isEmpty())
            members = members.appendAll(List.ofAll(store.load(sql, listed).values()).filter(m -> (m.seriesParent().isEmpty() || m.seriesParent().contains(parent))
                    && !m.isDeleted() && m.entity().smownerid == userId && !m.activity().isTask()));
        members = members.sortBy(Loaded::id);
        if (members.isEmpty()) return List.of(new Unit(Unit.seriesId(parent), Option.none(), List.empty(), List.empty(), LocalDateTime.MIN));
        java.util.List<Integer> memberIds = members.map(Loaded::id).toJavaList();
        Option<VtigerRecurrence.VtigerRule> ruleRow = store.rule(sql, parent, memberIds);
        List<SeriesReader.Result> read = seriesReader.read(parent, members, ruleRow, store.rules(sql, memberIds));
        java.util.Set<Integer> tiedSet = new java.util.HashSet<>(tied);
        read.forEach(r -> keepUp(sql, parent, tiedSet, r, ruleRow));
        return read.map(SeriesReader.Result::unit);
    }

    /** The unit {@code s<n>}: a series named after its parent, or a part split off from another record's series. */
    private Unit series(Sql sql, int n) {
        ExternalId id = Unit.seriesId(n);
        Loaded r = store.load(sql, java.util.List.of(n)).get(n);
        int parent = r != null ? r.seriesParent().getOrElse(n) : n;
        return parts(sql, parent).find(u -> u.id().equals(id))
                .getOrElse(() -> new Unit(id, Option.none(), List.empty(), List.empty(), LocalDateTime.MIN));
    }

    /** The vtiger parent a unit's records are tied to (a split-off part is still tied to the series' parent). */
    private static int vtigerParent(Unit unit, int number) {
        return unit.records().flatMap(Loaded::seriesParent).headOption().getOrElse(number);
    }

    /** Ties, gives a rule row and the series comment to the live members that lack them (see {@link #parts}). */
    private void keepUp(Sql sql, int parent, java.util.Set<Integer> tied, SeriesReader.Result read, Option<VtigerRecurrence.VtigerRule> ruleRow) {
        if (read.unit().isRemoved()) return;
        List<Loaded> live = read.unit().records().filter(r -> !r.isDeleted() && r.entity().smownerid == userId);
        ExternalId seriesId = read.unit().id();
        List<Loaded> untied = live.filter(r -> !tied.contains(r.id()));
        if (!untied.isEmpty()) {
            untied.forEach(r -> store.tieToSeries(sql, parent, r.id()));
            java.util.Set<Integer> withRow = store.withRuleRow(sql, live.map(Loaded::id).toJavaList());
            Option<VtigerRecurrence.VtigerRule> rule = ruleRow.orElse(() -> read.unit().live()
                    .flatMap(p -> codec.expand(p.item()).map(VtigerRecurrence.Expansion::rule).toOption()));
            rule.forEach(r -> live.filter(m -> !withRow.contains(m.id())).forEach(m -> store.writeRule(sql, m, r)));
            log.info("vtiger series {}: {} record(s) made over the webservice tied to it in vtiger's tables", seriesId, untied.size());
        }
        for (VtigerSeries.Rule rule : read.rule()) {
            io.vavr.collection.SortedSet<Long> ids = io.vavr.collection.TreeSet.ofAll(live.map(r -> (long) r.id()));
            for (Loaded m : live) {
                // two records also list the records, for the webservice transport (vtiger-rest.md, Series)
                if (VtigerSeries.Tag.of(RowFields.of(m)).exists(t -> t.fits(m.id(), seriesId, rule, ids))) continue;
                if (!store.retag(sql, m, VtigerSeries.Tag.commentOf(m.id(), seriesId, rule, ids)))
                    log.info("vtiger record {} changed while its series comment was written; next time", m.id());
            }
        }
    }

    // =========================================================================================== writing

    @Override
    public Seq<Either<CalendarFailure, Written>> write(Seq<Write> writes) {
        return writes.map(this::writeOne);
    }

    private Either<CalendarFailure, Written> writeOne(Write w) {
        if (w instanceof Write.Create c) return create(c.item(), c.key(), true);
        if (w instanceof Write.Update u) return update(u);
        if (w instanceof Write.Delete d) return delete(d);
        throw new AssertionError("unknown write " + w);
    }

    private Either<CalendarFailure, Written> create(CalendarItem raw, IdempotencyKey key, boolean retryOnDuplicate) {
        Either<String, Fitted> fits = mapper.forCreate(raw, config.eventType(), Option.none());
        if (fits.isLeft()) return Either.left(new CalendarFailure.Rejected(fits.getLeft()));
        CalendarItem item = raw.kind() == ItemKind.TASK ? raw.withRecurrence(Recurrence.NONE) : raw;
        Option<VtigerRecurrence.Expansion> expansion = Option.none();
        if (item.recurrence().isRecurring() && item.series().isEmpty()) {
            Either<String, VtigerRecurrence.Expansion> e = codec.expand(item);
            if (e.isLeft()) return Either.left(new CalendarFailure.Rejected(e.getLeft()));
            expansion = Option.of(e.get());
        }
        Option<VtigerRecurrence.Expansion> plan = expansion;
        return guarded("create " + key, () -> {
          try {
            return inTransaction(sql -> {
                Option<Tuple2<Integer, ExternalId>> existing = keys.find(sql, key);
                if (existing.isDefined()) {
                    ExternalId id = existing.get()._2;
                    Unit unit = unitOf(sql, id, Unit.number(id).get());
                    Option<Unit.Piece> piece = pieceOf(unit, id);
                    if (piece.isDefined()) return Either.right(saved(piece.get()));
                    keys.forget(sql, key);   // the record made with this key was deleted since: make it again
                }
                Tuple2<Integer, ExternalId> made = make(sql, item, plan, key);
                keys.remember(sql, key, made._1, made._2, times.now());
                sql.em().flush();
                return reread(sql, made._2).peek(w -> notices.add(made._2, storedTitle(w, item), fits.get().notices().appendAll(dropped(sql, item))));
            });
          } catch (RuntimeException e) {
            if (retryOnDuplicate && isDuplicateKey(e)) return create(raw, key, false);   // a concurrent create with the same key won
            throw e;
          }
        });
    }

    /**
     * Writes a new record, series or changed occurrence; answers (crmid, external id). The key goes into gsync's key
     * table and, as the shared marker, at the end of the description, so the webservice adapter knows it too.
     */
    private Tuple2<Integer, ExternalId> make(Sql sql, CalendarItem item, Option<VtigerRecurrence.Expansion> plan, IdempotencyKey key) {
        Map<String, Integer> users = store.usersByEmail(sql, item.attendees().map(a -> a.email()).toJavaList());
        if (item.series().isDefined() && item.kind() == ItemKind.EVENT) {
            ExternalId seriesId = item.series().get().series();
            Option<Integer> parent = Unit.isSeries(seriesId) ? Unit.number(seriesId) : Option.none();
            if (parent.isDefined()) {
                Unit unit = series(sql, parent.get());
                Instant original = item.series().get().originalStart();
                Option<Loaded> slot = unit.records().filter(m -> !m.isDeleted())
                        .find(m -> startOf(mapper.item(RowFields.of(m), RowFields.invitees(m)).timing()).equals(original));
                CalendarItem single = item.withRecurrence(Recurrence.NONE).withSeries(Option.none());
                if (slot.isDefined()) {
                    store.lock(sql, java.util.List.of(slot.get().id()));
                    store.update(sql, slot.get(), single, RowFields.EVENT_FIELDS.remove(Field.RECURRENCE), users);
                    return new io.vavr.Tuple2<>(slot.get().id(), Unit.recordId(slot.get().id()));
                }
                if (!unit.isRemoved()) {
                    int id = store.allocate(sql, "vtiger_crmentity_seq", 1);
                    int vtigerParent = vtigerParent(unit, parent.get());
                    Option<VtigerRecurrence.VtigerRule> rule = vtigerParent == parent.get()
                            ? store.rule(sql, parent.get(), unit.records().map(Loaded::id).toJavaList())
                            : Option.of(store.rules(sql, java.util.List.of(parent.get())).get(parent.get()));   // the part's own row
                    store.insert(sql, id, single, rule, users, Option.some(key));
                    store.tieToSeries(sql, vtigerParent, id);
                    return new io.vavr.Tuple2<>(id, Unit.recordId(id));
                }
            }
            item = item.withSeries(Option.none());   // its series is not (any more) in vtiger: a plain event
        }
        if (plan.isDefined()) {
            List<Timing> occurrences = plan.get().occurrences();
            int first = store.allocate(sql, "vtiger_crmentity_seq", occurrences.size());
            for (int i = 0; i < occurrences.size(); i++) {
                store.insert(sql, first + i, item.withTiming(occurrences.get(i)).withRecurrence(Recurrence.NONE), Option.of(plan.get().rule()), users, Option.some(key));
                store.tieToSeries(sql, first, first + i);
            }
            return new io.vavr.Tuple2<>(first, Unit.seriesId(first));
        }
        int id = store.allocate(sql, "vtiger_crmentity_seq", 1);
        store.insert(sql, id, item.withRecurrence(Recurrence.NONE).withSeries(Option.none()), Option.none(), users, Option.some(key));
        return new io.vavr.Tuple2<>(id, Unit.recordId(id));
    }

    private Either<CalendarFailure, Written> update(Write.Update u) {
        Option<Integer> number = Unit.number(u.id());
        if (number.isEmpty()) return Either.left(new CalendarFailure.NotFound(u.id()));
        Either<String, Fitted> fits = mapper.fields(u.item(), u.fields().intersect(RowFields.held(u.item().kind())), Option.none(), dev.gsync.vtiger.mapping.RecordFields.of(Map.of()));
        if (fits.isLeft()) return Either.left(new CalendarFailure.Rejected(fits.getLeft()));
        Either<CalendarFailure, CalendarItem> fitted = Either.right(u.item());
        return guarded("update " + u.id(), () -> inTransaction(sql -> {
            Unit unit = lockedUnit(sql, u.id(), number.get());
            Option<Unit.Piece> piece = pieceOf(unit, u.id());
            if (piece.isEmpty()) return Either.left(new CalendarFailure.NotFound(u.id()));
            if (!piece.get().version().equals(u.expected())) return Either.left(new CalendarFailure.Stale(u.id()));
            CalendarItem current = piece.get().item();
            if (fitted.get().kind() != current.kind())
                return Either.left(new CalendarFailure.Rejected("cannot turn a vtiger " + current.kind() + " into a " + fitted.get().kind()));
            Set<Field> fields = u.fields().intersect(RowFields.held(current.kind()));
            CalendarItem wanted = fields.foldLeft(current, (acc, f) -> acc.withFieldOf(f, fitted.get()));
            Map<String, Integer> users = store.usersByEmail(sql, wanted.attendees().map(a -> a.email()).toJavaList());
            if (!Unit.isSeries(u.id())) {
                Loaded record = unit.records().find(r -> r.id() == number.get()).get();
                store.update(sql, record, wanted.withSeries(Option.none()), fields.remove(Field.RECURRENCE), users);
            } else if (fields.contains(Field.TIMING) || fields.contains(Field.RECURRENCE)) {
                Either<String, VtigerRecurrence.Expansion> plan = wanted.recurrence().isRecurring()
                        ? codec.expand(wanted) : Either.left("a vtiger series cannot stop recurring; delete it instead");
                if (plan.isLeft()) throw new RejectedWrite(plan.getLeft());
                realign(sql, vtigerParent(unit, number.get()), unit, wanted, plan.get(), users);
            } else {
                java.util.Set<ExternalId> changed = unit.exceptions().map(Unit.Piece::id).toJavaSet();
                for (Loaded r : unit.records()) {
                    if (r.isDeleted() || changed.contains(Unit.recordId(r.id()))) continue;   // changed occurrences keep their own values
                    CalendarItem own = mapper.item(RowFields.of(r), RowFields.invitees(r));
                    CalendarItem next = fields.foldLeft(own, (acc, f) -> acc.withFieldOf(f, wanted));
                    store.update(sql, r, next, fields, users);
                }
            }
            sql.em().flush();
            Seq<String> changed = fits.get().notices().appendAll(fields.contains(Field.ATTENDEES) ? dropped(sql, wanted) : List.empty());
            return reread(sql, u.id()).peek(w -> notices.add(u.id(), storedTitle(w, wanted), changed));
        }));
    }

    /**
     * A series whose times or rule changed. A record keeps the occurrence it stands for when that one is still there
     * (its own start, or a changed occurrence's original slot), so a record whose slot the new rule drops (an EXDATE)
     * is the one deleted; the other records take the remaining new occurrences in order (a new time for the whole
     * series); the rest are added or deleted.
     */
    private void realign(Sql sql, int parent, Unit unit, CalendarItem wanted, VtigerRecurrence.Expansion plan, Map<String, Integer> users) {
        List<Loaded> live = unit.records().filter(r -> !r.isDeleted()).sortBy(r -> times.fromDb(r.activity().dateStart, r.activity().timeStart));
        List<Timing> occurrences = plan.occurrences();
        Set<Field> fields = RowFields.EVENT_FIELDS.remove(Field.RECURRENCE);
        Map<ExternalId, Instant> slots = new HashMap<>();
        for (Unit.Piece p : unit.exceptions()) p.item().series().forEach(o -> slots.put(p.id(), o.originalStart()));
        Map<Instant, Integer> byStart = new HashMap<>();
        for (int i = 0; i < occurrences.size(); i++) byStart.putIfAbsent(startOf(occurrences.get(i)), i);
        Loaded[] taker = new Loaded[occurrences.size()];
        java.util.List<Loaded> rest = new ArrayList<>();
        for (Loaded r : live) {
            Instant slot = slots.getOrDefault(Unit.recordId(r.id()), times.fromDb(r.activity().dateStart, r.activity().timeStart));
            Integer i = byStart.get(slot);
            if (i != null && taker[i] == null) taker[i] = r;
            else rest.add(r);
        }
        java.util.Iterator<Loaded> next = rest.iterator();
        for (int i = 0; i < occurrences.size(); i++) {
            if (taker[i] == null && next.hasNext()) taker[i] = next.next();
        }
        while (next.hasNext()) store.softDelete(sql, next.next());
        for (int i = 0; i < occurrences.size(); i++) {
            CalendarItem occurrence = wanted.withTiming(occurrences.get(i)).withRecurrence(Recurrence.NONE).withSeries(Option.none());
            if (taker[i] != null) {
                store.update(sql, taker[i], occurrence, fields, users);
                store.writeRule(sql, taker[i], plan.rule());
                // the new rule row is the series' rule now; the next read gives every member the comment for it (D36)
                taker[i].entity().description = VtigerText.withSeriesComment(taker[i].entity().description, Option.none());
            } else {
                int id = store.allocate(sql, "vtiger_crmentity_seq", 1);
                store.insert(sql, id, occurrence, Option.of(plan.rule()), users);
                store.tieToSeries(sql, parent, id);
            }
        }
    }

    private Either<CalendarFailure, Written> delete(Write.Delete d) {
        Option<Integer> number = Unit.number(d.id());
        if (number.isEmpty()) return Either.right(new Written.Deleted(d.id()));
        return guarded("delete " + d.id(), () -> inTransaction(sql -> {
            Unit unit = lockedUnit(sql, d.id(), number.get());
            Option<Unit.Piece> piece = pieceOf(unit, d.id());
            if (piece.isEmpty()) return Either.right(new Written.Deleted(d.id()));   // already gone counts as done
            if (!piece.get().version().equals(d.expected())) return Either.left(new CalendarFailure.Stale(d.id()));
            for (Loaded r : unit.records()) {
                if (r.isDeleted()) continue;
                if (Unit.isSeries(d.id()) || r.id() == number.get()) store.softDelete(sql, r);
            }
            return Either.right(new Written.Deleted(d.id()));
        }));
    }

    /** Reads the unit, locks its records, and reads it again under the lock. */
    private Unit lockedUnit(Sql sql, ExternalId id, int number) {
        Unit first = unitOf(sql, id, number);
        java.util.Set<Integer> ids = new TreeSet<>(first.records().map(Loaded::id).toJavaList());
        ids.add(number);
        store.lock(sql, ids);
        sql.em().clear();
        return unitOf(sql, id, number);
    }

    private Either<CalendarFailure, Written> reread(Sql sql, ExternalId id) {
        sql.em().clear();
        Unit unit = unitOf(sql, id, Unit.number(id).get());
        Option<Unit.Piece> piece = pieceOf(unit, id);
        if (piece.isEmpty()) throw new IllegalStateException("written item " + id + " not found again");
        return Either.right(saved(piece.get()));
    }

    /** A notice names the record as vtiger holds it (the title cut to its column, say), as the webservice transport does. */
    private static String storedTitle(Written w, CalendarItem asked) {
        return w instanceof Written.Saved s ? s.stored().title() : asked.title();
    }

    private static Written saved(Unit.Piece p) {
        return new Written.Saved(p.id(), p.version(), p.item());
    }

    private Instant startOf(Timing t) {
        ZoneId zone = mapper.times().userZone();
        if (t instanceof Timing.Timed timed) return timed.start();
        if (t instanceof Timing.AllDay d) return d.start().atStartOfDay(zone).toInstant();
        return ((Timing.Due) t).date().atStartOfDay(zone).toInstant();
    }

    /** Attendees vtiger cannot store (they are not its users), for the run report. */
    private Seq<String> dropped(Sql sql, CalendarItem item) {
        if (item.kind() != ItemKind.EVENT || item.attendees().isEmpty()) return List.empty();
        Map<String, Integer> users = store.usersByEmail(sql, item.attendees().map(a -> a.email()).toJavaList());
        return Invitees.storable(item.attendees(), users, userId).dropped();
    }

    // =========================================================================================== plumbing

    /** Thrown inside a transaction to roll it back and answer Rejected. */
    private static final class RejectedWrite extends RuntimeException {
        RejectedWrite(String reason) {
            super(reason, null, false, false);
        }
    }

    private <T> T inTransaction(Function<Sql, T> work) {
        EntityManager em = emf.createEntityManager();
        EntityTransaction tx = em.getTransaction();
        try {
            tx.begin();
            T result = work.apply(new Sql(em));
            if (result instanceof Either<?, ?> e && e.isLeft()) tx.rollback();
            else tx.commit();
            return result;
        } catch (RuntimeException e) {
            if (tx.isActive()) tx.rollback();
            throw e;
        } finally {
            em.close();
        }
    }

    private <T> Either<CalendarFailure, T> guarded(String what, java.util.function.Supplier<Either<CalendarFailure, T>> work) {
        try {
            return work.get();
        } catch (RejectedWrite e) {
            return Either.left(new CalendarFailure.Rejected(e.getMessage()));
        } catch (RuntimeException e) {
            log.warn("vtiger database: {} failed: {}", what, e.toString());
            return Either.left(new CalendarFailure.Unavailable(what + ": " + e));
        }
    }

    private static boolean isDuplicateKey(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLIntegrityConstraintViolationException) return true;
            if (t instanceof java.sql.SQLException s && ("23000".equals(s.getSQLState()) || "23505".equals(s.getSQLState()))) return true;
        }
        return false;
    }
}
