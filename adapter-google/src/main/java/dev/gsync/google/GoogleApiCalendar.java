package dev.gsync.google;

import com.google.api.client.googleapis.services.json.AbstractGoogleJsonClient;
import com.google.api.client.googleapis.services.json.AbstractGoogleJsonClientRequest;
import com.google.api.client.http.HttpHeaders;
import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.EventDateTime;
import com.google.api.services.calendar.model.EventReminder;
import com.google.api.services.calendar.model.Events;
import com.google.api.services.tasks.Tasks;
import com.google.api.services.tasks.model.Task;
import dev.gsync.core.model.CalendarItem;
import dev.gsync.core.model.ExternalId;
import dev.gsync.core.model.Field;
import dev.gsync.core.model.IdempotencyKey;
import dev.gsync.core.model.ItemKind;
import dev.gsync.core.model.SeriesOrigin;
import dev.gsync.core.model.Timing;
import dev.gsync.core.model.SyncSettings;
import dev.gsync.core.model.Version;
import dev.gsync.core.port.CalendarFailure;
import dev.gsync.core.port.Change;
import dev.gsync.core.port.ChangePage;
import dev.gsync.core.port.Cursor;
import dev.gsync.core.port.GoogleCalendar;
import dev.gsync.core.port.Write;
import dev.gsync.core.port.Written;
import dev.gsync.google.GoogleCalls.Outcome;
import dev.gsync.google.GoogleCalls.Step;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.Set;
import io.vavr.control.Either;
import io.vavr.control.Option;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One user's Google side: events of the calendars they chose (each with its own sync token) and the tasks of one
 * Google Tasks list.
 *
 * <p>Reading: {@code events.list} with the calendar's sync token, 2500 a page, deleted ones included, recurring series
 * as masters plus their exceptions; a 410 answers {@link CalendarFailure.CursorExpired} and the core starts again from
 * {@link Cursor#START}, a full listing that reports only what it sees. Tasks have no sync token: each poll asks for
 * tasks updated since the last change seen, minus an overlap, and drops the ones it already reported.
 *
 * <p>Writing: through Google's batch endpoint. A create gets an event id derived from its idempotency key, so a
 * repeated create meets 409 and takes the event it already made (restoring it if it was deleted since). Updates put
 * the last listed copy of the event back with only the named fields changed, under If-Match on the expected etag
 * (412 answers Stale, never a blind overwrite). Nothing ever notifies attendees ({@code sendUpdates=none}).
 *
 * <p>Tasks cannot carry a client id nor hidden properties, so a task create is made idempotent differently: the task
 * names its key on the last line of its notes (read back as its origin, so a run after a crash adopts it, rule R8);
 * this instance remembers the task each key made, and when an insert's answer was lost, the retry first looks for a
 * task with the same title, notes and due date updated in the last minutes and adopts it instead of inserting again.
 */
final class GoogleApiCalendar implements GoogleCalendar {
    private static final Logger log = LoggerFactory.getLogger(GoogleApiCalendar.class);
    private static final int EVENT_PAGE = 2500;
    /** Bound on the pages of one series' instances read for its cancelled occurrences (D34). */
    private static final int MAX_INSTANCE_PAGES = 2;
    private static final int TASK_PAGE = 100;
    private static final int RAW_CACHE_LIMIT = 200_000;
    private static final String TASKS_SOURCE = "tasks:";

    private final Calendar calendar;
    private final Tasks tasks;
    private final GoogleCalls calls;
    private final SyncSettings settings;
    /** The chosen task lists; the first receives new tasks. */
    private final List<String> taskLists;
    /** Which list holds each task seen (a task id does not name its list, D29). */
    private final Map<String, String> taskHome = new ConcurrentHashMap<>();
    /** Own titles of tasks seen, by id: a subtask's title names its parent's. */
    private final Map<String, String> taskTitles = new ConcurrentHashMap<>();
    private final Duration tasksOverlap;
    private final int batchSize;
    private final Clock clock;
    private final GoogleEventMapper events;
    private final GoogleTaskMapper taskMapper;
    /** The raw resources as last seen, so an update keeps what gsync does not model. */
    private final Map<ExternalId, Event> rawEvents = lru();
    /** D34: series id -> starts of its occurrences cancelled on their own, as last read. */
    private final Map<ExternalId, java.util.List<EventDateTime>> cancelledOccurrences = lru();
    private final Map<ExternalId, Task> rawTasks = lru();
    private final Map<String, Seq<Integer>> defaultReminders = new ConcurrentHashMap<>();
    private final Map<IdempotencyKey, ExternalId> tasksCreated = new ConcurrentHashMap<>();
    /** Whether the user may write each calendar: its access role, read once per adapter (one adapter per run). */
    private final Map<String, Boolean> writableCalendars = new ConcurrentHashMap<>();

    GoogleApiCalendar(Calendar calendar, Tasks tasks, GoogleCalls calls, SyncSettings settings, GoogleConfig config, Clock clock) {
        this.calendar = calendar;
        this.tasks = tasks;
        this.calls = calls;
        this.settings = settings;
        // the configured list stands for "@default" (deployments that set google.taskList keep their list)
        this.taskLists = List.ofAll(settings.googleTaskLists()).map(l -> l.equals(SyncSettings.DEFAULT_TASK_LIST) ? config.taskList() : l).distinct();
        this.taskMapper = new GoogleTaskMapper(clock, settings.zone());
        this.tasksOverlap = config.tasksOverlap();
        this.batchSize = config.batchSize();
        this.clock = clock;
        this.events = new GoogleEventMapper(settings.zone());
    }

    @Override
    public int batchSize() {
        return batchSize;
    }

    @Override
    public Set<Field> fieldsHeld(ItemKind kind) {
        return kind == ItemKind.EVENT ? GoogleEventMapper.HELD : GoogleTaskMapper.HELD;
    }

    /** Values reading changed on the way (a description's HTML cleaned) since the last call, each once. */
    @Override
    public Seq<dev.gsync.core.port.Notice> notices() {
        return events.drainNotices();
    }

    /** Requests sent so far (a batch is one) and API calls made (a batch of n is n). */
    long httpRequests() {
        return calls.httpRequests();
    }

    long apiCalls() {
        return calls.apiCalls();
    }

    // ================================================================== reading

    @Override
    public Either<CalendarFailure, ChangePage> changesSince(Cursor cursor) {
        return GoogleCursor.decode(cursor)
                .<CalendarFailure>mapLeft(CalendarFailure.CursorExpired::new)
                .flatMap(this::nextPage);
    }

    private List<String> sources() {
        List<String> sources = settings.kinds().contains(ItemKind.EVENT) ? settings.googleCalendars().toList().map(c -> "cal:" + c) : List.empty();
        return settings.kinds().contains(ItemKind.TASK) ? sources.appendAll(taskLists.map(l -> TASKS_SOURCE + l)) : sources;
    }

    private Either<CalendarFailure, ChangePage> nextPage(GoogleCursor before) {
        List<String> sources = sources();
        if (sources.isEmpty()) return Either.right(new ChangePage(List.empty(), before.encode(), false));
        GoogleCursor state = before.copy();
        int index = state.source == null ? 0 : sources.indexOf(state.source);
        if (index < 0) {   // the chosen calendars changed in the middle of a round: begin the round again
            index = 0;
            state.pageToken = null;
            state.query = null;
        }
        String source = sources.get(index);
        state.source = source;
        Either<CalendarFailure, Seq<Change>> page = source.startsWith(TASKS_SOURCE) ? taskPage(source.substring(TASKS_SOURCE.length()), state) : eventPage(source.substring(4), state);
        int current = index;
        return page.map(changes -> {
            boolean more = true;
            if (state.pageToken == null) {          // this source is done for the round
                state.query = null;
                if (current + 1 < sources.size()) {
                    state.source = sources.get(current + 1);
                } else {
                    state.source = null;
                    more = false;
                }
            }
            return new ChangePage(changes, state.encode(), more);
        });
    }

    private Either<CalendarFailure, Seq<Change>> eventPage(String calendarId, GoogleCursor state) {
        String syncToken = state.pageToken != null ? emptyToNull(state.query) : state.syncTokens.get(calendarId);
        String pageToken = state.pageToken;
        Either<CallError, Events> answer = calls.call(() -> calendar.events().list(calendarId)
                .setMaxResults(EVENT_PAGE).setShowDeleted(true).setSingleEvents(false)
                .setSyncToken(syncToken).setPageToken(pageToken).execute());
        if (answer.isLeft()) {
            CallError error = answer.getLeft();
            if (error.code() == 410) {
                return Either.left(new CalendarFailure.CursorExpired("the sync token of calendar " + calendarId + " is no longer valid (" + error.reason() + ")"));
            }
            return Either.left(error.toFailure(null));
        }
        Events listed = answer.get();
        noteAccessRole(calendarId, listed.getAccessRole());
        if (listed.getDefaultReminders() != null) {
            defaultReminders.put(calendarId, List.ofAll(listed.getDefaultReminders()).map(EventReminder::getMinutes).filter(m -> m != null).distinct().sorted());
        }
        Seq<Integer> defaults = defaultReminders(calendarId);
        java.util.List<Change> changes = new ArrayList<>();
        java.util.List<Event> items = listed.getItems() == null ? java.util.List.of() : listed.getItems();
        java.util.Set<String> onPage = new java.util.HashSet<>();
        java.util.Map<String, java.util.List<EventDateTime>> cancelledOnPage = new java.util.LinkedHashMap<>();
        for (Event event : items) {
            onPage.add(event.getId());
            if ("cancelled".equals(event.getStatus()) && event.getRecurringEventId() != null) {
                java.util.List<EventDateTime> starts = cancelledOnPage.computeIfAbsent(event.getRecurringEventId(), s -> new ArrayList<>());
                if (event.getOriginalStartTime() != null) starts.add(event.getOriginalStartTime());
            }
        }
        // D34: a full listing in one page (most calendars: up to 2500 items) holds every cancelled instance
        // (showDeleted), so its series need no events.instances call; other pages cannot know what the rest holds
        boolean wholeCalendar = syncToken == null && pageToken == null && listed.getNextPageToken() == null;
        for (Event event : items) {
            try {
                Either<CallError, Event> read = !isLiveSeries(event) ? Either.right(event)
                        : wholeCalendar ? Either.right(withKnownCancelled(calendarId, event, cancelledOnPage.getOrDefault(event.getId(), java.util.List.of())))
                        : withCancelledOccurrences(calendarId, event);
                if (read.isLeft()) return Either.left(read.getLeft().toFailure(null));
                Change change = events.toChange(calendarId, read.get(), defaults);
                if (change instanceof Change.Upserted) rawEvents.put(change.id(), event);
                else rawEvents.remove(change.id());
                changes.add(change);
            } catch (RuntimeException e) {   // one malformed event must not stop the others
                log.warn("skipping Google event {} of calendar {}: {}", event.getId(), calendarId, e.getMessage());
            }
        }
        // D34: an occurrence deleted on its own is a cancelled instance; its series is reported with it as an EXDATE
        for (String seriesId : cancelledOnPage.keySet()) {
            if (wholeCalendar || onPage.contains(seriesId)) continue;   // the whole calendar: a live series is on the page
            Either<CallError, Event> master = calls.call(() -> calendar.events().get(calendarId, seriesId).execute());
            if (master.isLeft() && (master.getLeft().code() == 404 || master.getLeft().code() == 410)) continue;
            if (master.isLeft()) return Either.left(master.getLeft().toFailure(null));
            if (!isLiveSeries(master.get())) continue;
            Either<CallError, Event> read = withCancelledOccurrences(calendarId, master.get());
            if (read.isLeft()) return Either.left(read.getLeft().toFailure(null));
            try {
                Change change = events.toChange(calendarId, read.get(), defaults);
                rawEvents.put(change.id(), master.get());
                changes.add(change);
            } catch (RuntimeException e) {
                log.warn("skipping Google event {} of calendar {}: {}", seriesId, calendarId, e.getMessage());
            }
        }
        state.pageToken = listed.getNextPageToken();
        if (state.pageToken != null) {
            state.query = syncToken == null ? "" : syncToken;
        } else if (listed.getNextSyncToken() != null) {
            state.syncTokens.put(calendarId, listed.getNextSyncToken());
        } else {
            state.syncTokens.remove(calendarId);   // no token given: list this calendar fully next time
        }
        return Either.right(List.ofAll(changes));
    }

    private Either<CalendarFailure, Seq<Change>> taskPage(String taskList, GoogleCursor state) {
        String listMark = state.tasksMarks.getOrDefault(taskList, state.tasksMark);   // tasksMark: a cursor from before lists could be chosen
        String updatedMin = state.pageToken != null
                ? emptyToNull(state.query)
                : Option.of(listMark).map(m -> Instant.parse(m).minus(tasksOverlap).toString()).getOrNull();
        String pageToken = state.pageToken;
        Either<CallError, com.google.api.services.tasks.model.Tasks> answer = calls.call(() -> tasks.tasks().list(taskList)
                .setShowDeleted(true).setShowHidden(true).setShowCompleted(true).setMaxResults(TASK_PAGE)
                .setUpdatedMin(updatedMin).setPageToken(pageToken).execute());
        if (answer.isLeft()) return Either.left(answer.getLeft().toFailure(null));
        com.google.api.services.tasks.model.Tasks listed = answer.get();
        Instant mark = Option.of(listMark).map(Instant::parse).getOrElse(Instant.EPOCH);
        java.util.List<Change> changes = new ArrayList<>();
        java.util.List<Task> items = listed.getItems() == null ? java.util.List.of() : listed.getItems();
        items.forEach(task -> learn(taskList, task));
        for (Task task : items) {
            try {
                Instant updated = task.getUpdated() == null ? Instant.EPOCH : GoogleTaskMapper.instant(task.getUpdated());
                String seenAs = updated.toString() + "|" + task.getEtag();
                if (seenAs.equals(state.tasksSeen.get(task.getId()))) continue;   // reported by the previous poll
                state.tasksSeen.put(task.getId(), seenAs);
                if (updated.isAfter(mark)) mark = updated;
                if (Boolean.TRUE.equals(task.getDeleted()) && !taskList.equals(taskHome.getOrDefault(task.getId(), taskList)))
                    continue;   // a trace left where it was moved from: the task lives on in another list
                Option<Change> change = taskMapper.toChange(task, parentTitle(taskList, task));
                ExternalId id = GoogleIds.task(task.getId());
                if (change.isDefined() && change.get() instanceof Change.Upserted) rawTasks.put(id, task);
                else rawTasks.remove(id);
                change.forEach(changes::add);
            } catch (RuntimeException e) {
                log.warn("skipping Google task {}: {}", task.getId(), e.getMessage());
            }
        }
        if (!mark.equals(Instant.EPOCH)) state.tasksMarks.put(taskList, mark.toString());
        Instant keepFrom = mark.minus(tasksOverlap);
        state.tasksSeen.values().removeIf(seen -> Instant.parse(seen.substring(0, seen.indexOf('|'))).isBefore(keepFrom));
        state.pageToken = listed.getNextPageToken();
        if (state.pageToken != null) state.query = updatedMin == null ? "" : updatedMin;
        return Either.right(List.ofAll(changes));
    }

    /**
     * R11: the events of each chosen calendar that meet [from, until), read with {@code timeMin}/{@code timeMax}
     * (a day wider, for all-day events), and the tasks due then ({@code dueMin}/{@code dueMax}): a range query, so
     * the cost follows the days that entered the horizon, not the calendar's size. Series are listed once, as
     * series ({@code singleEvents=false}).
     */
    @Override
    public Either<CalendarFailure, Seq<Change.Upserted>> startingBetween(Instant from, Instant until) {
        com.google.api.client.util.DateTime min = new com.google.api.client.util.DateTime(from.minus(Duration.ofDays(1)).toEpochMilli());
        com.google.api.client.util.DateTime max = new com.google.api.client.util.DateTime(until.plus(Duration.ofDays(1)).toEpochMilli());
        java.util.List<Change.Upserted> found = new ArrayList<>();
        for (String source : sources()) {
            String pageToken = null;
            for (int page = 0; page < 100_000; page++) {
                String token = pageToken;
                if (source.startsWith(TASKS_SOURCE)) {
                    String taskList = source.substring(TASKS_SOURCE.length());
                    Either<CallError, com.google.api.services.tasks.model.Tasks> answer = calls.call(() -> tasks.tasks().list(taskList)
                            .setShowCompleted(true).setShowHidden(true).setMaxResults(TASK_PAGE)
                            .setDueMin(min.toStringRfc3339()).setDueMax(max.toStringRfc3339()).setPageToken(token).execute());
                    if (answer.isLeft()) return Either.left(answer.getLeft().toFailure(null));
                    java.util.List<Task> listed = answer.get().getItems() == null ? java.util.List.of() : answer.get().getItems();
                    listed.forEach(task -> learn(taskList, task));
                    for (Task task : listed) {
                        Option<Change> change = taskMapper.toChange(task, parentTitle(taskList, task));
                        if (change.isDefined() && change.get() instanceof Change.Upserted u) {
                            rawTasks.put(u.id(), task);
                            found.add(u);
                        }
                    }
                    pageToken = answer.get().getNextPageToken();
                } else {
                    String calendarId = source.substring(4);
                    Either<CallError, Events> answer = calls.call(() -> calendar.events().list(calendarId)
                            .setMaxResults(EVENT_PAGE).setSingleEvents(false).setTimeMin(min).setTimeMax(max).setPageToken(token).execute());
                    if (answer.isLeft()) return Either.left(answer.getLeft().toFailure(null));
                    noteAccessRole(calendarId, answer.get().getAccessRole());
                    for (Event event : answer.get().getItems() == null ? java.util.List.<Event>of() : answer.get().getItems()) {
                        try {
                            Either<CallError, Event> read = isLiveSeries(event) ? withCancelledOccurrences(calendarId, event) : Either.right(event);
                            if (read.isLeft()) return Either.left(read.getLeft().toFailure(null));
                            if (events.toChange(calendarId, read.get(), defaultReminders(calendarId)) instanceof Change.Upserted u) {
                                rawEvents.put(u.id(), event);
                                found.add(u);
                            }
                        } catch (RuntimeException e) {   // one malformed event must not stop the others
                            log.warn("skipping Google event {} of calendar {}: {}", event.getId(), calendarId, e.getMessage());
                        }
                    }
                    pageToken = answer.get().getNextPageToken();
                }
                if (pageToken == null) break;
            }
        }
        return Either.right(List.ofAll(found));
    }

    /** R10: an event of a calendar the user no longer chose (or a task of another list) is not ours to sync now. */
    @Override
    public boolean covers(ExternalId id) {
        return GoogleIds.parse(id).map(ref -> ref.isTask()
                        ? (ref.container().isEmpty() ? Option.of(taskHome.get(ref.itemId())).map(taskLists::contains).getOrElse(true) : taskLists.contains(ref.container()))
                        : settings.googleCalendars().contains(ref.container()))
                .getOrElse(true);
    }

    @Override
    public Either<CalendarFailure, Option<Change.Upserted>> get(ExternalId id) {
        Either<String, GoogleIds.Ref> parsed = GoogleIds.parse(id);
        if (parsed.isLeft()) return Either.right(Option.none());
        GoogleIds.Ref ref = parsed.get();
        if (ref.isTask()) {
            Option<GoogleIds.Ref> located = locateTask(ref);
            if (located.isEmpty()) return Either.right(Option.none());
            Either<CallError, Task> answer = calls.call(() -> tasks.tasks().get(located.get().container(), ref.itemId()).execute());
            if (answer.isLeft()) return goneOrFailure(answer.getLeft(), id);
            Task task = answer.get();
            learn(located.get().container(), task);
            rawTasks.put(GoogleIds.task(task.getId()), task);
            return Either.right(taskMapper.toChange(task, parentTitle(located.get().container(), task))
                    .filter(c -> c instanceof Change.Upserted).map(c -> (Change.Upserted) c));
        }
        Either<CallError, Event> answer = calls.call(() -> calendar.events().get(ref.container(), ref.itemId()).execute());
        if (answer.isLeft()) return goneOrFailure(answer.getLeft(), id);
        Event event = answer.get();
        if ("cancelled".equals(event.getStatus())) return Either.right(Option.none());
        Either<CallError, Event> read = isLiveSeries(event) ? withCancelledOccurrences(ref.container(), event) : Either.right(event);
        if (read.isLeft()) return Either.left(read.getLeft().toFailure(id));
        rawEvents.put(id, event);
        return Either.right(Option.of((Change.Upserted) events.toChange(ref.container(), read.get(), defaultReminders(ref.container()))));
    }

    private static boolean isLiveSeries(Event event) {
        return !"cancelled".equals(event.getStatus()) && event.getRecurringEventId() == null
                && event.getRecurrence() != null && !event.getRecurrence().isEmpty();
    }

    /**
     * D34: a series as the CRM should see it: with an EXDATE for each occurrence deleted on its own in Google (a
     * cancelled instance, which Google does not add to the rule). Costs one {@code events.instances} call per series
     * read (more only past 2500 occurrences); the starts found are remembered for the series' own writes' answers.
     */
    private Either<CallError, Event> withCancelledOccurrences(String calendarId, Event master) {
        java.util.List<EventDateTime> cancelled = new ArrayList<>();
        String pageToken = null;
        for (int page = 0; page < MAX_INSTANCE_PAGES; page++) {
            String token = pageToken;
            Either<CallError, Events> answer = calls.call(() -> calendar.events().instances(calendarId, master.getId())
                    .setShowDeleted(true).setMaxResults(EVENT_PAGE).setPageToken(token).execute());
            if (answer.isLeft()) {
                if (answer.getLeft().code() == 404 || answer.getLeft().code() == 410) return Either.right(master);
                return Either.left(answer.getLeft());
            }
            for (Event instance : answer.get().getItems() == null ? java.util.List.<Event>of() : answer.get().getItems()) {
                if ("cancelled".equals(instance.getStatus()) && instance.getOriginalStartTime() != null) cancelled.add(instance.getOriginalStartTime());
            }
            pageToken = answer.get().getNextPageToken();
            if (pageToken == null) break;
        }
        return Either.right(withKnownCancelled(calendarId, master, cancelled));
    }

    /** The series with its cancelled occurrences as found (remembered for the answers of its writes in this run). */
    private Event withKnownCancelled(String calendarId, Event master, java.util.List<EventDateTime> cancelled) {
        cancelledOccurrences.put(GoogleIds.event(calendarId, master.getId()), cancelled);
        return events.withCancelledOccurrences(master, cancelled);
    }

    /** Remembers where a task lives and its own title (for its subtasks). */
    private void learn(String taskList, Task task) {
        if (task.getId() == null) return;
        if (!Boolean.TRUE.equals(task.getDeleted())) taskHome.put(task.getId(), taskList);
        taskTitles.put(task.getId(), task.getTitle() == null ? "" : task.getTitle());
    }

    /** A subtask's parent's title: seen already, or read (one call per parent per run). */
    private Option<String> parentTitle(String taskList, Task task) {
        if (task.getParent() == null) return Option.none();
        String known = taskTitles.get(task.getParent());
        if (known != null) return Option.some(known);
        Either<CallError, Task> parent = calls.call(() -> tasks.tasks().get(taskList, task.getParent()).execute());
        if (parent.isLeft()) return Option.none();
        learn(taskList, parent.get());
        return Option.of(parent.get().getTitle());
    }

    /** The task's list: named by an old-form id, seen while listing, or looked up in each chosen list. */
    private Option<GoogleIds.Ref> locateTask(GoogleIds.Ref ref) {
        if (!ref.container().isEmpty()) return Option.some(ref);
        String home = taskHome.get(ref.itemId());
        if (home != null) return Option.some(new GoogleIds.Ref(true, home, ref.itemId()));
        for (String list : taskLists) {
            Either<CallError, Task> answer = calls.call(() -> tasks.tasks().get(list, ref.itemId()).execute());
            if (answer.isRight() && !Boolean.TRUE.equals(answer.get().getDeleted())) {
                learn(list, answer.get());
                return Option.some(new GoogleIds.Ref(true, list, ref.itemId()));
            }
        }
        return Option.none();
    }

    private static <T> Either<CalendarFailure, Option<T>> goneOrFailure(CallError error, ExternalId id) {
        if (error.code() == 404 || error.code() == 410) return Either.right(Option.none());
        return Either.left(error.toFailure(id));
    }

    // ================================================================== writing

    /**
     * Events of a calendar the user may only read (accessRole reader or freeBusyReader) may not be written; nor, from
     * then on, those of a calendar whose write Google refused with 403 requiredAccessLevel. Tasks are always the
     * user's own. The role comes from Google in this run (a share can be downgraded at any time): from the events.list
     * answers the run reads anyway, or, for a calendar not listed in this run, from calendarList.get.
     */
    @Override
    public boolean mayWrite(ExternalId id) {
        return GoogleIds.parse(id).map(ref -> ref.isTask() || writableCalendars.computeIfAbsent(ref.container(), this::readAccessRole)).getOrElse(true);
    }

    /** events.list says the user's role on the calendar: no separate call needed. A refusal seen earlier stands. */
    private void noteAccessRole(String calendarId, String role) {
        if (role != null) writableCalendars.merge(calendarId, mayWriteAs(role), Boolean::logicalAnd);
    }

    private static boolean mayWriteAs(String role) {
        return !"reader".equals(role) && !"freeBusyReader".equals(role);
    }

    private boolean readAccessRole(String calendarId) {
        try {
            return mayWriteAs(calendar.calendarList().get(calendarId).execute().getAccessRole());
        } catch (IOException | RuntimeException e) {
            // unknown: let the write try; a refusal then marks the calendar read-only
            log.debug("access role of calendar {} unknown: {}", calendarId, e.toString());
            return true;
        }
    }

    @Override
    public Seq<Either<CalendarFailure, Written>> write(Seq<Write> writes) {
        try {
            Seq<Either<CalendarFailure, Written>> answers = calls.runBatched(writes.map(this::firstStep));
            for (var answer : writes.zip(answers)) {
                if (answer._2.isLeft() && answer._2.getLeft() instanceof CalendarFailure.Rejected rejected
                        && rejected.reason().contains("requiredAccessLevel")) {
                    ExternalId id = answer._1 instanceof Write.Update u ? u.id() : answer._1 instanceof Write.Delete d ? d.id() : null;
                    if (id != null) GoogleIds.parse(id).forEach(ref -> { if (!ref.isTask()) writableCalendars.put(ref.container(), false); });
                }
            }
            return answers;
        } catch (RuntimeException e) {   // a bug must not take the run down with an exception through the port
            log.error("Google write failed unexpectedly", e);
            return writes.map(w -> Either.left(new CalendarFailure.Unavailable("unexpected: " + e)));
        }
    }

    private Step firstStep(Write write) {
        if (write instanceof Write.Create create) {
            if (create.item().kind() == ItemKind.TASK) return new InsertTask(create.item(), create.key(), false);
            if (create.item().series().isDefined()) return exceptionOf(create);
            String calendarId = settings.googleCalendars().head();
            return new InsertEvent(calendarId, GoogleIds.eventIdFor(create.key()), create.item(), create.key());
        }
        if (write instanceof Write.Update update) {
            Either<String, GoogleIds.Ref> ref = GoogleIds.parse(update.id());
            if (ref.isLeft()) return new Finished(new CalendarFailure.NotFound(update.id()));
            if (ref.get().isTask() != (update.item().kind() == ItemKind.TASK)) {
                return new Finished(new CalendarFailure.Rejected("a " + update.item().kind() + " cannot update " + update.id()));
            }
            if (!ref.get().isTask()) return updateEvent(ref.get(), update);
            Option<GoogleIds.Ref> located = locateTask(ref.get());
            return located.isEmpty() ? new Finished(new CalendarFailure.NotFound(update.id())) : updateTask(located.get(), update);
        }
        if (write instanceof Write.Delete delete) {
            Either<String, GoogleIds.Ref> ref = GoogleIds.parse(delete.id());
            if (ref.isLeft()) return new Finished(new Written.Deleted(delete.id()));   // never ours: nothing to delete
            if (!ref.get().isTask()) return new DeleteItem(ref.get(), delete.id(), delete.expected(), false);
            Option<GoogleIds.Ref> located = locateTask(ref.get());
            return located.isEmpty() ? new Finished(new Written.Deleted(delete.id())) : new DeleteItem(located.get(), delete.id(), delete.expected(), false);
        }
        throw new AssertionError(write);
    }

    /**
     * A changed occurrence made in the CRM: Google has no insert for it; the occurrence is addressed by its instance id
     * ({@code <series>_<original start, UTC>} or {@code <series>_<date>}) and written with update, which turns it into
     * an exception. Repeating that is harmless, so it is idempotent without a client id.
     */
    private Step exceptionOf(Write.Create create) {
        SeriesOrigin origin = create.item().series().get();
        Either<String, GoogleIds.Ref> series = GoogleIds.parse(origin.series());
        if (series.isLeft() || series.get().isTask()) return new Finished(new CalendarFailure.Rejected("not a Google series: " + origin.series()));
        String suffix = create.item().timing() instanceof Timing.AllDay
                ? DateTimeFormatter.BASIC_ISO_DATE.format(origin.originalStart().atZone(ZoneOffset.UTC).toLocalDate())
                : DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").format(origin.originalStart().atZone(ZoneOffset.UTC));
        return new GetOccurrence(series.get().container(), series.get().itemId() + "_" + suffix, create);
    }

    private final class GetOccurrence implements Step {
        final String calendarId;
        final String instanceId;
        final Write.Create create;

        GetOccurrence(String calendarId, String instanceId, Write.Create create) {
            this.calendarId = calendarId;
            this.instanceId = instanceId;
            this.create = create;
        }

        public AbstractGoogleJsonClient client() { return calendar; }

        public ExternalId id() { return GoogleIds.event(calendarId, instanceId); }

        public AbstractGoogleJsonClientRequest<?> request() throws IOException {
            return calendar.events().get(calendarId, instanceId);
        }

        public Outcome onSuccess(Object result) {
            Event occurrence = (Event) result;
            Option<IdempotencyKey> owner = GoogleEventMapper.origin(occurrence);
            if (owner.isDefined() && !owner.contains(create.key())) {
                // an occurrence not yet changed carries its series' key (Google copies the master's properties):
                // only a key of its own means it already mirrors another record
                if (occurrence.getRecurringEventId() != null) return new Outcome.Next(new GetMaster(this, occurrence, owner.get()));
                return fail(new CalendarFailure.Rejected("occurrence " + instanceId + " already mirrors " + owner.get()));
            }
            return new Outcome.Next(new PutOccurrence(this, occurrence));
        }

        public Outcome onError(CallError error) {
            if (error.code() == 404 || error.code() == 410) {
                return fail(new CalendarFailure.Rejected("the series has no occurrence " + instanceId + " (moved, ended or deleted)"));
            }
            if (error.isTransient()) return new Outcome.Again(error, this);
            return fail(error.toFailure(null));
        }
    }

    /** Reads the series' master, to tell a key the occurrence inherited from one it was given. */
    private final class GetMaster implements Step {
        final GetOccurrence get;
        final Event occurrence;
        final IdempotencyKey owner;

        GetMaster(GetOccurrence get, Event occurrence, IdempotencyKey owner) {
            this.get = get;
            this.occurrence = occurrence;
            this.owner = owner;
        }

        public AbstractGoogleJsonClient client() { return calendar; }

        public ExternalId id() { return get.id(); }

        public AbstractGoogleJsonClientRequest<?> request() throws IOException {
            return calendar.events().get(get.calendarId, occurrence.getRecurringEventId());
        }

        public Outcome onSuccess(Object result) {
            if (GoogleEventMapper.origin((Event) result).contains(owner)) return new Outcome.Next(new PutOccurrence(get, occurrence));
            return fail(new CalendarFailure.Rejected("occurrence " + get.instanceId + " already mirrors " + owner));
        }

        public Outcome onError(CallError error) {
            if (error.isTransient()) return new Outcome.Again(error, this);
            return fail(error.toFailure(null));
        }
    }

    private final class PutOccurrence implements Step {
        final GetOccurrence get;
        final Event occurrence;

        PutOccurrence(GetOccurrence get, Event occurrence) {
            this.get = get;
            this.occurrence = occurrence;
        }

        public AbstractGoogleJsonClient client() { return calendar; }

        public ExternalId id() { return get.id(); }

        public AbstractGoogleJsonClientRequest<?> request() throws IOException {
            Event changed = GoogleEventMapper.withKey(events.merge(occurrence, get.create.item(), GoogleEventMapper.HELD.remove(Field.RECURRENCE),
                    defaultReminders(get.calendarId)), get.create.key());
            Calendar.Events.Update update = calendar.events().update(get.calendarId, get.instanceId, changed).setSendUpdates("none").setConferenceDataVersion(1);
            return occurrence.getEtag() == null ? update : ifMatch(update, occurrence.getEtag());
        }

        public Outcome onSuccess(Object result) { return ok(savedEvent(get.calendarId, (Event) result)); }

        public Outcome onError(CallError error) {
            if (error.code() == 412 || error.isTransient()) return new Outcome.Again(error, get);   // read it again, then write
            return fail(error.toFailure(null));
        }
    }

    private Step updateEvent(GoogleIds.Ref ref, Write.Update update) {
        Event cached = rawEvents.get(update.id());
        if (cached != null && update.expected().value().equals(cached.getEtag())) return new PutEvent(ref, update, cached, false);
        return new GetEventForUpdate(ref, update);
    }

    private Step updateTask(GoogleIds.Ref ref, Write.Update update) {
        Task cached = rawTasks.get(update.id());
        if (cached != null && update.expected().value().equals(cached.getEtag())) return new PutTask(ref, update, cached);
        return new GetTaskForUpdate(ref, update);
    }

    private Seq<Integer> defaultReminders(String calendarId) {
        return defaultReminders.getOrDefault(calendarId, List.empty());
    }

    private Written.Saved savedEvent(String calendarId, Event event) {
        ExternalId id = GoogleIds.event(calendarId, event.getId());
        rawEvents.put(id, event);
        // D34: the series as it is read, with the occurrences cancelled on their own
        Event stored = event;
        if (isLiveSeries(event)) {
            java.util.List<EventDateTime> known = cancelledOccurrences.get(id);
            stored = known != null ? events.withCancelledOccurrences(event, known)
                    : withCancelledOccurrences(calendarId, event).getOrElse(event);   // not read this run: one call
        }
        return new Written.Saved(id, Version.of(event.getEtag()), events.toItem(calendarId, stored, defaultReminders(calendarId)));
    }

    private Either<CalendarFailure, Written> savedTask(String listId, Task task) {
        ExternalId id = GoogleIds.task(task.getId());
        rawTasks.put(id, task);
        learn(listId, task);
        return Either.right(new Written.Saved(id, Version.of(task.getEtag()), taskMapper.toItem(task, parentTitle(listId, task))));
    }

    private static <T extends AbstractGoogleJsonClientRequest<?>> T ifMatch(T request, String etag) {
        request.setRequestHeaders(new HttpHeaders().setIfMatch(etag));
        return request;
    }

    private static Outcome fail(CalendarFailure failure) {
        return Step.done(Either.left(failure));
    }

    private static Outcome ok(Written written) {
        return Step.done(Either.right(written));
    }

    /** A write decided before any call (a malformed id, an unsupported case). */
    private static final class Finished implements Step {
        private final Either<CalendarFailure, Written> result;

        Finished(CalendarFailure failure) { this.result = Either.left(failure); }

        Finished(Written written) { this.result = Either.right(written); }

        public AbstractGoogleJsonClient client() { throw new IllegalStateException("never sent"); }

        public AbstractGoogleJsonClientRequest<?> request() { throw new IllegalStateException("never sent"); }

        public Outcome onSuccess(Object result) { throw new IllegalStateException("never sent"); }

        public Outcome onError(CallError error) { throw new IllegalStateException("never sent"); }

        public Option<Outcome> beforeSend() { return Option.of(Step.done(result)); }
    }

    // ------------------------------------------------------------------ event steps

    /** Insert under the id the key gives; 409 means it exists already (made by an earlier try of this create). */
    private final class InsertEvent implements Step {
        final String calendarId;
        final String eventId;
        final CalendarItem item;
        final IdempotencyKey key;

        InsertEvent(String calendarId, String eventId, CalendarItem item, IdempotencyKey key) {
            this.calendarId = calendarId;
            this.eventId = eventId;
            this.item = item;
            this.key = key;
        }

        public AbstractGoogleJsonClient client() { return calendar; }

        public ExternalId id() { return GoogleIds.event(calendarId, eventId); }

        public AbstractGoogleJsonClientRequest<?> request() throws IOException {
            Event event = events.toNewEvent(item, Option.of(key), defaultReminders(calendarId)).setId(eventId);
            return calendar.events().insert(calendarId, event).setSendUpdates("none");
        }

        public Outcome onSuccess(Object result) {
            // D34: an event just made has no cancelled occurrences: its answer needs no events.instances call
            cancelledOccurrences.put(GoogleIds.event(calendarId, ((Event) result).getId()), java.util.List.of());
            return ok(savedEvent(calendarId, (Event) result));
        }

        public Outcome onError(CallError error) {
            if (error.code() == 409) return new Outcome.Next(new FetchExisting(this));
            // no answer: the insert may have been applied (a lost answer). Read first (one call; 404 → insert again)
            // rather than insert again, meet 409 and then read (two calls)
            if (error.code() == 0 && error.isTransient()) return new Outcome.Again(error, new FetchExisting(this));
            if (error.isTransient()) return new Outcome.Again(error, this);
            return fail(error.toFailure(null));
        }
    }

    /** After a 409: the event made by an earlier try; restored if it was deleted since. */
    private final class FetchExisting implements Step {
        final InsertEvent insert;

        FetchExisting(InsertEvent insert) { this.insert = insert; }

        public AbstractGoogleJsonClient client() { return calendar; }

        public ExternalId id() { return insert.id(); }

        public AbstractGoogleJsonClientRequest<?> request() throws IOException {
            return calendar.events().get(insert.calendarId, insert.eventId);
        }

        public Outcome onSuccess(Object result) {
            Event existing = (Event) result;
            Option<IdempotencyKey> origin = GoogleEventMapper.origin(existing);
            if (!origin.contains(insert.key)) {
                return fail(new CalendarFailure.Rejected("event id " + insert.eventId + " is taken by an event gsync did not create with key " + insert.key));
            }
            if ("cancelled".equals(existing.getStatus())) return new Outcome.Next(new RestoreEvent(insert, existing));
            return ok(savedEvent(insert.calendarId, existing));
        }

        public Outcome onError(CallError error) {
            if (error.code() == 404) return new Outcome.Next(insert);   // purged meanwhile: insert again
            if (error.isTransient()) return new Outcome.Again(error, this);
            return fail(error.toFailure(null));
        }
    }

    /** A create whose event was deleted since: undeleted with the item's fields, under If-Match. */
    private final class RestoreEvent implements Step {
        final InsertEvent insert;
        final Event cancelled;

        RestoreEvent(InsertEvent insert, Event cancelled) {
            this.insert = insert;
            this.cancelled = cancelled;
        }

        public AbstractGoogleJsonClient client() { return calendar; }

        public ExternalId id() { return insert.id(); }

        public AbstractGoogleJsonClientRequest<?> request() throws IOException {
            Event revived = GoogleEventMapper.withKey(events.merge(cancelled, insert.item, GoogleEventMapper.HELD, defaultReminders(insert.calendarId)), insert.key);
            return ifMatch(calendar.events().update(insert.calendarId, insert.eventId, revived)
                    .setSendUpdates("none").setConferenceDataVersion(1), cancelled.getEtag());
        }

        public Outcome onSuccess(Object result) { return ok(savedEvent(insert.calendarId, (Event) result)); }

        public Outcome onError(CallError error) {
            if (error.code() == 412) return new Outcome.Next(new FetchExisting(insert));   // changed meanwhile: look again
            if (error.isTransient()) return new Outcome.Again(error, new FetchExisting(insert));
            return fail(error.toFailure(null));
        }
    }

    /** The event was not cached at the expected version: read it first (its etag must still be the expected one). */
    private final class GetEventForUpdate implements Step {
        final GoogleIds.Ref ref;
        final Write.Update update;

        GetEventForUpdate(GoogleIds.Ref ref, Write.Update update) {
            this.ref = ref;
            this.update = update;
        }

        public AbstractGoogleJsonClient client() { return calendar; }

        public ExternalId id() { return update.id(); }

        public AbstractGoogleJsonClientRequest<?> request() throws IOException {
            return calendar.events().get(ref.container(), ref.itemId());
        }

        public Outcome onSuccess(Object result) {
            Event current = (Event) result;
            if ("cancelled".equals(current.getStatus())) return fail(new CalendarFailure.NotFound(update.id()));
            rawEvents.put(update.id(), current);
            if (!update.expected().value().equals(current.getEtag())) return fail(new CalendarFailure.Stale(update.id()));
            return new Outcome.Next(new PutEvent(ref, update, current, false));
        }

        public Outcome onError(CallError error) {
            if (error.code() == 404 || error.code() == 410) return fail(new CalendarFailure.NotFound(update.id()));
            if (error.isTransient()) return new Outcome.Again(error, this);
            return fail(error.toFailure(update.id()));
        }
    }

    /** The full event back with only the named fields changed, If-Match the expected etag. */
    private final class PutEvent implements Step {
        final GoogleIds.Ref ref;
        final Write.Update update;
        final Event base;
        final boolean repeated;

        PutEvent(GoogleIds.Ref ref, Write.Update update, Event base, boolean repeated) {
            this.ref = ref;
            this.update = update;
            this.base = base;
            this.repeated = repeated;
        }

        public AbstractGoogleJsonClient client() { return calendar; }

        public ExternalId id() { return update.id(); }

        public AbstractGoogleJsonClientRequest<?> request() throws IOException {
            Event merged = events.merge(base, update.item(), update.fields(), defaultReminders(ref.container()));
            return ifMatch(calendar.events().update(ref.container(), ref.itemId(), merged)
                    .setSendUpdates("none").setConferenceDataVersion(1), update.expected().value());
        }

        public Outcome onSuccess(Object result) { return ok(savedEvent(ref.container(), (Event) result)); }

        public Outcome onError(CallError error) {
            if (error.code() == 412 && repeated) return new Outcome.Next(new VerifyUpdate(this));
            if (error.code() == 412) return fail(new CalendarFailure.Stale(update.id()));
            if (error.code() == 404 || error.code() == 410) return fail(new CalendarFailure.NotFound(update.id()));
            if (error.isTransient()) return new Outcome.Again(error, new PutEvent(ref, update, base, true));
            return fail(error.toFailure(update.id()));
        }
    }

    /**
     * A repeated update met 412: maybe our own first try was applied and only its answer was lost. If the event now
     * holds exactly what we wrote, the update is done; otherwise someone else changed it: Stale.
     */
    private final class VerifyUpdate implements Step {
        final PutEvent put;

        VerifyUpdate(PutEvent put) { this.put = put; }

        public AbstractGoogleJsonClient client() { return calendar; }

        public ExternalId id() { return put.update.id(); }

        public AbstractGoogleJsonClientRequest<?> request() throws IOException {
            return calendar.events().get(put.ref.container(), put.ref.itemId());
        }

        public Outcome onSuccess(Object result) {
            Event now = (Event) result;
            Seq<Integer> defaults = defaultReminders(put.ref.container());
            CalendarItem held = events.toItem(put.ref.container(), now, defaults);
            CalendarItem wanted = events.toItem(put.ref.container(), events.merge(put.base, put.update.item(), put.update.fields(), defaults), defaults);
            boolean ours = !"cancelled".equals(now.getStatus())
                    && GoogleEventMapper.HELD.forAll(f -> held.canonical(f).equals(wanted.canonical(f)));
            return ours ? ok(savedEvent(put.ref.container(), now)) : fail(new CalendarFailure.Stale(put.update.id()));
        }

        public Outcome onError(CallError error) {
            if (error.isTransient()) return new Outcome.Again(error, this);
            return fail(new CalendarFailure.Stale(put.update.id()));
        }
    }

    /** Delete under If-Match; what is gone already counts as deleted. */
    private final class DeleteItem implements Step {
        final GoogleIds.Ref ref;
        final ExternalId id;
        final Version expected;
        final boolean repeated;

        DeleteItem(GoogleIds.Ref ref, ExternalId id, Version expected, boolean repeated) {
            this.ref = ref;
            this.id = id;
            this.expected = expected;
            this.repeated = repeated;
        }

        public AbstractGoogleJsonClient client() { return ref.isTask() ? tasks : calendar; }

        public ExternalId id() { return id; }

        public AbstractGoogleJsonClientRequest<?> request() throws IOException {
            return ref.isTask()
                    ? ifMatch(tasks.tasks().delete(ref.container(), ref.itemId()), expected.value())
                    : ifMatch(calendar.events().delete(ref.container(), ref.itemId()).setSendUpdates("none"), expected.value());
        }

        public Outcome onSuccess(Object result) {
            forget();
            return ok(new Written.Deleted(id));
        }

        public Outcome onError(CallError error) {
            if (error.code() == 404 || error.code() == 410) return onSuccess(null);
            if (error.code() == 412 && repeated && !ref.isTask()) return new Outcome.Next(new VerifyDeleted(this));
            if (error.code() == 412) return fail(new CalendarFailure.Stale(id));
            if (error.isTransient()) return new Outcome.Again(error, new DeleteItem(ref, id, expected, true));
            return fail(error.toFailure(id));
        }

        void forget() {
            rawEvents.remove(id);
            rawTasks.remove(id);
        }
    }

    /** A repeated delete met 412: done if the event is cancelled now (our first try), else Stale. */
    private final class VerifyDeleted implements Step {
        final DeleteItem delete;

        VerifyDeleted(DeleteItem delete) { this.delete = delete; }

        public AbstractGoogleJsonClient client() { return calendar; }

        public ExternalId id() { return delete.id; }

        public AbstractGoogleJsonClientRequest<?> request() throws IOException {
            return calendar.events().get(delete.ref.container(), delete.ref.itemId());
        }

        public Outcome onSuccess(Object result) {
            return "cancelled".equals(((Event) result).getStatus()) ? delete.onSuccess(null) : fail(new CalendarFailure.Stale(delete.id));
        }

        public Outcome onError(CallError error) {
            if (error.code() == 404 || error.code() == 410) return delete.onSuccess(null);
            if (error.isTransient()) return new Outcome.Again(error, this);
            return fail(error.toFailure(delete.id));
        }
    }

    // ------------------------------------------------------------------ task steps

    /**
     * Insert a task. Its answer may be lost after Google applied it; the repeat then first looks for a task with the
     * same title, notes and due date updated since shortly before, and adopts it.
     */
    private final class InsertTask implements Step {
        final CalendarItem item;
        final IdempotencyKey key;
        final boolean uncertain;
        final Instant since;

        InsertTask(CalendarItem item, IdempotencyKey key, boolean uncertain) {
            this.item = item;
            this.key = key;
            this.uncertain = uncertain;
            this.since = clock.instant().minus(tasksOverlap);
        }

        public AbstractGoogleJsonClient client() { return tasks; }

        public Option<Outcome> beforeSend() {
            ExternalId made = tasksCreated.get(key);
            if (made != null && rawTasks.containsKey(made) && !Boolean.TRUE.equals(rawTasks.get(made).getDeleted())) {
                return Option.of(Step.done(savedTask(taskLists.head(), rawTasks.get(made))));
            }
            if (!uncertain) return Option.none();
            Either<CallError, Option<Task>> found = findTwin();
            if (found.isLeft()) return Option.of(found.getLeft().isTransient() ? new Outcome.Again(found.getLeft(), this) : fail(found.getLeft().toFailure(null)));
            return found.get().map(task -> {
                tasksCreated.put(key, GoogleIds.task(task.getId()));
                return Step.done(savedTask(taskLists.head(), task));
            });
        }

        private Either<CallError, Option<Task>> findTwin() {
            Task wanted = taskMapper.toNewTask(item, key);
            String pageToken = null;
            for (int page = 0; page < 20; page++) {
                String token = pageToken;
                Either<CallError, com.google.api.services.tasks.model.Tasks> answer = calls.call(() -> tasks.tasks().list(taskLists.head())
                        .setShowHidden(true).setShowCompleted(true).setMaxResults(TASK_PAGE)
                        .setUpdatedMin(since.toString()).setPageToken(token).execute());
                if (answer.isLeft()) return Either.left(answer.getLeft());
                for (Task t : answer.get().getItems() == null ? java.util.List.<Task>of() : answer.get().getItems()) {
                    if (!Boolean.TRUE.equals(t.getDeleted()) && same(t.getTitle(), wanted.getTitle()) && same(t.getNotes(), wanted.getNotes())
                            && t.getDue() != null && GoogleTaskMapper.dueDate(t.getDue()).equals(GoogleTaskMapper.dueDate(wanted.getDue()))) {
                        return Either.right(Option.of(t));
                    }
                }
                pageToken = answer.get().getNextPageToken();
                if (pageToken == null) break;
            }
            return Either.right(Option.none());
        }

        public AbstractGoogleJsonClientRequest<?> request() throws IOException {
            return tasks.tasks().insert(taskLists.head(), taskMapper.toNewTask(item, key));
        }

        public Outcome onSuccess(Object result) {
            Task task = (Task) result;
            tasksCreated.put(key, GoogleIds.task(task.getId()));
            return Step.done(savedTask(taskLists.head(), task));
        }

        public Outcome onError(CallError error) {
            if (error.isTransient()) return new Outcome.Again(error, new InsertTask(item, key, true));
            return fail(error.toFailure(null));
        }
    }

    private final class GetTaskForUpdate implements Step {
        final GoogleIds.Ref ref;
        final Write.Update update;

        GetTaskForUpdate(GoogleIds.Ref ref, Write.Update update) {
            this.ref = ref;
            this.update = update;
        }

        public AbstractGoogleJsonClient client() { return tasks; }

        public ExternalId id() { return update.id(); }

        public AbstractGoogleJsonClientRequest<?> request() throws IOException {
            return tasks.tasks().get(ref.container(), ref.itemId());
        }

        public Outcome onSuccess(Object result) {
            Task current = (Task) result;
            if (Boolean.TRUE.equals(current.getDeleted())) return fail(new CalendarFailure.NotFound(update.id()));
            rawTasks.put(update.id(), current);
            if (!update.expected().value().equals(current.getEtag())) return fail(new CalendarFailure.Stale(update.id()));
            return new Outcome.Next(new PutTask(ref, update, current));
        }

        public Outcome onError(CallError error) {
            if (error.code() == 404 || error.code() == 410) return fail(new CalendarFailure.NotFound(update.id()));
            if (error.isTransient()) return new Outcome.Again(error, this);
            return fail(error.toFailure(update.id()));
        }
    }

    private final class PutTask implements Step {
        final GoogleIds.Ref ref;
        final Write.Update update;
        final Task base;

        PutTask(GoogleIds.Ref ref, Write.Update update, Task base) {
            this.ref = ref;
            this.update = update;
            this.base = base;
        }

        public AbstractGoogleJsonClient client() { return tasks; }

        public ExternalId id() { return update.id(); }

        public AbstractGoogleJsonClientRequest<?> request() throws IOException {
            return ifMatch(tasks.tasks().update(ref.container(), ref.itemId(), taskMapper.merge(base, update.item(), update.fields())),
                    update.expected().value());
        }

        public Outcome onSuccess(Object result) { return Step.done(savedTask(ref.container(), (Task) result)); }

        public Outcome onError(CallError error) {
            if (error.code() == 412) return fail(new CalendarFailure.Stale(update.id()));
            if (error.code() == 404 || error.code() == 410) return fail(new CalendarFailure.NotFound(update.id()));
            // a task update sets fields to values: repeating it is harmless
            if (error.isTransient()) return new Outcome.Again(error, new GetTaskForUpdateAfterRetry(this));
            return fail(error.toFailure(update.id()));
        }
    }

    /** Repeating a task update whose answer was lost: if the task changed, it must be by our first try or Stale. */
    private final class GetTaskForUpdateAfterRetry implements Step {
        final PutTask put;

        GetTaskForUpdateAfterRetry(PutTask put) { this.put = put; }

        public AbstractGoogleJsonClient client() { return tasks; }

        public ExternalId id() { return put.update.id(); }

        public AbstractGoogleJsonClientRequest<?> request() throws IOException {
            return tasks.tasks().get(put.ref.container(), put.ref.itemId());
        }

        public Outcome onSuccess(Object result) {
            Task now = (Task) result;
            if (put.update.expected().value().equals(now.getEtag())) return new Outcome.Next(put);   // first try never landed
            CalendarItem held = taskMapper.toItem(now, Option.none());
            CalendarItem wanted = taskMapper.toItem(taskMapper.merge(put.base, put.update.item(), put.update.fields()), Option.none());
            boolean ours = !Boolean.TRUE.equals(now.getDeleted())
                    && GoogleTaskMapper.HELD.forAll(f -> held.canonical(f).equals(wanted.canonical(f)));
            return ours ? Step.done(savedTask(put.ref.container(), now)) : fail(new CalendarFailure.Stale(put.update.id()));
        }

        public Outcome onError(CallError error) {
            if (error.code() == 404 || error.code() == 410) return fail(new CalendarFailure.NotFound(put.update.id()));
            if (error.isTransient()) return new Outcome.Again(error, this);
            return fail(error.toFailure(put.update.id()));
        }
    }

    // ------------------------------------------------------------------ helpers

    private static boolean same(String a, String b) {
        return (a == null ? "" : a).equals(b == null ? "" : b);
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static <K, V> Map<K, V> lru() {
        return Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > RAW_CACHE_LIMIT;
            }
        });
    }
}
