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
import dev.gsync.vtiger.mapping.VtigerText;
import dev.gsync.vtiger.mapping.VtigerTimes;
import dev.gsync.vtiger.mapping.VtigerVersions;
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
        Set<Field> held = ActivityMapping.held(kind);
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
        return context().flatMap(c -> feedMode().flatMap(m -> page(c, m, decoded.get())));
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

    /** The rows as changes, without those already delivered in the mark's second. */
    private Delivery deliver(Context c, FeedCursor.TypeFeed f, Seq<JsonNode> rows) {
        List<Change> changes = List.empty();
        java.util.Set<String> here = new java.util.HashSet<>();
        for (JsonNode r : rows) {
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
     * (deleted), or it is of another type now or someone else's. Absence from a query alone never counts. Series ids
     * ("s" + crmid) are not this adapter's (it writes single records), so they are left alone.
     */
    @Override
    public Either<CalendarFailure, Seq<Change.Removed>> removedAmong(Set<ExternalId> linked) {
        java.util.Map<Long, ExternalId> wanted = new java.util.TreeMap<>();
        for (ExternalId id : linked) {
            if (VtigerIds.isSeries(id)) continue;
            VtigerIds.number(id).forEach(n -> wanted.put(n, id));
        }
        if (wanted.isEmpty()) return Either.right(List.empty());
        return context().flatMap(c -> {
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
            return Either.right(removed);
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
        return context().flatMap(c -> {
            String first = c.records().dbDateTime(from.minus(java.time.Duration.ofDays(1))).substring(0, 10);
            String last = c.records().dbDateTime(until.plus(java.time.Duration.ofDays(1))).substring(0, 10);
            java.util.Map<ExternalId, Change.Upserted> found = new java.util.LinkedHashMap<>();
            for (ItemKind kind : ItemKind.values()) {
                for (String column : List.of("date_start", "due_date")) {
                    for (int offset = 0; offset < 1_000_000; offset += PAGE) {
                        String vtql = "SELECT * FROM " + c.module(kind).name() + " WHERE assigned_user_id = " + Vtql.literal(c.userId())
                                + " AND " + column + " >= " + Vtql.literal(first) + " AND " + column + " <= " + Vtql.literal(last)
                                + " ORDER BY id LIMIT " + offset + "," + PAGE + ";";
                        Either<CalendarFailure, List<JsonNode>> rows = ws.get("query", Map.of("query", vtql))
                                .mapLeft(e -> failure(e, "range query of " + c.module(kind).name())).map(List::ofAll);
                        if (rows.isLeft()) return Either.left(rows.getLeft());
                        for (JsonNode r : rows.get()) read(c, r).forEach(u -> found.putIfAbsent(u.id(), u));
                        if (rows.get().size() < PAGE) break;
                    }
                }
            }
            return Either.right(List.ofAll(found.values()));
        });
    }

    // ------------------------------------------------------------------ reading one item

    @Override
    public Either<CalendarFailure, Option<Change.Upserted>> get(ExternalId id) {
        return context().flatMap(c -> retrieve(c, id, Option.none()).flatMap(r -> r.isEmpty() ? Either.right(Option.none())
                : read(c, r.get()).<CalendarFailure>mapLeft(CalendarFailure.Rejected::new).map(Option::some)));
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
            if (w instanceof Write.Create create) return create(c, create.item(), create.key());
            if (w instanceof Write.Update update) return update(c, update);
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
            Either<String, Change.Upserted> current = read(c, raw);
            if (current.isLeft()) return Either.left(new CalendarFailure.Rejected(current.getLeft()));
            if (!current.get().version().equals(u.expected())) return Either.left(new CalendarFailure.Stale(u.id()));
            CalendarItem now = current.get().item();
            if (u.item().kind() != now.kind())
                return Either.left(new CalendarFailure.Rejected("cannot turn a " + now.kind() + " into a " + u.item().kind() + " (" + u.id() + ")"));
            Set<Field> fields = u.fields().intersect(fieldsHeld(now.kind()));
            CalendarItem merged = fields.foldLeft(now, (item, f) -> item.withFieldOf(f, u.item()));
            // revise entity-decodes every stored field: text holding entities is sent again so it stays exact
            Set<Field> resend = HashSet.of(Field.TITLE, Field.LOCATION, Field.DESCRIPTION).filter(f -> VtigerText.hasEntities(
                    WsRecords.text(raw, f == Field.TITLE ? "subject" : f == Field.LOCATION ? "location" : "description")));
            // an event saved without reminder_time loses its reminder, so every event revise carries it
            if (now.kind() == ItemKind.EVENT) resend = resend.add(Field.REMINDERS);
            Either<String, Fitted> fitted = c.records().mapping().fields(merged, fields.union(resend), current.get().origin(), WsRecords.fields(raw));
            if (fitted.isLeft()) return Either.left(new CalendarFailure.Rejected(fitted.getLeft()));
            Map<String, String> e = wire(fitted.get().fields());
            e.put("id", WsRecords.text(raw, "id"));
            Either<WsError, JsonNode> revised = ws.postRepeatable("revise", Map.of("element", VtigerWebservice.json(e)));
            if (revised.isLeft() && revised.getLeft() instanceof WsError.Api api && api.is("ACCESS_DENIED", "INVALID_ID_ATTRIBUTE"))
                return Either.left(new CalendarFailure.NotFound(u.id()));
            return revised.mapLeft(err -> failure(err, "revise " + u.id())).flatMap(r -> readSaved(c, r, fitted.get().notices()));
        });
    }

    private Either<CalendarFailure, Written> delete(Context c, Write.Delete d) {
        return retrieve(c, d.id(), Option.none()).flatMap(found -> {
            if (found.isEmpty()) return Either.right(new Written.Deleted(d.id()));
            Either<String, Change.Upserted> current = read(c, found.get());
            if (current.isRight() && !current.get().version().equals(d.expected())) return Either.left(new CalendarFailure.Stale(d.id()));
            Either<WsError, JsonNode> deleted = ws.postRepeatable("delete", Map.of("id", WsRecords.text(found.get(), "id")));
            if (deleted.isLeft() && deleted.getLeft() instanceof WsError.Api api && api.is("ACCESS_DENIED", "INVALID_ID_ATTRIBUTE"))
                return Either.right(new Written.Deleted(d.id()));        // gone already, perhaps by our own lost first try
            return deleted.mapLeft(err -> failure(err, "delete " + d.id())).map(r -> new Written.Deleted(d.id()));
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
