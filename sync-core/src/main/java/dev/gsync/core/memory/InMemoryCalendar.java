package dev.gsync.core.memory;

import dev.gsync.core.model.CalendarItem;
import dev.gsync.core.model.ExternalId;
import dev.gsync.core.model.Field;
import dev.gsync.core.model.IdempotencyKey;
import dev.gsync.core.model.ItemKind;
import dev.gsync.core.model.Recurrence;
import dev.gsync.core.model.Timing;
import dev.gsync.core.model.Version;
import dev.gsync.core.model.Visibility;
import dev.gsync.core.port.CalendarFailure;
import dev.gsync.core.port.CalendarSide;
import dev.gsync.core.port.Change;
import dev.gsync.core.port.ChangePage;
import dev.gsync.core.port.Cursor;
import dev.gsync.core.port.Write;
import dev.gsync.core.port.Written;
import io.vavr.collection.HashMap;
import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.collection.Seq;
import io.vavr.collection.Set;
import io.vavr.collection.TreeMap;
import io.vavr.collection.Vector;
import io.vavr.control.Either;
import io.vavr.control.Option;

import java.time.Clock;
import java.time.Instant;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A calendar kept in memory that behaves like the real ones where it matters to a sync: versions change on every
 * write and stale ones are refused, creates are idempotent per key, fields the side cannot hold are dropped,
 * deletions show up in the change feed, and the feed is paged. For the core's tests and for embedders' own tests.
 * Tests can edit it "as a user would" and make writes fail.
 */
public abstract class InMemoryCalendar implements CalendarSide {

    private record Stored(CalendarItem item, Version version, Instant modified, Option<IdempotencyKey> origin, boolean deleted, String container) {}

    private final String idPrefix;
    private final Clock clock;
    private final Map<ItemKind, Set<Field>> held;
    private Map<ExternalId, Stored> items = TreeMap.empty();
    private Map<io.vavr.Tuple2<String, IdempotencyKey>, ExternalId> byKey = HashMap.empty();   // per container, as Google's event ids are
    private Vector<ExternalId> log = Vector.empty();          // one entry per change, in order; a cursor is a position
    private int epoch = 1;                                  // bumped when the log is forgotten: old cursors expire
    private long nextId = 1;
    private long nextVersion = 1;
    private int pageSize = 100;
    private int batchSize = 50;
    private int writesSeen;
    private Function<Write, Option<CalendarFailure>> faults = w -> Option.none();

    protected InMemoryCalendar(String idPrefix, Clock clock, Map<ItemKind, Set<Field>> held) {
        this.idPrefix = idPrefix;
        this.clock = clock;
        this.held = held;
    }

    // ---- the port

    @Override
    public synchronized Either<CalendarFailure, ChangePage> changesSince(Cursor cursor) {
        if (cursor.isStart()) {
            // A full listing: every live item once, then continue from the end of the log.
            Seq<Change> all = items.filter(e -> !e._2.deleted && visible(e._2.container)).map(e -> (Change) upserted(e._1, e._2)).toList();
            return Either.right(new ChangePage(all, cursorAt(log.size()), false));
        }
        String[] parts = cursor.value().split(":", 2);
        if (parts.length != 2 || !parts[0].equals(String.valueOf(epoch)))
            return Either.left(new CalendarFailure.CursorExpired("cursor " + cursor.value() + " is from an earlier log"));
        int from = Integer.parseInt(parts[1]);
        int to = Math.min(log.size(), from + pageSize);
        Seq<Change> page = log.subSequence(from, to).filter(id -> visible(items.get(id).get().container)).map(this::changeOf);
        return Either.right(new ChangePage(page, cursorAt(to), to < log.size()));
    }

    private Cursor cursorAt(int position) {
        return new Cursor(epoch + ":" + position);
    }

    @Override
    public synchronized Either<CalendarFailure, Option<Change.Upserted>> get(ExternalId id) {
        return Either.right(items.get(id).filter(s -> !s.deleted).map(s -> upserted(id, s)));
    }

    @Override
    public synchronized Seq<Either<CalendarFailure, Written>> write(Seq<Write> writes) {
        return writes.map(this::writeOne);
    }

    @Override
    public int batchSize() {
        return batchSize;
    }

    @Override
    public Set<Field> fieldsHeld(ItemKind kind) {
        return held.get(kind).getOrElse(HashSet.empty());
    }

    private Either<CalendarFailure, Written> writeOne(Write write) {
        writesSeen++;
        Option<CalendarFailure> fault = faults.apply(write);
        if (fault.isDefined()) return Either.left(fault.get());
        if (write instanceof Write.Create create) return create(create);
        if (write instanceof Write.Update update) return update(update);
        if (write instanceof Write.Delete delete) return delete(delete);
        throw new AssertionError("unknown write " + write);
    }

    private Either<CalendarFailure, Written> create(Write.Create create) {
        String container = containerFor(create.item());
        Option<ExternalId> earlier = byKey.get(io.vavr.Tuple.of(container, create.key())).filter(id -> !items.get(id).get().deleted);
        if (earlier.isDefined()) {
            Stored s = items.get(earlier.get()).get();
            return Either.right(new Written.Saved(earlier.get(), s.version, s.item));
        }
        ExternalId id = ExternalId.of(idPrefix + nextId++);
        byKey = byKey.put(io.vavr.Tuple.of(container, create.key()), id);
        return Either.right(store(id, asStored(keepOnlyHeld(create.item())), Option.some(create.key()), container));
    }

    private Either<CalendarFailure, Written> update(Write.Update update) {
        Option<Stored> current = items.get(update.id()).filter(s -> !s.deleted);
        if (current.isEmpty()) return Either.left(new CalendarFailure.NotFound(update.id()));
        if (!current.get().version.equals(update.expected())) return Either.left(new CalendarFailure.Stale(update.id()));
        CalendarItem item = current.get().item;
        for (Field f : update.fields()) if (fieldsHeld(item.kind()).contains(f)) item = item.withFieldOf(f, update.item());
        return Either.right(store(update.id(), asStored(item), current.get().origin, current.get().container));
    }

    private Either<CalendarFailure, Written> delete(Write.Delete delete) {
        Option<Stored> current = items.get(delete.id()).filter(s -> !s.deleted);
        if (current.isEmpty()) return Either.right(new Written.Deleted(delete.id()));
        if (!current.get().version.equals(delete.expected())) return Either.left(new CalendarFailure.Stale(delete.id()));
        markDeleted(delete.id());
        return Either.right(new Written.Deleted(delete.id()));
    }

    private Written.Saved store(ExternalId id, CalendarItem item, Option<IdempotencyKey> origin, String container) {
        Version version = Version.of("v" + nextVersion++);
        items = items.put(id, new Stored(item, version, clock.instant(), origin, false, container));
        log = log.append(id);
        return new Written.Saved(id, version, item);
    }

    private void markDeleted(ExternalId id) {
        Stored s = items.get(id).get();
        items = items.put(id, new Stored(s.item, Version.of("v" + nextVersion++), clock.instant(), s.origin, true, s.container));
        log = log.append(id);
    }

    private Change changeOf(ExternalId id) {
        Stored s = items.get(id).get();
        return s.deleted ? new Change.Removed(id, Option.some(s.modified)) : upserted(id, s);
    }

    private static Change.Upserted upserted(ExternalId id, Stored s) {
        return new Change.Upserted(id, s.version, s.item, s.modified, s.origin);
    }

    /** What this side cannot hold is dropped, as the real calendars drop it (Google Tasks keeps no due time). */
    private CalendarItem keepOnlyHeld(CalendarItem item) {
        Set<Field> keeps = fieldsHeld(item.kind());
        CalendarItem blank = blankLike(item);
        for (Field f : Field.values()) if (!keeps.contains(f)) item = item.withFieldOf(f, blank);
        return item;
    }

    private static CalendarItem blankLike(CalendarItem item) {
        Timing timing = item.timing() instanceof Timing.Due due ? due.withoutTime() : item.timing();
        return new CalendarItem(item.kind(), "", "", "", timing, Visibility.PUBLIC,
                dev.gsync.core.model.ItemStatus.defaultFor(item.kind()), Recurrence.NONE, item.series(), List.empty(), List.empty());
    }

    /** An item as this side keeps it, beyond dropping fields it cannot hold (Google keeps coarse statuses only). */
    protected CalendarItem asStored(CalendarItem item) {
        return item;
    }

    /** Where a new item goes (a Google calendar, say); one place by default. */
    protected String containerFor(CalendarItem item) {
        return "";
    }

    /** Whether items in that container are synced now; all are by default. */
    protected boolean visible(String container) {
        return true;
    }

    /** The key gsync created an item with, if it did. */
    public synchronized Option<IdempotencyKey> origin(ExternalId id) {
        return items.get(id).flatMap(Stored::origin);
    }

    /** The container an item lives in. */
    public synchronized Option<String> containerOf(ExternalId id) {
        return items.get(id).map(Stored::container);
    }

    @Override
    public synchronized boolean covers(ExternalId id) {
        return items.get(id).forAll(s -> visible(s.container));
    }

    /** Live synced items whose start (or due date) lies in the range; whole-day timings are taken a day wider. */
    @Override
    public synchronized Either<CalendarFailure, Seq<Change.Upserted>> startingBetween(Instant from, Instant until) {
        java.time.LocalDate firstDay = java.time.LocalDate.ofInstant(from, java.time.ZoneOffset.UTC).minusDays(1);
        java.time.LocalDate lastDay = java.time.LocalDate.ofInstant(until, java.time.ZoneOffset.UTC).plusDays(1);
        return Either.right(items.filter(e -> !e._2.deleted && visible(e._2.container) && startsBetween(e._2.item.timing(), from, until, firstDay, lastDay))
                .map(e -> upserted(e._1, e._2)).toList());
    }

    private static boolean startsBetween(Timing timing, Instant from, Instant until, java.time.LocalDate firstDay, java.time.LocalDate lastDay) {
        if (timing instanceof Timing.Timed timed) return !timed.start().isBefore(from) && timed.start().isBefore(until);
        java.time.LocalDate day = timing instanceof Timing.AllDay allDay ? allDay.start() : ((Timing.Due) timing).date();
        return !day.isBefore(firstDay) && !day.isAfter(lastDay);
    }

    // ---- what a user (or a test) does directly in this calendar

    /** Adds an item as if the user created it here; returns its id. */
    public synchronized ExternalId add(CalendarItem item) {
        ExternalId id = ExternalId.of(idPrefix + nextId++);
        store(id, asStored(keepOnlyHeld(item)), Option.none(), containerFor(item));
        return id;
    }

    /** Changes an item as if the user edited it here. */
    public synchronized void edit(ExternalId id, UnaryOperator<CalendarItem> change) {
        Stored s = items.get(id).filter(x -> !x.deleted).getOrElseThrow(() -> new IllegalArgumentException("no live item " + id));
        store(id, asStored(keepOnlyHeld(change.apply(s.item))), s.origin, s.container);
    }

    /** Deletes an item as if the user deleted it here. */
    public synchronized void remove(ExternalId id) {
        if (items.get(id).exists(s -> !s.deleted)) markDeleted(id);
    }

    /** The live items by id. */
    public synchronized Map<ExternalId, CalendarItem> items() {
        return items.filter(e -> !e._2.deleted).mapValues(Stored::item);
    }

    public synchronized Option<CalendarItem> item(ExternalId id) {
        return items.get(id).filter(s -> !s.deleted).map(Stored::item);
    }

    /**
     * Makes this (empty) calendar hold the other's items with the same ids, versions, creation keys and containers,
     * and nothing of its change history: the same data, as a fresh sync would find it. Deleted items stay deleted
     * (and keep their container, as a Google id names its calendar).
     */
    public synchronized void copyItemsFrom(InMemoryCalendar other) {
        synchronized (other) {
            if (!items.isEmpty()) throw new IllegalStateException("copy into an empty calendar only");
            items = other.items;
            byKey = other.byKey;
            log = Vector.ofAll(items.filter(e -> !e._2.deleted).keySet());
            nextId = other.nextId;
            nextVersion = other.nextVersion;
        }
    }

    /** Forgets the change log, so an old cursor answers CursorExpired (Google's 410). */
    public synchronized void expireCursors() {
        log = Vector.empty();
        epoch++;
    }

    /** Each write is first shown to {@code faults}; a failure it returns is the write's answer. It may also throw. */
    public synchronized void failWrites(Function<Write, Option<CalendarFailure>> faults) {
        this.faults = faults;
    }

    public synchronized int writesSeen() {
        return writesSeen;
    }

    public synchronized void pageSize(int pageSize) {
        this.pageSize = pageSize;
    }

    public synchronized void batchSize(int batchSize) {
        this.batchSize = batchSize;
    }
}
