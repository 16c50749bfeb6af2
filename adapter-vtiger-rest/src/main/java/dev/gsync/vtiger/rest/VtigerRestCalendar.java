package dev.gsync.vtiger.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gsync.core.model.CalendarItem;
import dev.gsync.core.model.ExternalId;
import dev.gsync.core.model.Field;
import dev.gsync.core.model.IdempotencyKey;
import dev.gsync.core.model.ItemKind;
import dev.gsync.core.port.CalendarFailure;
import dev.gsync.core.port.Change;
import dev.gsync.core.port.ChangePage;
import dev.gsync.core.port.CrmCalendar;
import dev.gsync.core.port.Cursor;
import dev.gsync.core.port.Notice;
import dev.gsync.core.port.Write;
import dev.gsync.core.port.Written;
import dev.gsync.vtiger.mapping.ActivityMapping;
import dev.gsync.vtiger.mapping.Fitted;
import dev.gsync.vtiger.mapping.NoticeBook;
import dev.gsync.vtiger.mapping.Reading;
import dev.gsync.vtiger.mapping.Reminders;
import dev.gsync.vtiger.mapping.VtigerIds;
import dev.gsync.vtiger.mapping.VtigerRecurrence;
import dev.gsync.vtiger.mapping.VtigerSeries;
import dev.gsync.vtiger.mapping.VtigerText;
import dev.gsync.vtiger.mapping.VtigerTimes;
import dev.gsync.vtiger.mapping.VtigerVersions;
import io.vavr.Tuple2;
import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.Set;
import io.vavr.collection.SortedSet;
import io.vavr.collection.TreeSet;
import io.vavr.control.Either;
import io.vavr.control.Option;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One vtiger user's events (type Events) and to-dos (type Calendar) through webservice.php, for installations
 * whose database gsync cannot reach.
 * <p>
 * Change feed: the {@code sync} operation where it works, else (vtiger 8 on PHP 8 answers it with HTTP 500)
 * {@code query} ordered by modifiedtime; in both, rows sharing the last second are read again and de-duplicated,
 * and deletions the feed cannot see (the query feed sees none) are found among the linked ids the core asks about,
 * 100 per {@code id IN (...)} query, so the cost follows what gsync synced, not the calendar.
 * <p>
 * Writes: {@code revise} after a version check (there is no conditional update, so a change landing between the
 * check and the write, within one round trip, is overwritten). Creates are made idempotent by a marker comment
 * at the end of the description naming the key, looked up before every create and before repeating one whose
 * answer was lost.
 */
public final class VtigerRestCalendar implements CrmCalendar {
    private static final Logger log = LoggerFactory.getLogger(VtigerRestCalendar.class);
    static final int PAGE = 100;                 // vtiger caps a query at 100 rows whatever LIMIT says
    private static final int OVERLAP = 10;       // rows re-read across query pages, in case some moved meanwhile

    private final VtigerRestSettings settings;
    private final VtigerWebservice ws;
    private Context context;
    private FeedMode mode;
    private String modeReason;

    /**
     * Series versions this instance's own writes replaced (series id @ old version -> new version). A write to one
     * occurrence (deleting or changing an exception) changes its series' version; a write to the series that the
     * core planned from the version before is still based on what the core knows, so it is not stale.
     */
    private final java.util.Map<String, String> replacedBy = new java.util.concurrent.ConcurrentHashMap<>();

    /** Values changed on the way since the run report last asked. */
    private final NoticeBook notices = new NoticeBook();

    /** What is learned once per session: who we are, the two types, how to map. */
    private record Context(String userId, ModuleInfo events, ModuleInfo tasks, WsRecords records) {
        ModuleInfo module(ItemKind kind) {
            return kind == ItemKind.EVENT ? events : tasks;
        }

        /**
         * The types a record of this id may be, most likely first. The shared id names a record by its crmid alone,
         * so its webservice id is tried with the expected type's prefix first; an id of the old scheme ("18x4711")
         * names its type itself.
         */
        List<ModuleInfo> candidates(ExternalId id, Option<ItemKind> hint) {
            if (VtigerIds.isSeries(id) || VtigerIds.number(id).isEmpty()) return List.empty();
            if (VtigerIds.isLegacyWebserviceId(id))
                return events.owns(id) ? List.of(events) : tasks.owns(id) ? List.of(tasks) : List.empty();
            return hint.contains(ItemKind.TASK) ? List.of(tasks, events) : List.of(events, tasks);
        }
    }

    public VtigerRestCalendar(VtigerRestSettings settings, VtigerUser user) {
        this.settings = settings;
        this.ws = new VtigerWebservice(settings, user);
    }

    // ------------------------------------------------------------------ set-up

    private synchronized Either<CalendarFailure, Context> context() {
        if (context != null) return Either.right(context);
        return ws.session().flatMap(s -> ws.get("listtypes", Map.of())
                        .flatMap(types -> {
                            java.util.Set<String> names = new java.util.HashSet<>();
                            types.path("types").forEach(t -> names.add(t.asText()));
                            if (!names.contains("Events") || !names.contains("Calendar"))
                                return Either.left((WsError) new WsError.Api("ACCESS_DENIED", "user " + ws.userName() + " may not use the calendar (listtypes lacks Events or Calendar)"));
                            return ModuleInfo.describe(ws, ItemKind.EVENT).flatMap(ev -> ModuleInfo.describe(ws, ItemKind.TASK)
                                    .map(task -> new Context(s.userId(), ev, task, new WsRecords(new ActivityMapping(
                                            new VtigerTimes(settings.dbZone(), s.timeZone().getOrElse(settings.dbZone())), settings.nonBmp())))));
                        }))
                .mapLeft(e -> failure(e, "vtiger set-up"))
                .peek(c -> context = c);
    }

    /** The zone items are read in: the user's vtiger time zone, else the DB zone. */
    public Either<CalendarFailure, java.time.ZoneId> userZone() {
        return context().map(c -> c.records().userZone());
    }

    /**
     * How this instance reads the change feed, decided on first use by asking {@code sync} for nothing: an answer
     * means SYNC; an HTTP 500 (vtiger 8 on PHP 8 as shipped) or an error code means QUERY.
     */
    public synchronized Either<CalendarFailure, FeedMode> feedMode() {
        if (mode != null) return Either.right(mode);
        return context().flatMap(c -> {
            long now = Instant.now().getEpochSecond();
            Either<WsError, JsonNode> probe = ws.probe("sync", Map.of("modifiedTime", Long.toString(now), "elementType", c.events().name()));
            if (probe.isRight() && probe.get().has("updated")) mode = FeedMode.SYNC;
            else if (probe.isLeft() && probe.getLeft() instanceof WsError.Transport t && !t.serverAnswered())
                return Either.left(failure(probe.getLeft(), "probing sync"));
            else if (probe.isLeft() && probe.getLeft() instanceof WsError.LoginRefused)
                return Either.left(failure(probe.getLeft(), "probing sync"));
            else mode = FeedMode.QUERY;
            modeReason = probe.fold(WsError::describe, r -> "sync answers");
            log.info("vtiger change feed for {}: {} ({})", ws.userName(), mode, modeReason);
            return Either.right(mode);
        });
    }

    /** Says in the run report which way the feed was read, once it is known. */
    @Override
    public synchronized io.vavr.collection.Seq<String> notes() {
        return mode == null ? io.vavr.collection.List.empty()
                : io.vavr.collection.List.of("vtiger change feed: " + mode + " mode (" + modeReason + ")");
    }

    /** Values the mapping changed on the way (read or written) since the last call, each once. */
    @Override
    public Seq<Notice> notices() {
        return notices.drain();
    }

    @Override
    public Set<Field> fieldsHeld(ItemKind kind) {
        // an event's recurrence: one record per occurrence, grouped by gsync's series comment (see series below)
        Set<Field> held = kind == ItemKind.EVENT ? ActivityMapping.held(kind).add(Field.RECURRENCE) : ActivityMapping.held(kind);
        // an administrator may hide fields: what describe does not list is not held
        Context c = context;
        if (c == null) return held;
        Set<String> fields = c.module(kind).fields();
        if (!fields.contains("location")) held = held.remove(Field.LOCATION);
        if (!fields.contains("visibility")) held = held.remove(Field.VISIBILITY);
        if (!fields.contains("reminder_time")) held = held.remove(Field.REMINDERS);
        if (!fields.contains("description")) held = held.remove(Field.DESCRIPTION);
        return held;
    }

    // ------------------------------------------------------------------ change feed

    @Override
    public Either<CalendarFailure, ChangePage> changesSince(Cursor cursor) {
        Either<String, FeedCursor> decoded = FeedCursor.decode(cursor);
        if (decoded.isLeft()) return Either.left(new CalendarFailure.CursorExpired(decoded.getLeft()));
        return context().flatMap(c -> feedMode().flatMap(m -> {
            try {
                return page(c, m, decoded.get());
            } catch (SeriesUnreadable e) {
                return Either.left(e.failure);
            }
        }));
    }

    /** {@code work}, answering a series that could not be read on the way as its failure. */
    private static <T> Either<CalendarFailure, T> guardedSeries(java.util.function.Supplier<Either<CalendarFailure, T>> work) {
        try {
            return work.get();
        } catch (SeriesUnreadable e) {
            return Either.left(e.failure);
        }
    }

    /** A series could not be read while a page was being put together: the page fails as a whole. */
    private static final class SeriesUnreadable extends RuntimeException {
        final CalendarFailure failure;

        SeriesUnreadable(CalendarFailure failure) {
            super(failure.toString(), null, false, false);
            this.failure = failure;
        }
    }

    private Either<CalendarFailure, ChangePage> page(Context c, FeedMode m, FeedCursor cursor) {
        ItemKind kind = cursor.phase() == 0 ? ItemKind.EVENT : ItemKind.TASK;
        Either<CalendarFailure, TypePage> page = m == FeedMode.SYNC ? syncPage(c, kind, cursor.of(kind)) : queryPage(c, kind, cursor.of(kind));
        return page.map(p -> {
            FeedCursor next = cursor.with(kind, p.feed());
            if (!p.done()) return new ChangePage(p.changes(), next.encode(), true);
            boolean last = kind == ItemKind.TASK;
            return new ChangePage(p.changes(), next.withPhase(last ? 0 : 1).encode(), !last);
        });
    }

    private record TypePage(Seq<Change> changes, FeedCursor.TypeFeed feed, boolean done) {}

    private Either<CalendarFailure, TypePage> queryPage(Context c, ItemKind kind, FeedCursor.TypeFeed f) {
        ModuleInfo module = c.module(kind);
        int offset = Math.max(0, f.consumed() - OVERLAP);
        String vtql = "SELECT * FROM " + module.name() + " WHERE assigned_user_id = " + Vtql.literal(c.userId())
                + " AND modifiedtime >= " + Vtql.literal(c.records().dbDateTime(Instant.ofEpochSecond(f.mark())))
                + " ORDER BY modifiedtime, id LIMIT " + offset + "," + PAGE + ";";
        return ws.get("query", Map.of("query", vtql)).mapLeft(e -> failure(e, "query of " + module.name())).map(result -> {
            List<JsonNode> rows = List.ofAll(result);
            Delivery d = deliver(c, f, rows);
            long lastSecond = rows.isEmpty() ? f.mark() : c.records().epochSecond(WsRecords.text(rows.last(), "modifiedtime"));
            boolean full = rows.size() >= PAGE;
            long mark = Math.max(f.mark(), lastSecond);
            int atMark = rows.count(r -> c.records().epochSecond(WsRecords.text(r, "modifiedtime")) == mark);
            int consumed = !full ? 0 : mark == f.mark() ? offset + rows.size() : atMark;
            return new TypePage(d.changes(), new FeedCursor.TypeFeed(mark, seenAt(c, mark, f, rows), consumed, false), !full);
        });
    }

    private Either<CalendarFailure, TypePage> syncPage(Context c, ItemKind kind, FeedCursor.TypeFeed f) {
        ModuleInfo module = c.module(kind);
        long since = f.stepPast() ? f.mark() : Math.max(1, f.mark() - 1);   // re-read the mark's second: strict '>' on seconds
        return ws.get("sync", Map.of("modifiedTime", Long.toString(since), "elementType", module.name()))
                .mapLeft(e -> failure(e, "sync of " + module.name())).map(result -> {
                    List<JsonNode> rows = List.ofAll(result.path("updated"));
                    Delivery d = deliver(c, f, rows);
                    Seq<Change> changes = d.changes();
                    for (JsonNode gone : result.path("deleted")) {
                        Option<Long> crmid = ModuleInfo.crmid(ExternalId.of(gone.asText()));
                        if (crmid.isEmpty()) continue;
                        changes = changes.append(Change.Removed.of(VtigerIds.record(crmid.get())));
                    }
                    long last = result.path("lastModifiedTime").asLong(f.mark());
                    boolean more = result.path("more").asBoolean(false);
                    long mark = Math.max(f.mark(), last);
                    return new TypePage(changes, new FeedCursor.TypeFeed(mark, seenAt(c, mark, f, rows), 0, more && last <= f.mark()), !more);
                });
    }

    private record Delivery(Seq<Change> changes) {}

    /**
     * The rows as changes, without those already delivered in the mark's second. A row of a series gsync made is
     * not an item of its own: its series is read whole (once per page) and reported with its exceptions.
     */
    private Delivery deliver(Context c, FeedCursor.TypeFeed f, Seq<JsonNode> rows) {
        List<Change> changes = List.empty();
        java.util.Set<String> here = new java.util.HashSet<>();
        java.util.Set<String> seriesDone = new java.util.HashSet<>();
        // a record whose comment vtiger's purifier removed is still its series' (strayMembers); the lists are read
        // once a page, and only if a record of it names no series
        java.util.function.Supplier<java.util.Map<Long, String>> listed = listedOnDemand(c);
        for (JsonNode r : rows) {
            Either<String, Change.Upserted> row = c.records().read(r).map(WsRecords::upserted);
            if (row.isRight() && c.records().epochSecond(WsRecords.text(r, "modifiedtime")) == f.mark() && f.seen().contains(seenTag(row.get()))) continue;
            Option<String> seriesId = seriesOf(r, listed);
            if (seriesId.isDefined()) {
                if (!seriesDone.add(seriesId.get())) continue;
                Either<CalendarFailure, SeriesUnit> unit = series(c, ExternalId.of(seriesId.get()));
                if (unit.isLeft()) throw new SeriesUnreadable(unit.getLeft());
                changes = changes.appendAll(unit.get().changes(c));
                continue;
            }
            Either<String, Reading> reading = c.records().read(r);   // notices only for what is delivered (once)
            Either<String, Change.Upserted> read = reading.map(WsRecords::upserted);
            if (read.isLeft()) {
                log.warn("skipping {}", read.getLeft());
                continue;
            }
            String tag = seenTag(read.get());
            if (!here.add(tag)) continue;      // a query repeats an event once per linked contact
            if (c.records().epochSecond(WsRecords.text(r, "modifiedtime")) == f.mark() && f.seen().contains(tag)) continue;
            changes = changes.append(read.get());
            notices.add(reading.get().id(), reading.get().item().title(), reading.get().notices());
        }
        return new Delivery(changes);
    }

    private SortedSet<String> seenAt(Context c, long mark, FeedCursor.TypeFeed f, Seq<JsonNode> rows) {
        SortedSet<String> seen = mark == f.mark() ? f.seen() : TreeSet.empty();
        for (JsonNode r : rows)
            if (c.records().epochSecond(WsRecords.text(r, "modifiedtime")) == mark)
                for (Change.Upserted u : c.records().read(r).map(WsRecords::upserted)) seen = seen.add(seenTag(u));
        return seen;
    }

    /** A row already delivered: same id, same version. */
    private static String seenTag(Change.Upserted u) {
        return u.id().value() + ":" + VtigerVersions.fnv(u.version().value());
    }

    /** The query feed sees no deletion at all, and sync mode none made by a purge: the core asks about its links. */
    @Override
    public boolean reportsAllRemovals() {
        return false;
    }

    /**
     * Which linked ids are gone. Each type is asked for the ids, {@value #PAGE} per {@code id IN (...)} query (vtiger
     * answers 100 rows at most); an id neither type answers is retrieved, and reported removed if vtiger denies it
     * (deleted), or it is of another type now or someone else's. Absence from a query alone never counts. A series
     * ("s" + crmid) is gone when no record carries its comment any more and the record it is named after is gone.
     */
    @Override
    public Either<CalendarFailure, Seq<Change.Removed>> removedAmong(Set<ExternalId> linked) {
        return missed(linked, false).map(all -> all.filter(ch -> ch instanceof Change.Removed).map(ch -> (Change.Removed) ch));
    }

    /**
     * {@link #removedAmong}, and (D35) each linked series that has lost an occurrence record, as it is now. A record
     * deleted in vtiger's UI cannot be read any more, so nothing says which series it belonged to (the sync feed names
     * only its id, the query feed not even that); but each linked series is read here anyway to see whether it is
     * gone, and one with an empty slot (an EXDATE) is answered as it is: the core's three-way merge tells a new gap
     * (the occurrence leaves Google) from one it knows (nothing to write). No request beyond removedAmong's.
     */
    @Override
    public Either<CalendarFailure, Seq<Change>> missedAmong(Set<ExternalId> linked) {
        return missed(linked, true);
    }

    private Either<CalendarFailure, Seq<Change>> missed(Set<ExternalId> linked, boolean withGaps) {
        java.util.Map<Long, ExternalId> wanted = new java.util.TreeMap<>();
        java.util.List<ExternalId> seriesIds = new java.util.ArrayList<>();
        for (ExternalId id : linked) {
            if (VtigerIds.isSeries(id)) seriesIds.add(id);
            else VtigerIds.number(id).forEach(n -> wanted.put(n, id));
        }
        if (wanted.isEmpty() && seriesIds.isEmpty()) return Either.right(List.empty());
        return context().flatMap(c -> {
            List<Change> goneSeries = List.empty();
            for (ExternalId id : seriesIds) {
                // a series made here is gone when none of its records is left; the record it is named after must be
                // gone too (a series made in vtiger's UI, linked through the JDBC transport, carries no comment)
                Either<CalendarFailure, SeriesUnit> unit = series(c, id);
                if (unit.isLeft()) return Either.left(unit.getLeft());
                if (unit.get().grouped().isDefined()) {
                    if (withGaps) goneSeries = goneSeries.appendAll(unit.get().changes(c)
                            .filter(ch -> ch.id().equals(id) && ch.item().recurrence().lines().exists(l -> l.toUpperCase(java.util.Locale.ROOT).startsWith("EXDATE"))));
                    continue;
                }
                Either<CalendarFailure, Option<JsonNode>> parent = retrieve(c, VtigerIds.record(VtigerIds.number(id).get()), Option.some(ItemKind.EVENT));
                if (parent.isLeft()) return Either.left(parent.getLeft());
                if (parent.get().isEmpty()) goneSeries = goneSeries.append(Change.Removed.of(id));
            }
            if (wanted.isEmpty()) return Either.right(goneSeries);
            List<Change> seriesRemoved = goneSeries;
            java.util.Set<Long> missing = new java.util.TreeSet<>(wanted.keySet());
            for (ItemKind kind : ItemKind.values()) {
                ModuleInfo module = c.module(kind);
                for (Seq<Long> ids : List.ofAll(missing).grouped(PAGE)) {
                    String vtql = "SELECT id FROM " + module.name() + " WHERE assigned_user_id = " + Vtql.literal(c.userId())
                            + " AND id IN (" + ids.map(id -> Vtql.literal(module.wsId(id).value())).mkString(", ") + ");";
                    Either<CalendarFailure, JsonNode> rows = ws.get("query", Map.of("query", vtql)).mapLeft(e -> failure(e, "deletion check"));
                    if (rows.isLeft()) return Either.left(rows.getLeft());
                    for (JsonNode r : rows.get()) ModuleInfo.crmid(ExternalId.of(WsRecords.text(r, "id"))).forEach(missing::remove);
                }
            }
            List<Change.Removed> removed = List.empty();
            for (Long id : missing) {
                ExternalId linkedId = wanted.get(id);
                Either<CalendarFailure, Option<JsonNode>> now = retrieve(c, linkedId, Option.none());
                if (now.isLeft()) return Either.left(now.getLeft());
                if (now.get().isEmpty()) removed = removed.append(Change.Removed.of(linkedId));
            }
            return Either.right(seriesRemoved.<Change>appendAll(removed));
        });
    }


    // ------------------------------------------------------------------ reading a range of days

    /**
     * R11: the items that begin on the days that entered the horizon: VTQL queries on {@code date_start} and on
     * {@code due_date} (a day wider each way, for the server's zone), so the cost follows those days. A query repeats
     * an event once per linked contact, hence the de-duplication by id.
     */
    @Override
    public Either<CalendarFailure, Seq<Change.Upserted>> startingBetween(Instant from, Instant until) {
        return guardedSeries(() -> context().flatMap(c -> {
            String first = c.records().dbDateTime(from.minus(java.time.Duration.ofDays(1))).substring(0, 10);
            String last = c.records().dbDateTime(until.plus(java.time.Duration.ofDays(1))).substring(0, 10);
            java.util.Map<ExternalId, Change.Upserted> found = new java.util.LinkedHashMap<>();
            java.util.function.Supplier<java.util.Map<Long, String>> listed = listedOnDemand(c);
            for (ItemKind kind : ItemKind.values()) {
                for (String column : List.of("date_start", "due_date")) {
                    for (int offset = 0; offset < 1_000_000; offset += PAGE) {
                        String vtql = "SELECT * FROM " + c.module(kind).name() + " WHERE assigned_user_id = " + Vtql.literal(c.userId())
                                + " AND " + column + " >= " + Vtql.literal(first) + " AND " + column + " <= " + Vtql.literal(last)
                                + " ORDER BY id LIMIT " + offset + "," + PAGE + ";";
                        Either<CalendarFailure, List<JsonNode>> rows = ws.get("query", Map.of("query", vtql))
                                .mapLeft(e -> failure(e, "range query of " + c.module(kind).name())).map(List::ofAll);
                        if (rows.isLeft()) return Either.left(rows.getLeft());
                        for (JsonNode r : rows.get()) {
                            Option<String> seriesId = seriesOf(r, listed);
                            if (seriesId.isEmpty()) {
                                read(c, r).forEach(u -> found.putIfAbsent(u.id(), u));
                            } else if (!found.containsKey(ExternalId.of(seriesId.get()))) {
                                Either<CalendarFailure, SeriesUnit> unit = series(c, ExternalId.of(seriesId.get()));
                                if (unit.isLeft()) return Either.left(unit.getLeft());
                                unit.get().changes(c).forEach(u -> found.putIfAbsent(u.id(), u));
                            }
                        }
                        if (rows.get().size() < PAGE) break;
                    }
                }
            }
            return Either.right(List.ofAll(found.values()));
        }));
    }

    // ------------------------------------------------------------------ reading one item

    @Override
    public Either<CalendarFailure, Option<Change.Upserted>> get(ExternalId id) {
        return guardedSeries(() -> context().flatMap(c -> {
            if (VtigerIds.isSeries(id)) return series(c, id).map(u -> u.changes(c).find(ch -> ch.id().equals(id)));
            return retrieve(c, id, Option.none()).flatMap(r -> {
                if (r.isEmpty()) return Either.right(Option.none());
                Option<String> seriesId = seriesOf(r.get(), listedOnDemand(c));
                // a plain occurrence of a series is no item of its own; a changed one is an exception of it
                if (seriesId.isDefined()) return series(c, ExternalId.of(seriesId.get()))
                        .map(u -> u.item(c, id, new VtigerSeries(c.records().mapping().times())));
                return read(c, r.get()).<CalendarFailure>mapLeft(CalendarFailure.Rejected::new).map(Option::some);
            });
        }));
    }

    /** A webservice record through the shared mapping; what the mapping changed on the way goes to the notices. */
    private Either<String, Change.Upserted> read(Context c, JsonNode record) {
        Either<String, Reading> reading = c.records().read(record);
        reading.forEach(r -> notices.add(r.id(), r.item().title(), r.notices()));
        return reading.map(WsRecords::upserted);
    }

    /**
     * The record if it is in this user's calendar; None if deleted, of another type now, or someone else's. The id is
     * the shared one (a crmid), so the webservice id is tried with each type's prefix, the expected type first.
     */
    private Either<CalendarFailure, Option<JsonNode>> retrieve(Context c, ExternalId id, Option<ItemKind> hint) {
        for (ModuleInfo module : c.candidates(id, hint)) {
            ExternalId wsId = module.wsId(VtigerIds.number(id).get());
            Either<WsError, JsonNode> r = ws.get("retrieve", Map.of("id", wsId.value()));
            if (r.isLeft() && r.getLeft() instanceof WsError.Api api && api.is("INVALID_ID_ATTRIBUTE")) continue;   // the other type
            if (r.isLeft() && r.getLeft() instanceof WsError.Api api && api.is("ACCESS_DENIED", "RECORD_NOT_FOUND"))
                return Either.right(Option.none());
            return r.mapLeft(e -> failure(e, "retrieve " + id))
                    .map(rec -> c.userId().equals(WsRecords.text(rec, "assigned_user_id")) ? Option.some(rec) : Option.none());
        }
        return Either.right(Option.none());
    }

    // ------------------------------------------------------------------ writes

    @Override
    public Seq<Either<CalendarFailure, Written>> write(Seq<Write> writes) {
        return writes.map(w -> context().flatMap(c -> {
            if (w instanceof Write.Create create && create.item().series().isDefined() && VtigerIds.isSeries(create.item().series().get().series()))
                return createException(c, create.item(), create.key());
            if (w instanceof Write.Create create && create.item().kind() == ItemKind.EVENT && create.item().recurrence().isRecurring())
                return createSeries(c, create.item(), create.key());
            if (w instanceof Write.Create create)
                return create(c, create.item().withSeries(Option.none()).withRecurrence(dev.gsync.core.model.Recurrence.NONE), create.key());
            if (w instanceof Write.Update update && VtigerIds.isSeries(update.id())) return updateSeries(c, update);
            if (w instanceof Write.Update update) return update(c, update);
            if (w instanceof Write.Delete delete && VtigerIds.isSeries(delete.id())) return deleteSeries(c, delete);
            if (w instanceof Write.Delete delete) return delete(c, delete);
            throw new AssertionError("unknown write " + w);
        }));
    }

    /** The mapping's values as the webservice takes them: the reminder in seconds (minutes are what vtiger stores). */
    private static Map<String, String> wire(Map<String, String> fields) {
        Map<String, String> e = new LinkedHashMap<>(fields);
        e.computeIfPresent("reminder_time", (k, minutes) -> Reminders.webserviceSeconds(Integer.parseInt(minutes)));
        return e;
    }

    private Either<CalendarFailure, Written> create(Context c, CalendarItem item, IdempotencyKey key) {
        ModuleInfo module = c.module(item.kind());
        Either<String, Fitted> fitted = c.records().mapping().forCreate(item, "Meeting", Option.some(key));
        if (fitted.isLeft()) return Either.left(new CalendarFailure.Rejected(fitted.getLeft()));
        Map<String, String> element = new LinkedHashMap<>();
        element.put("assigned_user_id", c.userId());
        element.putAll(wire(fitted.get().fields()));
        if (item.kind() == ItemKind.EVENT) element.putIfAbsent("reminder_time", "0");
        for (int attempt = 1; ; attempt++) {
            Either<CalendarFailure, Option<Change.Upserted>> existing = findByKey(c, module, key);
            if (existing.isLeft()) return Either.left(existing.getLeft());
            if (existing.get().isDefined()) return Either.right(saved(existing.get().get()));
            Either<WsError, JsonNode> made = ws.postOnce("create", Map.of("elementType", module.name(), "element", VtigerWebservice.json(element)));
            if (made.isRight()) return readSaved(c, made.get(), fitted.get().notices());
            // a lost answer: the create may have happened; the next round looks for it before trying again
            if (!(made.getLeft() instanceof WsError.Transport) || attempt >= settings.attempts())
                return Either.left(failure(made.getLeft(), "create"));
            log.warn("create for {} (key {}) has an unknown outcome ({}); checking before trying again", ws.userName(), key, made.getLeft().describe());
            pause(attempt);
        }
    }

    /** The record made with this key, if any (the marker survives in the stored description). */
    private Either<CalendarFailure, Option<Change.Upserted>> findByKey(Context c, ModuleInfo module, IdempotencyKey key) {
        String vtql = "SELECT * FROM " + module.name() + " WHERE assigned_user_id = " + Vtql.literal(c.userId())
                + " AND description LIKE " + Vtql.containing(VtigerText.markerCore(key.value())) + " ORDER BY id;";
        return ws.get("query", Map.of("query", vtql)).mapLeft(e -> failure(e, "looking up key " + key)).map(rows ->
                List.ofAll(rows).map(r -> read(c, r)).filter(Either::isRight).map(Either::get)
                        .find(u -> u.origin().contains(key)));
    }

    private Either<CalendarFailure, Written> update(Context c, Write.Update u) {
        if (c.candidates(u.id(), Option.some(u.item().kind())).isEmpty()) return Either.left(new CalendarFailure.NotFound(u.id()));
        return retrieve(c, u.id(), Option.some(u.item().kind())).flatMap(found -> {
            if (found.isEmpty()) return Either.left(new CalendarFailure.NotFound(u.id()));
            JsonNode raw = found.get();
            if (seriesIdOf(raw).isDefined()) return updateMember(c, u, raw, ExternalId.of(seriesIdOf(raw).get()));
            Either<String, Change.Upserted> current = read(c, raw);
            if (current.isLeft()) return Either.left(new CalendarFailure.Rejected(current.getLeft()));
            if (!current.get().version().equals(u.expected())) return Either.left(new CalendarFailure.Stale(u.id()));
            CalendarItem now = current.get().item();
            if (u.item().kind() != now.kind())
                return Either.left(new CalendarFailure.Rejected("cannot turn a " + now.kind() + " into a " + u.item().kind() + " (" + u.id() + ")"));
            Set<Field> fields = u.fields().intersect(fieldsHeld(now.kind())).remove(Field.RECURRENCE);
            CalendarItem merged = fields.foldLeft(now, (item, f) -> item.withFieldOf(f, u.item()));
            Either<CalendarFailure, Revised> revised = revise(c, raw, merged, fields, current.get().origin(), Option.none());
            return revised.flatMap(r -> readSaved(c, r.record(), r.notices()));
        });
    }

    private record Revised(JsonNode record, Seq<String> notices) {}

    /** A list keeper of a series keeps its list when it is revised with the series' plain comment (D36). */
    private static Option<String> keepingList(JsonNode raw, Option<String> comment) {
        Option<VtigerSeries.Tag> had = VtigerSeries.Tag.of(WsRecords.fields(raw)).filter(t -> t.members().isDefined());
        if (had.isEmpty() || comment.isEmpty()) return comment;
        Option<VtigerSeries.Tag> wanted = VtigerSeries.Tag.of(dev.gsync.vtiger.mapping.RecordFields.of(Map.of("description", comment.get())));
        if (wanted.isEmpty() || wanted.get().members().isDefined() || !wanted.get().series().equals(had.get().series()) || wanted.get().rule().isEmpty())
            return comment;
        return Option.some(VtigerSeries.Tag.firstComment(wanted.get().series(), wanted.get().rule().get(), had.get().members().get()));
    }

    /** Revises one stored record to hold {@code fields} of {@code merged}, keeping its marker and series comment. */
    private Either<CalendarFailure, Revised> revise(Context c, JsonNode raw, CalendarItem merged, Set<Field> fields,
                                                    Option<IdempotencyKey> marker, Option<String> given) {
        ExternalId id = ExternalId.of(WsRecords.text(raw, "id"));
        Option<String> seriesComment = keepingList(raw, given);
        // revise entity-decodes every stored field: text holding entities is sent again so it stays exact
        Set<Field> resend = HashSet.of(Field.TITLE, Field.LOCATION, Field.DESCRIPTION).filter(f -> VtigerText.hasEntities(
                WsRecords.text(raw, f == Field.TITLE ? "subject" : f == Field.LOCATION ? "location" : "description")));
        // an event saved without reminder_time loses its reminder, so every event revise carries it
        if (merged.kind() == ItemKind.EVENT) resend = resend.add(Field.REMINDERS);
        if (seriesComment.isDefined()) resend = resend.add(Field.DESCRIPTION);
        Either<String, Fitted> fitted = c.records().mapping().fields(merged, fields.union(resend), marker, seriesComment, WsRecords.fields(raw));
        if (fitted.isLeft()) return Either.left(new CalendarFailure.Rejected(fitted.getLeft()));
        Map<String, String> e = wire(fitted.get().fields());
        e.put("id", WsRecords.text(raw, "id"));
        Either<WsError, JsonNode> revised = ws.postRepeatable("revise", Map.of("element", VtigerWebservice.json(e)));
        if (revised.isLeft() && revised.getLeft() instanceof WsError.Api api && api.is("ACCESS_DENIED", "INVALID_ID_ATTRIBUTE"))
            return Either.left(new CalendarFailure.NotFound(id));
        return revised.mapLeft(err -> failure(err, "revise " + id)).map(r -> new Revised(r, fitted.get().notices()));
    }

    private Either<CalendarFailure, Written> delete(Context c, Write.Delete d) {
        return retrieve(c, d.id(), Option.none()).flatMap(found -> {
            if (found.isEmpty()) return Either.right(new Written.Deleted(d.id()));
            Option<String> seriesId = seriesIdOf(found.get());
            Either<CalendarFailure, Option<SeriesUnit>> unit = seriesId.isDefined()
                    ? series(c, ExternalId.of(seriesId.get())).map(Option::some) : Either.right(Option.none());
            if (unit.isLeft()) return Either.left(unit.getLeft());
            Option<Change.Upserted> current = unit.get().isDefined()
                    ? unit.get().get().item(c, d.id(), new VtigerSeries(c.records().mapping().times())) : read(c, found.get()).toOption();
            if (current.isDefined() && !current.get().version().equals(d.expected())) return Either.left(new CalendarFailure.Stale(d.id()));
            Option<dev.gsync.core.model.Version> seriesBefore = unit.get().flatMap(u -> versionOf(u, c));
            Either<WsError, JsonNode> deleted = ws.postRepeatable("delete", Map.of("id", WsRecords.text(found.get(), "id")));
            if (deleted.isLeft() && deleted.getLeft() instanceof WsError.Api api && api.is("ACCESS_DENIED", "INVALID_ID_ATTRIBUTE"))
                return Either.right(new Written.Deleted(d.id()));        // gone already, perhaps by our own lost first try
            if (deleted.isRight()) seriesId.forEach(sid -> ownChange(c, ExternalId.of(sid), seriesBefore));
            return deleted.mapLeft(err -> failure(err, "delete " + d.id())).map(r -> new Written.Deleted(d.id()));
        });
    }

    // ------------------------------------------------------------------ series: one record per occurrence

    /*
     * The webservice shows no series and cannot make one (vtiger's UI expands a series on save; the webservice stores
     * one record). A recurring item is therefore written as vtiger's UI would write it, one event per occurrence within
     * the shared bounds (VtigerRecurrence), and each record says which series it belongs to in a comment before the
     * idempotency marker (VtigerText.seriesComment: "s" + the crmid of its first record, and the rule). Reading groups
     * them again with the mapping's VtigerSeries, so the series has one id ("s4711") and its changed occurrences are
     * exceptions named by their own crmid, as through the JDBC transport.
     */

    /**
     * The series a record belongs to: the one its comment names, else (an event whose comment vtiger's purifier
     * removed) the one whose list names it; {@code listed} is asked only then, and at most once per call site.
     */
    private static Option<String> seriesOf(JsonNode record, java.util.function.Supplier<java.util.Map<Long, String>> listed) {
        Option<String> named = seriesIdOf(record);
        if (named.isDefined() || ActivityMapping.kindOf(WsRecords.text(record, "activitytype")) != ItemKind.EVENT) return named;
        return ModuleInfo.crmid(ExternalId.of(WsRecords.text(record, "id"))).flatMap(id -> Option.of(listed.get().get(id)));
    }

    /** {@link #listedMembers}, read on first use. */
    private java.util.function.Supplier<java.util.Map<Long, String>> listedOnDemand(Context c) {
        return io.vavr.Lazy.of(() -> listedMembers(c).getOrElseThrow(SeriesUnreadable::new));
    }

    /** The series id a record's comment names, if gsync made it for a series. */
    private static Option<String> seriesIdOf(JsonNode record) {
        return ActivityMapping.seriesTag(WsRecords.fields(record)).flatMap(VtigerText::seriesOf).map(t -> t._1);
    }

    /** A series' live records, its kept rule and what they mean (none when no record is left). */
    private record SeriesUnit(ExternalId id, Option<VtigerSeries.Rule> rule, List<JsonNode> rows, List<VtigerSeries.Member> members,
                              Option<VtigerSeries.Grouped> grouped, Option<IdempotencyKey> key) {
        Seq<Change.Upserted> changes(Context c) {
            return grouped.map(g -> List.of(g.series()).appendAll(g.exceptions())).getOrElse(List.empty()).map(p -> upserted(c, p));
        }

        private Change.Upserted upserted(Context c, VtigerSeries.Piece p) {
            return new Change.Upserted(p.id(), p.version(), p.item(), c.records().mapping().times().instant(p.modified()),
                    p.id().equals(id) ? key : Option.none());
        }

        /**
         * The item {@code id} names in this series: the series, an exception, or a record back in line with the
         * series (a changed occurrence put back), read as an exception of its slot so that its link stays meaningful.
         */
        Option<Change.Upserted> item(Context c, ExternalId wanted, VtigerSeries series) {
            Option<Change.Upserted> listed = changes(c).find(ch -> ch.id().equals(wanted));
            if (listed.isDefined() || grouped.isEmpty()) return listed;
            return members.find(m -> VtigerIds.record(m.crmid()).equals(wanted))
                    .map(m -> upserted(c, VtigerSeries.exception(id, m, slotOf(m, series))));
        }

        Option<JsonNode> row(long crmid) {
            return rows.find(r -> ModuleInfo.crmid(ExternalId.of(WsRecords.text(r, "id"))).contains(crmid));
        }

        /** Which occurrence of the rule a record stands for: an exception's original start, else its own start. */
        Instant slotOf(VtigerSeries.Member m, VtigerSeries series) {
            return grouped.flatMap(g -> g.exceptions().find(p -> p.id().equals(VtigerIds.record(m.crmid()))))
                    .flatMap(p -> p.item().series()).map(dev.gsync.core.model.SeriesOrigin::originalStart)
                    .getOrElse(() -> series.startOf(m.item().timing()));
        }
    }

    private Either<CalendarFailure, SeriesUnit> series(Context c, ExternalId seriesId) {
        ModuleInfo module = c.events();
        java.util.Map<Long, JsonNode> rows = new java.util.TreeMap<>();
        int pages = VtigerRecurrence.MAX_OCCURRENCES / PAGE + 2;
        for (int page = 0; page < pages; page++) {
            String vtql = "SELECT * FROM " + module.name() + " WHERE assigned_user_id = " + Vtql.literal(c.userId())
                    + " AND description LIKE " + Vtql.containing(VtigerText.seriesCore(seriesId.value())) + " ORDER BY id LIMIT " + page * PAGE + "," + PAGE + ";";
            Either<CalendarFailure, JsonNode> got = ws.get("query", Map.of("query", vtql)).mapLeft(e -> failure(e, "reading series " + seriesId));
            if (got.isLeft()) return Either.left(got.getLeft());
            int n = 0;
            for (JsonNode r : got.get()) {
                n++;
                if (seriesIdOf(r).contains(seriesId.value())) ModuleInfo.crmid(ExternalId.of(WsRecords.text(r, "id"))).forEach(id -> rows.put(id, r));
            }
            if (n < PAGE) break;
        }
        Either<CalendarFailure, java.util.Map<Long, JsonNode>> strays = strayMembers(c, seriesId, rows);
        if (strays.isLeft()) return Either.left(strays.getLeft());
        rows.putAll(strays.get());
        VtigerSeries grouping = new VtigerSeries(c.records().mapping().times());
        java.util.List<VtigerSeries.Member> members = new java.util.ArrayList<>();
        Option<VtigerSeries.Rule> rule = Option.none();
        Option<IdempotencyKey> key = Option.none();
        java.time.LocalDateTime modified = java.time.LocalDateTime.MIN;
        for (Map.Entry<Long, JsonNode> r : rows.entrySet()) {
            Either<String, Reading> reading = c.records().read(r.getValue());
            if (reading.isLeft()) continue;
            java.time.LocalDateTime at = java.time.LocalDateTime.parse(WsRecords.text(r.getValue(), "modifiedtime").replace(' ', 'T'));
            members.add(new VtigerSeries.Member(r.getKey(), reading.get().item(), at));
            if (at.isAfter(modified)) modified = at;
            if (rule.isEmpty()) rule = ActivityMapping.seriesTag(WsRecords.fields(r.getValue())).flatMap(VtigerText::seriesOf)
                    .flatMap(t -> VtigerSeries.Rule.decode(t._2));
            if (key.isEmpty()) key = reading.get().marker();
        }
        List<VtigerSeries.Member> live = List.ofAll(members).sortBy(m -> grouping.startOf(m.item().timing()));
        java.time.LocalDateTime newest = modified;
        Option<VtigerSeries.Grouped> grouped = live.isEmpty() || rule.isEmpty() ? Option.none()
                : grouping.group(seriesId, rule.get(), live, newest);
        return Either.right(new SeriesUnit(seriesId, rule, List.ofAll(rows.values()), live, grouped, key));
    }

    /**
     * Records of the series whose comments are gone: vtiger's HTML purifier removes HTML comments from whatever its UI
     * saves, so a record whose description was edited there no longer names its series (nor carries the key). Two
     * records list the series' records, and the first is named by the series id; a listed record that is live, an
     * event and names no series is still a member, and gets its comment (and the series' key) back, so the next
     * reads find it by the comment again. One retrieve per such record; nothing when every record has its comment.
     */
    private Either<CalendarFailure, java.util.Map<Long, JsonNode>> strayMembers(Context c, ExternalId seriesId, java.util.Map<Long, JsonNode> tagged) {
        java.util.Map<Long, JsonNode> out = new java.util.TreeMap<>();
        List<VtigerSeries.Tag> tags = List.ofAll(tagged.values()).flatMap(r -> VtigerSeries.Tag.of(WsRecords.fields(r)));
        Option<VtigerSeries.Rule> rule = VtigerSeries.Tag.common(seriesId, tags);
        if (rule.isEmpty()) return Either.right(out);     // nothing left that knows the rule: nothing to go by
        SortedSet<Long> listed = TreeSet.ofAll(tags.filter(t -> t.series().equals(seriesId)).flatMap(t -> t.members().toList()).flatMap(m -> m));
        SortedSet<Long> wanted = listed.add(VtigerIds.number(seriesId).get()).removeAll(tagged.keySet());
        if (wanted.isEmpty()) return Either.right(out);
        Option<IdempotencyKey> key = List.ofAll(tagged.values()).flatMap(r -> c.records().read(r).toOption()).flatMap(Reading::marker).headOption();
        for (Long id : wanted.toList().take(VtigerRecurrence.MAX_OCCURRENCES)) {
            Either<CalendarFailure, Option<JsonNode>> found = retrieve(c, VtigerIds.record(id), Option.some(ItemKind.EVENT));
            if (found.isLeft()) return Either.left(found.getLeft());
            if (found.get().isEmpty() || seriesIdOf(found.get().get()).isDefined()) continue;
            if (ActivityMapping.kindOf(WsRecords.text(found.get().get(), "activitytype")) != ItemKind.EVENT) continue;
            out.put(id, found.get().get());
        }
        SortedSet<Long> ids = TreeSet.ofAll(tagged.keySet()).addAll(out.keySet());
        for (Map.Entry<Long, JsonNode> stray : out.entrySet()) {
            Either<String, Reading> read = c.records().read(stray.getValue());
            if (read.isLeft()) continue;
            Either<CalendarFailure, Revised> healed = revise(c, stray.getValue(), read.get().item(), HashSet.of(Field.DESCRIPTION), key,
                    Option.some(VtigerSeries.Tag.commentOf(stray.getKey(), seriesId, rule.get(), ids)));
            if (healed.isLeft()) return Either.left(healed.getLeft());
            log.info("vtiger record {} had lost its series comment (saved in vtiger's UI?): given back, it stays in {}", stray.getKey(), seriesId);
            stray.setValue(healed.get().record());
        }
        return Either.right(out);
    }

    /**
     * After records were added to a series: its two list keepers list them too (a revise each, only if their list
     * lacks any). Answers how many keepers were revised.
     */
    private Either<CalendarFailure, Integer> relist(Context c, ExternalId seriesId) {
        Either<CalendarFailure, SeriesUnit> now = series(c, seriesId);
        if (now.isLeft()) return Either.left(now.getLeft());
        SeriesUnit unit = now.get();
        if (unit.rule().isEmpty()) return Either.right(0);
        SortedSet<Long> ids = TreeSet.ofAll(unit.members().map(VtigerSeries.Member::crmid));
        int revised = 0;
        for (Long id : ids.toList().take(2)) {
            Option<JsonNode> raw = unit.row(id);
            if (raw.isEmpty() || VtigerSeries.Tag.of(WsRecords.fields(raw.get())).exists(t -> t.fits(id, seriesId, unit.rule().get(), ids))) continue;
            Either<String, Reading> read = c.records().read(raw.get());
            if (read.isLeft()) continue;
            Either<CalendarFailure, Revised> r = revise(c, raw.get(), read.get().item(), HashSet.of(Field.DESCRIPTION), unit.key(),
                    Option.some(VtigerSeries.Tag.commentOf(id, seriesId, unit.rule().get(), ids)));
            if (r.isLeft()) return Either.left(r.getLeft());
            revised++;
        }
        return Either.right(revised);
    }

    /**
     * Which series the records listed by the user's series (two records of each keep the list) belong to: crmid to
     * series id, for records of a page whose comment is gone. One query per 100 list keepers.
     */
    private Either<CalendarFailure, java.util.Map<Long, String>> listedMembers(Context c) {
        java.util.Map<Long, String> out = new java.util.HashMap<>();
        for (int page = 0; page < 1000; page++) {
            String vtql = "SELECT * FROM " + c.events().name() + " WHERE assigned_user_id = " + Vtql.literal(c.userId())
                    + " AND description LIKE " + Vtql.containingInOrder("gsync-series:s", ":m") + " ORDER BY id LIMIT " + page * PAGE + "," + PAGE + ";";
            Either<CalendarFailure, JsonNode> got = ws.get("query", Map.of("query", vtql)).mapLeft(e -> failure(e, "reading series lists"));
            if (got.isLeft()) return Either.left(got.getLeft());
            int n = 0;
            for (JsonNode r : got.get()) {
                n++;
                for (VtigerSeries.Tag t : VtigerSeries.Tag.of(WsRecords.fields(r)))
                    for (Long id : t.members().getOrElse(TreeSet.empty())) out.putIfAbsent(id, t.series().value());
            }
            if (n < PAGE) break;
        }
        return Either.right(out);
    }

    /** Whether {@code expected} is {@code current}, or became it only through this instance's own writes. */
    private boolean sameSeries(ExternalId seriesId, dev.gsync.core.model.Version expected, dev.gsync.core.model.Version current) {
        String v = expected.value();
        for (int step = 0; step < 64 && v != null; step++) {
            if (v.equals(current.value())) return true;
            v = replacedBy.get(seriesId.value() + "@" + v);
        }
        return false;
    }

    /** After a write to one occurrence: the series' version before it is replaced by the one now. */
    private void ownChange(Context c, ExternalId seriesId, Option<dev.gsync.core.model.Version> before) {
        if (before.isEmpty()) return;
        series(c, seriesId).forEach(u -> u.changes(c).find(ch -> ch.id().equals(seriesId))
                .forEach(now -> replacedBy.put(seriesId.value() + "@" + before.get().value(), now.version().value())));
    }

    private static Option<dev.gsync.core.model.Version> versionOf(SeriesUnit u, Context c) {
        return u.changes(c).find(ch -> ch.id().equals(u.id())).map(Change.Upserted::version);
    }

    private Either<CalendarFailure, Written> savedSeries(Context c, ExternalId seriesId, ExternalId piece, Seq<String> written) {
        return series(c, seriesId).flatMap(u -> u.item(c, piece, new VtigerSeries(c.records().mapping().times()))
                .<CalendarFailure>toEither(() -> new CalendarFailure.Rejected("written " + piece + " of " + seriesId + " not found again"))
                .map(ch -> {
                    notices.add(ch.id(), ch.item().title(), written);
                    return saved(ch);
                }));
    }

    /** One event record of a series (or its first, before the series has an id). */
    private Either<CalendarFailure, JsonNode> createRecord(Context c, CalendarItem occurrence, IdempotencyKey key, Option<String> comment,
                                                           java.util.List<String> written) {
        Either<String, Fitted> fitted = c.records().mapping().forCreate(occurrence, "Meeting", Option.some(key), comment);
        if (fitted.isLeft()) return Either.left(new CalendarFailure.Rejected(fitted.getLeft()));
        written.addAll(fitted.get().notices().toJavaList());
        Map<String, String> element = new LinkedHashMap<>();
        element.put("assigned_user_id", c.userId());
        element.putAll(wire(fitted.get().fields()));
        element.putIfAbsent("reminder_time", "0");
        return ws.postRepeatable("create", Map.of("elementType", c.events().name(), "element", VtigerWebservice.json(element)))
                .mapLeft(e -> failure(e, "create of a series occurrence"));
    }

    /**
     * A recurring event: one record per occurrence. Safe to repeat: the records made with this key are looked up
     * first, and only the missing occurrences are made (a create whose answer was lost resumes where it stopped).
     */
    private Either<CalendarFailure, Written> createSeries(Context c, CalendarItem item, IdempotencyKey key) {
        VtigerSeries grouping = new VtigerSeries(c.records().mapping().times());
        Option<VtigerSeries.Rule> rule = grouping.ruleOf(item);
        if (rule.isEmpty()) return Either.left(new CalendarFailure.Rejected("vtiger holds one recurrence rule per series: " + item.recurrence().lines()));
        Either<String, VtigerRecurrence.Expansion> expansion = new VtigerRecurrence(c.records().mapping().times()).expand(item);
        if (expansion.isLeft()) return Either.left(new CalendarFailure.Rejected(expansion.getLeft()));
        CalendarItem single = item.withRecurrence(dev.gsync.core.model.Recurrence.NONE).withSeries(Option.none());
        java.util.List<String> written = new java.util.ArrayList<>();

        Either<CalendarFailure, List<JsonNode>> before = rowsWithKey(c, c.events(), key);
        if (before.isLeft()) return Either.left(before.getLeft());
        Option<JsonNode> first = before.get().headOption();
        if (first.isEmpty()) {
            Either<CalendarFailure, JsonNode> made = createRecord(c, single.withTiming(expansion.get().occurrences().head()), key, Option.none(), written);
            if (made.isLeft()) return Either.left(made.getLeft());
            first = Option.some(made.get());
        }
        Option<String> named = before.get().map(VtigerRestCalendar::seriesIdOf).find(Option::isDefined).flatMap(o -> o);
        long parent = ModuleInfo.crmid(ExternalId.of(WsRecords.text(first.get(), "id"))).get();
        ExternalId seriesId = named.map(ExternalId::of).getOrElse(VtigerIds.series(parent));
        String comment = VtigerText.seriesComment(seriesId.value(), rule.get().encode());

        Either<CalendarFailure, SeriesUnit> now = series(c, seriesId);
        if (now.isLeft()) return Either.left(now.getLeft());
        java.util.Set<Instant> present = new java.util.HashSet<>();
        now.get().members().forEach(m -> present.add(grouping.startOf(m.item().timing())));
        Either<String, Reading> firstRead = c.records().read(first.get());
        if (firstRead.isRight()) present.add(grouping.startOf(firstRead.get().item().timing()));
        java.util.Map<Long, JsonNode> made = new java.util.TreeMap<>();
        for (JsonNode r : now.get().rows()) made.put(ModuleInfo.crmid(ExternalId.of(WsRecords.text(r, "id"))).get(), r);
        made.put(parent, first.get());
        for (dev.gsync.core.model.Timing occurrence : expansion.get().occurrences()) {
            if (!present.add(grouping.startOf(occurrence))) continue;
            Either<CalendarFailure, JsonNode> one = createRecord(c, single.withTiming(occurrence), key, Option.some(comment), written);
            if (one.isLeft()) return Either.left(one.getLeft());
            made.put(ModuleInfo.crmid(ExternalId.of(WsRecords.text(one.get(), "id"))).get(), one.get());
        }
        // the first record learns its series last; it and the next one also list the records (D36)
        SortedSet<Long> ids = TreeSet.ofAll(made.keySet());
        for (Long id : ids.toList().take(2).reverse()) {
            JsonNode r = made.get(id);
            if (VtigerSeries.Tag.of(WsRecords.fields(r)).exists(t -> t.fits(id, seriesId, rule.get(), ids))) continue;
            Either<String, Reading> read = c.records().read(r);
            if (read.isLeft()) continue;
            Either<CalendarFailure, Revised> tied = revise(c, r, read.get().item(), HashSet.of(Field.DESCRIPTION), Option.some(key),
                    Option.some(VtigerSeries.Tag.commentOf(id, seriesId, rule.get(), ids)));
            if (tied.isLeft()) return Either.left(tied.getLeft());
        }
        return savedSeries(c, seriesId, seriesId, List.ofAll(written));
    }

    /** The records made with this key, oldest first. */
    private Either<CalendarFailure, List<JsonNode>> rowsWithKey(Context c, ModuleInfo module, IdempotencyKey key) {
        String vtql = "SELECT * FROM " + module.name() + " WHERE assigned_user_id = " + Vtql.literal(c.userId())
                + " AND description LIKE " + Vtql.containing(VtigerText.markerCore(key.value())) + " ORDER BY id;";
        return ws.get("query", Map.of("query", vtql)).mapLeft(e -> failure(e, "looking up key " + key))
                .map(rows -> List.ofAll(rows).filter(r -> read(c, r).map(u -> u.origin().contains(key)).getOrElse(false)));
    }

    /**
     * A changed occurrence of a series made here (Google moved, renamed or otherwise changed one instance): the
     * record of that occurrence takes the change; an occurrence without a record gets one.
     */
    private Either<CalendarFailure, Written> createException(Context c, CalendarItem item, IdempotencyKey key) {
        ExternalId seriesId = item.series().get().series();
        Instant original = item.series().get().originalStart();
        return series(c, seriesId).flatMap(u -> {
            if (u.grouped().isEmpty()) return Either.left(new CalendarFailure.Rejected("its recurring series " + seriesId + " is no longer in vtiger"));
            VtigerSeries grouping = new VtigerSeries(c.records().mapping().times());
            CalendarItem single = item.withRecurrence(dev.gsync.core.model.Recurrence.NONE).withSeries(Option.none());
            String comment = VtigerText.seriesComment(seriesId.value(), u.rule().get().encode());
            Option<VtigerSeries.Member> target = u.members().find(m -> u.slotOf(m, grouping).equals(original));
            if (target.isEmpty()) {
                java.util.List<String> written = new java.util.ArrayList<>();
                Option<dev.gsync.core.model.Version> before = versionOf(u, c);
                return createRecord(c, single, key, Option.some(comment), written).flatMap(made -> relist(c, seriesId).map(x -> made))
                        .peek(made -> ownChange(c, seriesId, before)).flatMap(made ->
                        savedSeries(c, seriesId, VtigerIds.record(ModuleInfo.crmid(ExternalId.of(WsRecords.text(made, "id"))).get()), List.ofAll(written)));
            }
            JsonNode raw = u.row(target.get().crmid()).get();
            Set<Field> fields = fieldsHeld(ItemKind.EVENT).remove(Field.RECURRENCE);
            CalendarItem merged = fields.foldLeft(target.get().item(), (acc, f) -> acc.withFieldOf(f, single));
            Option<dev.gsync.core.model.Version> before = versionOf(u, c);
            return revise(c, raw, merged, fields, u.key(), Option.some(comment)).peek(r -> ownChange(c, seriesId, before))
                    .flatMap(r -> savedSeries(c, seriesId, VtigerIds.record(target.get().crmid()), r.notices()));
        });
    }

    /** A changed occurrence (an exception of a series made here), by its own id. */
    private Either<CalendarFailure, Written> updateMember(Context c, Write.Update u, JsonNode raw, ExternalId seriesId) {
        return series(c, seriesId).flatMap(unit -> {
            Option<Change.Upserted> piece = unit.item(c, u.id(), new VtigerSeries(c.records().mapping().times()));
            if (piece.isDefined() && !piece.get().version().equals(u.expected())) return Either.left(new CalendarFailure.Stale(u.id()));
            VtigerSeries.Member m = unit.members().find(x -> VtigerIds.record(x.crmid()).equals(u.id())).get();
            Set<Field> fields = u.fields().intersect(fieldsHeld(ItemKind.EVENT)).remove(Field.RECURRENCE);
            CalendarItem merged = fields.foldLeft(m.item(), (acc, f) -> acc.withFieldOf(f, u.item()));
            String comment = VtigerText.seriesComment(seriesId.value(), unit.rule().map(VtigerSeries.Rule::encode).getOrElse(""));
            Option<dev.gsync.core.model.Version> before = versionOf(unit, c);
            return revise(c, raw, merged, fields, unit.key(), Option.some(comment))
                    .peek(r -> ownChange(c, seriesId, before)).flatMap(r -> savedSeries(c, seriesId, u.id(), r.notices()));
        });
    }

    /**
     * A change of the whole series. Its values reach every record; new times move every record (in order, as the
     * JDBC transport does); a new rule keeps the records whose occurrence remains, deletes those whose occurrence
     * went (an instance cancelled in Google) and makes the new ones.
     */
    private Either<CalendarFailure, Written> updateSeries(Context c, Write.Update u) {
        return series(c, u.id()).flatMap(unit -> {
            Option<Change.Upserted> current = unit.changes(c).find(ch -> ch.id().equals(u.id()));
            if (current.isEmpty()) return Either.left(new CalendarFailure.NotFound(u.id()));
            if (!sameSeries(u.id(), u.expected(), current.get().version())) return Either.left(new CalendarFailure.Stale(u.id()));
            VtigerSeries grouping = new VtigerSeries(c.records().mapping().times());
            Set<Field> fields = u.fields().intersect(fieldsHeld(ItemKind.EVENT));
            CalendarItem wanted = fields.foldLeft(current.get().item(), (acc, f) -> acc.withFieldOf(f, u.item()));
            Set<Field> values = fields.remove(Field.RECURRENCE).remove(Field.TIMING);
            java.util.List<String> written = new java.util.ArrayList<>();
            Option<VtigerSeries.Rule> rule = unit.rule();
            List<VtigerSeries.Member> members = unit.members().sortBy(m -> unit.slotOf(m, grouping));
            if (fields.contains(Field.TIMING) || fields.contains(Field.RECURRENCE)) {
                rule = grouping.ruleOf(wanted);
                if (rule.isEmpty()) return Either.left(new CalendarFailure.Rejected("vtiger holds one recurrence rule per series: " + wanted.recurrence().lines()));
                Either<String, VtigerRecurrence.Expansion> expansion = new VtigerRecurrence(c.records().mapping().times()).expand(wanted);
                if (expansion.isLeft()) return Either.left(new CalendarFailure.Rejected(expansion.getLeft()));
                String comment = VtigerText.seriesComment(u.id().value(), rule.get().encode());
                List<dev.gsync.core.model.Timing> occurrences = expansion.get().occurrences();
                CalendarItem single = wanted.withRecurrence(dev.gsync.core.model.Recurrence.NONE).withSeries(Option.none());
                java.util.List<Tuple2<VtigerSeries.Member, dev.gsync.core.model.Timing>> keep = new java.util.ArrayList<>();
                java.util.List<VtigerSeries.Member> drop = new java.util.ArrayList<>();
                java.util.List<dev.gsync.core.model.Timing> make = new java.util.ArrayList<>();
                if (fields.contains(Field.TIMING)) {          // new times: the records take the new occurrences in order
                    for (int i = 0; i < Math.max(members.size(), occurrences.size()); i++) {
                        if (i < members.size() && i < occurrences.size()) keep.add(new Tuple2<>(members.get(i), occurrences.get(i)));
                        else if (i < members.size()) drop.add(members.get(i));
                        else make.add(occurrences.get(i));
                    }
                } else {                                       // a new rule: each record keeps its occurrence, if it remains
                    java.util.Map<Instant, dev.gsync.core.model.Timing> left = new java.util.LinkedHashMap<>();
                    for (dev.gsync.core.model.Timing t : occurrences) left.put(grouping.startOf(t), t);
                    for (VtigerSeries.Member m : members) {
                        dev.gsync.core.model.Timing slot = left.remove(unit.slotOf(m, grouping));
                        if (slot == null) drop.add(m);
                        else keep.add(new Tuple2<>(m, m.item().timing()));   // a moved occurrence stays where it was moved
                    }
                    make.addAll(left.values());
                }
                Set<Field> revised = fields.contains(Field.TIMING) ? values.add(Field.TIMING) : values;
                for (Tuple2<VtigerSeries.Member, dev.gsync.core.model.Timing> k : keep) {
                    CalendarItem merged = values.foldLeft(k._1.item(), (acc, f) -> acc.withFieldOf(f, single)).withTiming(k._2);
                    Either<CalendarFailure, Revised> r = revise(c, unit.row(k._1.crmid()).get(), merged, revised, unit.key(), Option.some(comment));
                    if (r.isLeft()) return Either.left(r.getLeft());
                    written.addAll(r.get().notices().toJavaList());
                }
                for (VtigerSeries.Member m : drop) {
                    Either<WsError, JsonNode> gone = ws.postRepeatable("delete", Map.of("id", WsRecords.text(unit.row(m.crmid()).get(), "id")));
                    if (gone.isLeft() && !(gone.getLeft() instanceof WsError.Api api && api.is("ACCESS_DENIED", "INVALID_ID_ATTRIBUTE")))
                        return Either.left(failure(gone.getLeft(), "delete of a series occurrence"));
                }
                for (dev.gsync.core.model.Timing t : make) {
                    Either<CalendarFailure, JsonNode> made = createRecord(c, single.withTiming(t), unit.key().getOrElse(new IdempotencyKey(u.id().value())), Option.some(comment), written);
                    if (made.isLeft()) return Either.left(made.getLeft());
                }
                if (!make.isEmpty()) {
                    Either<CalendarFailure, Integer> listed = relist(c, u.id());
                    if (listed.isLeft()) return Either.left(listed.getLeft());
                }
            } else if (!values.isEmpty()) {
                String comment = VtigerText.seriesComment(u.id().value(), rule.get().encode());
                // changed occurrences keep their own values, as Google's instances and the JDBC transport do
                java.util.Set<ExternalId> changed = unit.grouped().map(g -> g.exceptions().map(VtigerSeries.Piece::id).toJavaSet()).getOrElse(java.util.Set.of());
                for (VtigerSeries.Member m : members) {
                    if (changed.contains(VtigerIds.record(m.crmid()))) continue;
                    CalendarItem merged = values.foldLeft(m.item(), (acc, f) -> acc.withFieldOf(f, wanted));
                    Either<CalendarFailure, Revised> r = revise(c, unit.row(m.crmid()).get(), merged, values, unit.key(), Option.some(comment));
                    if (r.isLeft()) return Either.left(r.getLeft());
                    written.addAll(r.get().notices().toJavaList());
                }
            }
            return savedSeries(c, u.id(), u.id(), List.ofAll(written).distinct());
        });
    }

    private Either<CalendarFailure, Written> deleteSeries(Context c, Write.Delete d) {
        return series(c, d.id()).flatMap(unit -> {
            Option<Change.Upserted> current = unit.changes(c).find(ch -> ch.id().equals(d.id()));
            if (current.isEmpty()) return Either.right(new Written.Deleted(d.id()));
            if (!sameSeries(d.id(), d.expected(), current.get().version())) return Either.left(new CalendarFailure.Stale(d.id()));
            for (JsonNode r : unit.rows()) {
                Either<WsError, JsonNode> gone = ws.postRepeatable("delete", Map.of("id", WsRecords.text(r, "id")));
                if (gone.isLeft() && !(gone.getLeft() instanceof WsError.Api api && api.is("ACCESS_DENIED", "INVALID_ID_ATTRIBUTE")))
                    return Either.left(failure(gone.getLeft(), "delete of " + d.id()));
            }
            return Either.right(new Written.Deleted(d.id()));
        });
    }

    private Either<CalendarFailure, Written> readSaved(Context c, JsonNode record, Seq<String> written) {
        return read(c, record).<CalendarFailure>mapLeft(CalendarFailure.Rejected::new).map(u -> {
            notices.add(u.id(), u.item().title(), written);
            return saved(u);
        });
    }

    private static Written saved(Change.Upserted u) {
        return new Written.Saved(u.id(), u.version(), u.item());
    }

    private void pause(int attempt) {
        try {
            Thread.sleep(settings.backoff().toMillis() << Math.min(attempt - 1, 6));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A webservice problem as the core understands it. */
    private static CalendarFailure failure(WsError e, String doing) {
        if (e instanceof WsError.LoginRefused refused) return new CalendarFailure.AuthorizationRequired(refused.detail());
        if (e instanceof WsError.Transport t) return new CalendarFailure.Unavailable(doing + ": " + t.detail());
        WsError.Api api = (WsError.Api) e;
        if (api.is("INTERNAL_SERVER_ERROR", "DATABASE_QUERY_ERROR", "INVALID_AUTH_TOKEN")) return new CalendarFailure.Unavailable(doing + ": " + api.describe());
        return new CalendarFailure.Rejected(doing + ": " + api.describe());
    }
}
