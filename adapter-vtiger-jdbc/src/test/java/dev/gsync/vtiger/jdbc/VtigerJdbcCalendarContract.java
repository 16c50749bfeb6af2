package dev.gsync.vtiger.jdbc;

import dev.gsync.core.model.Attendee;
import dev.gsync.core.model.CalendarItem;
import dev.gsync.core.model.ExternalId;
import dev.gsync.core.model.Field;
import dev.gsync.core.model.IdempotencyKey;
import dev.gsync.core.model.ItemStatus;
import dev.gsync.core.model.Recurrence;
import dev.gsync.core.model.SeriesOrigin;
import dev.gsync.core.model.Timing;
import dev.gsync.core.model.Visibility;
import dev.gsync.core.port.CalendarFailure;
import dev.gsync.core.port.Change;
import dev.gsync.core.port.ChangePage;
import dev.gsync.core.port.Cursor;
import dev.gsync.core.port.Write;
import dev.gsync.core.port.Written;
import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The adapter against vtiger's tables, run on a real MariaDB and on H2 in MySQL mode. Each test works as a user of
 * its own, so tests share one database per class without seeing each other's records.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class VtigerJdbcCalendarContract {
    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    static final ZoneId ROME = ZoneId.of("Europe/Rome");
    private static final AtomicInteger USERS = new AtomicInteger();

    TestDatabase db;
    MutableClock clock;
    VtigerJdbcCalendars calendars;

    protected abstract TestDatabase newDatabase();

    /** SQL and VTQL injection attempts (issue 11): as titles, descriptions and locations they are only text. */
    static final List<String> INJECTIONS = List.of(
            "x'; DROP TABLE vtiger_activity; --",
            "Robert'); DELETE FROM vtiger_crmentity WHERE ('1'='1",
            "' OR '1'='1",
            "1; UPDATE vtiger_users SET is_admin='on' WHERE '1'='1",
            "' UNION SELECT user_password FROM vtiger_users --",
            "\\'; SELECT * FROM Users; --",
            "select * from Calendar where id like '%';",
            "x' AND SLEEP(5) AND 'x'='x",
            "\" OR \"\"=\"",
            "%_\\%' -- /* */ #");

    @BeforeAll
    void startDatabase() {
        db = newDatabase().withVtigerTables();
        clock = new MutableClock(T0);
        calendars = new VtigerJdbcCalendars(db.config(), clock);
    }

    @AfterAll
    void closeDatabase() {
        calendars.close();
    }

    @BeforeEach
    void resetClock() {
        clock.set(T0);
    }

    // ------------------------------------------------------------------ fixtures

    record User(int id, String email, String name) {}

    User newUser() {
        int n = USERS.incrementAndGet();
        try (Connection c = db.connect()) {
            int id = VtigerSampleData.addUser(c, "user" + n, "user" + n + "@example.com", "First" + n, "Last" + n, "Europe/Rome");
            return new User(id, "user" + n + "@example.com", "First" + n + " Last" + n);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    VtigerJdbcCalendar calendarOf(User user) {
        return calendars.forUserId(user.id(), ROME);
    }

    static CalendarItem meeting(String title, Instant start, Duration length) {
        return CalendarItem.event(title, new Timing.Timed(start, start.plus(length), ROME));
    }

    static Written.Saved saved(Either<CalendarFailure, Written> result) {
        assertThat(result.isRight()).as("write failed: %s", result).isTrue();
        return (Written.Saved) result.get();
    }

    static Written.Saved create(VtigerJdbcCalendar cal, CalendarItem item) {
        return saved(cal.write(new Write.Create(item, new IdempotencyKey("google:" + java.util.UUID.randomUUID()))));
    }

    /** Follows the feed until it has nothing more to say; answers everything it said and the last cursor. */
    static io.vavr.Tuple2<Seq<Change>, Cursor> drain(VtigerJdbcCalendar cal, Cursor from) {
        Seq<Change> all = List.empty();
        Cursor cursor = from;
        for (int page = 0; page < 100; page++) {
            Either<CalendarFailure, ChangePage> result = cal.changesSince(cursor);
            assertThat(result.isRight()).as("feed failed: %s", result).isTrue();
            all = all.appendAll(result.get().changes());
            cursor = result.get().next();
            if (!result.get().more()) return new io.vavr.Tuple2<>(all, cursor);
        }
        throw new AssertionError("feed did not finish in 100 pages");
    }

    static Seq<ExternalId> upsertedIds(Seq<Change> changes) {
        return changes.filter(c -> c instanceof Change.Upserted).map(Change::id);
    }

    static Seq<Change.Removed> removals(Seq<Change> changes) {
        return changes.filter(c -> c instanceof Change.Removed).map(c -> (Change.Removed) c);
    }

    int crmid(ExternalId id) {
        return Integer.parseInt(id.value().replace("s", ""));
    }

    @Test
    void sql_injection_in_titles_descriptions_and_locations_is_stored_verbatim_and_breaks_nothing() {
        User owner = newUser();
        VtigerJdbcCalendar cal = calendarOf(owner);
        long users = db.count("SELECT COUNT(*) FROM vtiger_users WHERE is_admin = 'on'");
        java.util.List<Written.Saved> written = new java.util.ArrayList<>();
        for (int i = 0; i < INJECTIONS.size(); i++) {
            String attempt = INJECTIONS.get(i);
            CalendarItem item = meeting(attempt, Instant.parse("2026-03-20T09:00:00Z").plus(Duration.ofHours(i)), Duration.ofMinutes(30))
                    .withDescription("<p>" + attempt + "</p>").withLocation(attempt.length() > 150 ? attempt.substring(0, 150) : attempt);
            Written.Saved saved = create(cal, item);
            written.add(saved);
            assertThat(cal.get(saved.id()).get().get().item()).as(attempt).isEqualTo(item);
        }
        assertThat(db.count("SELECT COUNT(*) FROM vtiger_activity a JOIN vtiger_crmentity e ON e.crmid = a.activityid WHERE e.deleted = 0 AND e.smownerid = ?", owner.id()))
                .isEqualTo(INJECTIONS.size());
        assertThat(db.count("SELECT COUNT(*) FROM vtiger_users WHERE is_admin = 'on'")).isEqualTo(users);
        assertThat(upsertedIds(drain(cal, Cursor.START)._1)).containsAll(List.ofAll(written).map(Written.Saved::id));
    }

    // ------------------------------------------------------------------ reading back what was written

    @Test
    void an_event_written_reads_back_identically_and_fills_every_table_vtiger_fills() {
        User owner = newUser();
        User guest = newUser();
        VtigerJdbcCalendar cal = calendarOf(owner);
        CalendarItem item = meeting("Demo", Instant.parse("2026-03-10T09:00:00Z"), Duration.ofMinutes(90))
                .withDescription("<p><b>Agenda</b> &amp; notes</p>").withLocation("Room 1").withVisibility(Visibility.PRIVATE)
                .withReminders(List.of(15)).withAttendees(List.of(new Attendee(guest.email(), Option.of(guest.name()), Attendee.Response.ACCEPTED)));

        Written.Saved written = create(cal, item);

        assertThat(written.stored()).isEqualTo(item);
        assertThat(cal.get(written.id()).get().get().item()).isEqualTo(item);
        int id = crmid(written.id());
        assertThat(db.query("SELECT setype, smcreatorid, smownerid, modifiedby, deleted, label, source, createdtime, modifiedtime FROM vtiger_crmentity WHERE crmid = ?", id).get(0))
                .containsExactly("Calendar", owner.id(), owner.id(), owner.id(), 0, "Demo", "GSYNC",
                        LocalDateTime.parse("2026-03-02T09:00:00"), LocalDateTime.parse("2026-03-02T09:00:00"));
        // the description as given, then the shared idempotency marker (an HTML comment the webservice adapter reads too)
        assertThat((String) db.query("SELECT description FROM vtiger_crmentity WHERE crmid = ?", id).get(0).get(0))
                .startsWith("<p><b>Agenda</b> &amp; notes</p><!--gsync:").endsWith("-->");
        assertThat(db.query("SELECT subject, activitytype, date_start, time_start, due_date, time_end, duration_hours, duration_minutes, eventstatus, "
                + "visibility, notime, location, sendnotification FROM vtiger_activity WHERE activityid = ?", id).get(0))
                .containsExactly("Demo", "Meeting", LocalDate.parse("2026-03-10"), "09:00:00", LocalDate.parse("2026-03-10"), "10:30:00",
                        "1", "30", "Planned", "Private", "0", "Room 1", "0");
        assertThat(db.count("SELECT COUNT(*) FROM vtiger_activitycf WHERE activityid = ?", id)).isEqualTo(1);
        assertThat(db.count("SELECT COUNT(*) FROM vtiger_crmentity_user_field WHERE recordid = ? AND userid = ?", id, owner.id())).isEqualTo(1);
        assertThat(db.query("SELECT smid FROM vtiger_salesmanactivityrel WHERE activityid = ? ORDER BY smid", id))
                .containsExactly(java.util.List.of(owner.id()), java.util.List.of(guest.id()));
        assertThat(db.query("SELECT inviteeid, status FROM vtiger_invitees WHERE activityid = ?", id)).containsExactly(java.util.List.of(guest.id(), "accepted"));
        assertThat(db.query("SELECT reminder_time, reminder_sent, recurringid FROM vtiger_activity_reminder WHERE activity_id = ?", id))
                .containsExactly(java.util.List.of(15, 0, 0));
        assertThat(db.query("SELECT semodule, date_start, time_start, status FROM vtiger_activity_reminder_popup WHERE recordid = ?", id))
                .containsExactly(java.util.List.of("Events", LocalDate.parse("2026-03-10"), "09:00:00", 0));
        assertThat(db.query("SELECT module, whodid, status, changedon FROM vtiger_modtracker_basic WHERE crmid = ?", id))
                .containsExactly(java.util.List.of("Events", owner.id(), 2, LocalDateTime.parse("2026-03-02T09:00:00")));
        assertThat(db.query("SELECT d.fieldname, d.postvalue FROM vtiger_modtracker_detail d JOIN vtiger_modtracker_basic b ON b.id = d.id WHERE b.crmid = ? AND d.fieldname = 'subject'", id))
                .containsExactly(java.util.List.of("subject", "Demo"));
        assertThat(db.count("SELECT id FROM vtiger_crmentity_seq")).isGreaterThanOrEqualTo(id);
    }

    @Test
    void a_task_reads_back_with_its_due_date_with_and_without_a_time() {
        VtigerJdbcCalendar cal = calendarOf(newUser());
        CalendarItem timed = CalendarItem.task("Send offer", new Timing.Due(LocalDate.parse("2026-03-12"), Option.of(LocalTime.of(0, 30))))
                .withStatus(ItemStatus.COMPLETED).withDescription("call first");
        CalendarItem dateOnly = CalendarItem.task("File report", Timing.Due.on(LocalDate.parse("2026-03-13")));

        Written.Saved a = create(cal, timed);
        Written.Saved b = create(cal, dateOnly);

        assertThat(cal.get(a.id()).get().get().item()).isEqualTo(timed);
        assertThat(cal.get(b.id()).get().get().item()).isEqualTo(dateOnly);
        // 00:30 in Rome is 23:30 UTC the day before: the start moves, the plain due date does not
        assertThat(db.query("SELECT activitytype, date_start, time_start, due_date, time_end, status, eventstatus, notime FROM vtiger_activity WHERE activityid = ?", crmid(a.id())).get(0))
                .containsExactly("Task", LocalDate.parse("2026-03-11"), "23:30:00", LocalDate.parse("2026-03-12"), "", "Completed", "", "0");
        assertThat(db.query("SELECT module FROM vtiger_modtracker_basic WHERE crmid = ?", crmid(a.id()))).containsExactly(java.util.List.of("Calendar"));
    }

    @Test
    void an_all_day_event_reads_back_as_all_day() {
        VtigerJdbcCalendar cal = calendarOf(newUser());
        CalendarItem holiday = CalendarItem.event("Holiday", new Timing.AllDay(LocalDate.parse("2026-04-06"), LocalDate.parse("2026-04-08")));

        Written.Saved written = create(cal, holiday);

        assertThat(cal.get(written.id()).get().get().item()).isEqualTo(holiday);
        assertThat(db.query("SELECT date_start, time_start, due_date, time_end, notime FROM vtiger_activity WHERE activityid = ?", crmid(written.id())).get(0))
                .containsExactly(LocalDate.parse("2026-04-06"), "00:00:00", LocalDate.parse("2026-04-07"), "23:59:00", "1");   // its dates, whatever the zone
    }

    @Test
    void times_are_stored_as_wall_clock_of_the_configured_db_zone() {
        User owner = newUser();
        try (VtigerJdbcCalendars berlin = new VtigerJdbcCalendars(db.config().withDbZone(ZoneId.of("Europe/Berlin")), clock)) {
            VtigerJdbcCalendar cal = berlin.forUserId(owner.id(), ROME);
            // 23:30 UTC on 31 July is 01:30 on 1 August in Berlin (summer time): the date moves too
            CalendarItem late = meeting("Late call", Instant.parse("2026-07-31T23:30:00Z"), Duration.ofMinutes(45));

            Written.Saved written = create(cal, late);

            assertThat(db.query("SELECT date_start, time_start, due_date, time_end FROM vtiger_activity WHERE activityid = ?", crmid(written.id())).get(0))
                    .containsExactly(LocalDate.parse("2026-08-01"), "01:30:00", LocalDate.parse("2026-08-01"), "02:15:00");
            assertThat(db.query("SELECT modifiedtime FROM vtiger_crmentity WHERE crmid = ?", crmid(written.id())).get(0).get(0))
                    .isEqualTo(LocalDateTime.parse("2026-03-02T10:00:00"));   // T0 09:00 UTC in Berlin (winter time)
            assertThat(cal.get(written.id()).get().get().item()).isEqualTo(late);
            assertThat(cal.get(written.id()).get().get().modified()).isEqualTo(T0);
        }
    }

    // ------------------------------------------------------------------ ids and concurrency

    @Test
    void two_writers_allocating_ids_at_once_never_get_the_same_id() throws Exception {
        User owner = newUser();
        VtigerJdbcCalendar cal = calendarOf(owner);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<java.util.List<Integer>> adapter = () -> {
                java.util.List<Integer> ids = new java.util.ArrayList<>();
                for (int i = 0; i < 25; i++) ids.add(crmid(create(cal, meeting("gsync " + i, T0.plusSeconds(3600L * i), Duration.ofHours(1))).id()));
                return ids;
            };
            Callable<java.util.List<Integer>> vtiger = () -> {   // vtiger itself, with its own statement on its own connection
                java.util.List<Integer> ids = new java.util.ArrayList<>();
                try (Connection c = db.connect()) {
                    for (int i = 0; i < 25; i++) ids.add(VtigerSampleData.addEvents(c, owner.id(), 1, LocalDateTime.parse("2026-03-20T10:00:00"), LocalDateTime.parse("2026-03-02T08:00:00"), i));
                }
                return ids;
            };
            Future<java.util.List<Integer>> a = pool.submit(adapter);
            Future<java.util.List<Integer>> b = pool.submit(vtiger);
            java.util.Set<Integer> all = new java.util.HashSet<>(a.get(120, TimeUnit.SECONDS));
            all.addAll(b.get(120, TimeUnit.SECONDS));

            assertThat(all).hasSize(50);
            assertThat(db.count("SELECT COUNT(*) FROM vtiger_crmentity WHERE smownerid = ?", owner.id())).isEqualTo(50);
            assertThat(db.count("SELECT id FROM vtiger_crmentity_seq")).isGreaterThanOrEqualTo(java.util.Collections.max(all));
        } finally {
            pool.shutdownNow();
        }
    }

    // ------------------------------------------------------------------ updates and deletes

    @Test
    void an_update_with_an_outdated_version_is_refused_as_stale() {
        VtigerJdbcCalendar cal = calendarOf(newUser());
        Written.Saved first = create(cal, meeting("Demo", T0.plus(Duration.ofDays(3)), Duration.ofHours(1)));
        Written.Saved second = saved(cal.write(new Write.Update(first.id(), first.version(), first.stored().withTitle("Demo, moved"), HashSet.of(Field.TITLE))));

        Either<CalendarFailure, Written> late = cal.write(new Write.Update(first.id(), first.version(), first.stored().withTitle("Demo, renamed"), HashSet.of(Field.TITLE)));

        assertThat(late).isEqualTo(Either.left(new CalendarFailure.Stale(first.id())));
        assertThat(second.version()).isNotEqualTo(first.version());   // same second, yet a new version
        assertThat(cal.get(first.id()).get().get().item().title()).isEqualTo("Demo, moved");
    }

    @Test
    void an_edit_in_the_same_second_that_keeps_modifiedtime_still_makes_the_version_stale() {
        VtigerJdbcCalendar cal = calendarOf(newUser());
        Written.Saved written = create(cal, meeting("Demo", T0.plus(Duration.ofDays(3)), Duration.ofHours(1)));
        db.update("UPDATE vtiger_activity SET location = 'Room 9' WHERE activityid = ?", crmid(written.id()));

        Either<CalendarFailure, Written> update = cal.write(new Write.Update(written.id(), written.version(), written.stored().withTitle("x"), HashSet.of(Field.TITLE)));
        Either<CalendarFailure, Written> delete = cal.write(new Write.Delete(written.id(), written.version()));

        assertThat(update).isEqualTo(Either.left(new CalendarFailure.Stale(written.id())));
        assertThat(delete).isEqualTo(Either.left(new CalendarFailure.Stale(written.id())));
    }

    @Test
    void an_update_sets_only_the_named_fields_and_writes_history() {
        VtigerJdbcCalendar cal = calendarOf(newUser());
        Written.Saved written = create(cal, meeting("Demo", T0.plus(Duration.ofDays(3)), Duration.ofHours(1)).withLocation("Room 1").withReminders(List.of(10)));
        clock.advance(Duration.ofSeconds(5));

        CalendarItem incoming = meeting("Demo v2", T0.plus(Duration.ofDays(4)), Duration.ofHours(2)).withLocation("Elsewhere");
        Written.Saved updated = saved(cal.write(new Write.Update(written.id(), written.version(), incoming, HashSet.of(Field.TITLE))));

        assertThat(updated.stored()).isEqualTo(written.stored().withTitle("Demo v2"));
        int id = crmid(written.id());
        assertThat(db.query("SELECT modifiedtime FROM vtiger_crmentity WHERE crmid = ?", id).get(0).get(0)).isEqualTo(LocalDateTime.parse("2026-03-02T09:00:05"));
        assertThat(db.query("SELECT d.fieldname, d.prevalue, d.postvalue FROM vtiger_modtracker_detail d JOIN vtiger_modtracker_basic b ON b.id = d.id "
                + "WHERE b.crmid = ? AND b.status = 0", id)).containsExactly(java.util.List.of("subject", "Demo", "Demo v2"));
    }

    @Test
    void a_delete_is_a_soft_delete_as_vtiger_does_it_and_the_feed_reports_it() {
        VtigerJdbcCalendar cal = calendarOf(newUser());
        Written.Saved written = create(cal, meeting("Demo", T0.plus(Duration.ofDays(3)), Duration.ofHours(1)).withReminders(List.of(30)));
        Cursor cursor = drain(cal, Cursor.START)._2;
        clock.advance(Duration.ofSeconds(7));

        Either<CalendarFailure, Written> deleted = cal.write(new Write.Delete(written.id(), written.version()));
        Either<CalendarFailure, Written> again = cal.write(new Write.Delete(written.id(), written.version()));

        assertThat(deleted).isEqualTo(Either.right(new Written.Deleted(written.id())));
        assertThat(again).isEqualTo(Either.right(new Written.Deleted(written.id())));
        int id = crmid(written.id());
        assertThat(db.query("SELECT deleted, modifiedtime FROM vtiger_crmentity WHERE crmid = ?", id).get(0)).containsExactly(1, LocalDateTime.parse("2026-03-02T09:00:07"));
        assertThat(db.count("SELECT COUNT(*) FROM vtiger_activity WHERE activityid = ?", id)).isEqualTo(1);
        assertThat(db.count("SELECT COUNT(*) FROM vtiger_activity_reminder WHERE activity_id = ?", id)).isZero();
        assertThat(db.count("SELECT COUNT(*) FROM vtiger_modtracker_basic WHERE crmid = ? AND status = 1", id)).isEqualTo(1);
        Seq<Change> changes = drain(cal, cursor)._1;
        assertThat(changes).containsExactly(new Change.Removed(written.id(), Option.of(T0.plusSeconds(7))));
        assertThat(cal.get(written.id()).get()).isEmpty();
    }

    // ------------------------------------------------------------------ idempotent creates

    @Test
    void a_create_retried_with_the_same_key_makes_one_record_and_the_feed_names_the_key() {
        User owner = newUser();
        VtigerJdbcCalendar cal = calendarOf(owner);
        IdempotencyKey key = new IdempotencyKey("google:evt-42");
        CalendarItem item = meeting("Demo", T0.plus(Duration.ofDays(1)), Duration.ofHours(1));

        Written.Saved first = saved(cal.write(new Write.Create(item, key)));
        Written.Saved retried = saved(cal.write(new Write.Create(item, key)));

        assertThat(retried.id()).isEqualTo(first.id());
        assertThat(db.count("SELECT COUNT(*) FROM vtiger_crmentity WHERE smownerid = ?", owner.id())).isEqualTo(1);
        Seq<Change> feed = drain(cal, Cursor.START)._1;
        assertThat(feed).hasSize(1);
        assertThat(((Change.Upserted) feed.head()).origin()).isEqualTo(Option.of(key));
    }

    @Test
    void two_creates_with_one_key_at_the_same_moment_make_one_record() throws Exception {
        User owner = newUser();
        VtigerJdbcCalendar cal = calendarOf(owner);
        IdempotencyKey key = new IdempotencyKey("google:evt-race");
        CalendarItem item = meeting("Race", T0.plus(Duration.ofDays(1)), Duration.ofHours(1));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            Callable<Either<CalendarFailure, Written>> create = () -> {
                go.await();
                return cal.write(new Write.Create(item, key));
            };
            Future<Either<CalendarFailure, Written>> a = pool.submit(create);
            Future<Either<CalendarFailure, Written>> b = pool.submit(create);
            go.countDown();

            Written first = a.get(60, TimeUnit.SECONDS).get();
            Written second = b.get(60, TimeUnit.SECONDS).get();

            assertThat(second.id()).isEqualTo(first.id());
            assertThat(db.count("SELECT COUNT(*) FROM vtiger_crmentity WHERE smownerid = ?", owner.id())).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_create_whose_record_was_deleted_since_makes_a_new_record() {
        VtigerJdbcCalendar cal = calendarOf(newUser());
        IdempotencyKey key = new IdempotencyKey("google:evt-43");
        CalendarItem item = meeting("Demo", T0.plus(Duration.ofDays(1)), Duration.ofHours(1));
        Written.Saved first = saved(cal.write(new Write.Create(item, key)));
        saved(cal.write(new Write.Create(item, key)));
        cal.write(new Write.Delete(first.id(), first.version()));

        Written.Saved again = saved(cal.write(new Write.Create(item, key)));

        assertThat(again.id()).isNotEqualTo(first.id());
        assertThat(again.stored()).isEqualTo(item);
    }

    // ------------------------------------------------------------------ the change feed

    @Test
    void the_feed_sees_a_write_in_the_same_second_after_the_cursor_and_reports_nothing_twice() {
        VtigerJdbcCalendar cal = calendarOf(newUser());
        Written.Saved a = create(cal, meeting("A", T0.plus(Duration.ofDays(1)), Duration.ofHours(1)));
        var firstRun = drain(cal, Cursor.START);
        Written.Saved b = create(cal, meeting("B", T0.plus(Duration.ofDays(2)), Duration.ofHours(1)));   // same second as A

        var secondRun = drain(cal, firstRun._2);
        var thirdRun = drain(cal, secondRun._2);

        assertThat(upsertedIds(firstRun._1)).containsExactly(a.id());
        assertThat(upsertedIds(secondRun._1)).containsExactly(b.id());
        assertThat(thirdRun._1).isEmpty();
    }

    @Test
    void the_feed_sees_a_row_committed_late_with_an_older_modifiedtime() {
        User owner = newUser();
        VtigerJdbcCalendar cal = calendarOf(owner);
        create(cal, meeting("A", T0.plus(Duration.ofDays(1)), Duration.ofHours(1)));
        clock.advance(Duration.ofSeconds(60));
        create(cal, meeting("B", T0.plus(Duration.ofDays(1)), Duration.ofHours(1)));
        Cursor cursor = drain(cal, Cursor.START)._2;

        int late;   // a slow vtiger save that stamped its modifiedtime 30 s before our newest row, committed only now
        try (Connection c = db.connect()) {
            late = VtigerSampleData.addEvents(c, owner.id(), 1, LocalDateTime.parse("2026-03-05T10:00:00"), LocalDateTime.parse("2026-03-02T09:00:31"), 1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        Seq<Change> changes = drain(cal, cursor)._1;

        assertThat(upsertedIds(changes)).containsExactly(ExternalId.of(Integer.toString(late)));
    }

    @Test
    void records_purged_reassigned_or_deleted_behind_our_back_are_found_among_the_linked_ids() {
        User owner = newUser();
        User other = newUser();
        VtigerJdbcCalendar cal = calendarOf(owner);
        Written.Saved purged = create(cal, meeting("purged", T0.plus(Duration.ofDays(1)), Duration.ofHours(1)));
        Written.Saved reassigned = create(cal, meeting("reassigned", T0.plus(Duration.ofDays(1)), Duration.ofHours(1)));
        Written.Saved trashed = create(cal, meeting("trashed", T0.plus(Duration.ofDays(1)), Duration.ofHours(1)));
        Written.Saved kept = create(cal, meeting("kept", T0.plus(Duration.ofDays(1)), Duration.ofHours(1)));
        Cursor cursor = drain(cal, Cursor.START)._2;

        db.update("DELETE FROM vtiger_crmentity WHERE crmid = ?", crmid(purged.id()));                        // Recycle Bin emptied
        db.update("UPDATE vtiger_crmentity SET smownerid = ? WHERE crmid = ?", other.id(), crmid(reassigned.id()));
        db.update("UPDATE vtiger_crmentity SET deleted = 1, modifiedtime = '2026-03-02 09:10:00' WHERE crmid = ?", crmid(trashed.id()));
        Seq<Change> changes = drain(cal, cursor)._1;
        Seq<Change.Removed> found = cal.removedAmong(io.vavr.collection.HashSet.of(purged.id(), reassigned.id(), trashed.id(), kept.id(),
                ExternalId.of("s999999"), ExternalId.of("not-a-vtiger-id"))).get();

        // the feed sees the soft delete by its modifiedtime; the purge and the reassignment left no trace in it
        assertThat(removals(changes)).containsExactly(new Change.Removed(trashed.id(), Option.of(Instant.parse("2026-03-02T09:10:00Z"))));
        assertThat(cal.reportsAllRemovals()).isFalse();
        assertThat(found).containsExactlyInAnyOrder(Change.Removed.of(purged.id()), Change.Removed.of(reassigned.id()),
                new Change.Removed(trashed.id(), Option.of(Instant.parse("2026-03-02T09:10:00Z"))), Change.Removed.of(ExternalId.of("s999999")));
        assertThat(calendarOf(other).get(reassigned.id()).get().isDefined()).isTrue();
    }

    @Test
    void a_record_given_away_is_found_among_the_linked_ids_and_one_received_in_sql_by_the_next_full_reconciliation() {
        User owner = newUser();
        User other = newUser();
        VtigerJdbcCalendar cal = calendarOf(owner);
        Written.Saved mine = create(cal, meeting("mine", T0.plus(Duration.ofDays(1)), Duration.ofHours(1)));
        Written.Saved theirs = create(calendarOf(other), meeting("theirs", T0.plus(Duration.ofDays(1)), Duration.ofHours(1)));
        clock.advance(Duration.ofMinutes(10));
        Written.Saved newer = create(cal, meeting("newer", T0.plus(Duration.ofDays(2)), Duration.ofHours(1)));
        Cursor cursor = drain(cal, Cursor.START)._2;

        // swapped owners in SQL, modifiedtime untouched
        db.update("UPDATE vtiger_crmentity SET smownerid = ? WHERE crmid = ?", other.id(), crmid(mine.id()));
        db.update("UPDATE vtiger_crmentity SET smownerid = ? WHERE crmid = ?", owner.id(), crmid(theirs.id()));
        Seq<Change.Removed> found = cal.removedAmong(io.vavr.collection.HashSet.of(mine.id(), newer.id())).get();
        Seq<Change> reconciled = drain(cal, cal.reconcileFrom(drain(cal, cursor)._2).get())._1;

        assertThat(found).containsExactly(Change.Removed.of(mine.id()));
        assertThat(upsertedIds(reconciled)).contains(theirs.id()).doesNotContain(mine.id());
    }

    @Test
    void a_series_is_gone_only_when_none_of_its_records_is_live() {
        VtigerJdbcCalendar cal = calendarOf(newUser());
        Written.Saved weekly = create(cal, meeting("Weekly", T0.plus(Duration.ofDays(1)), Duration.ofHours(1))
                .withRecurrence(dev.gsync.core.model.Recurrence.of("RRULE:FREQ=WEEKLY;COUNT=3")));
        java.util.List<Integer> rows = db.query("SELECT recurrenceid FROM vtiger_activity_recurring_info WHERE activityid = ?", crmid(weekly.id()))
                .stream().map(r -> ((Number) r.get(0)).intValue()).toList();

        db.update("UPDATE vtiger_crmentity SET deleted = 1 WHERE crmid = ?", crmid(weekly.id()));   // the first occurrence only
        Seq<Change.Removed> partly = cal.removedAmong(io.vavr.collection.HashSet.of(weekly.id())).get();
        for (Integer row : rows) db.update("UPDATE vtiger_crmentity SET deleted = 1 WHERE crmid = ?", row);
        Seq<Change.Removed> wholly = cal.removedAmong(io.vavr.collection.HashSet.of(weekly.id())).get();

        assertThat(partly).isEmpty();
        assertThat(wholly).containsExactly(Change.Removed.of(weekly.id()));
    }

    @Test
    void a_full_reconciliation_catches_a_direct_edit_that_left_modifiedtime_alone() {
        VtigerJdbcCalendar cal = calendarOf(newUser());
        Written.Saved written = create(cal, meeting("Demo", T0.plus(Duration.ofDays(1)), Duration.ofHours(1)));
        clock.advance(Duration.ofMinutes(10));
        create(cal, meeting("Later", T0.plus(Duration.ofDays(2)), Duration.ofHours(1)));
        Cursor cursor = drain(cal, Cursor.START)._2;   // the overlap window now lies past the first record
        db.update("UPDATE vtiger_activity SET subject = 'Edited in SQL' WHERE activityid = ?", crmid(written.id()));

        Seq<Change> unnoticed = drain(cal, cursor)._1;
        Seq<Change> reconciled = drain(cal, cal.reconcileFrom(cursor).get())._1;

        assertThat(unnoticed).isEmpty();
        assertThat(reconciled.map(c -> ((Change.Upserted) c).item().title())).containsExactlyInAnyOrder("Edited in SQL", "Later");
        assertThat(((Change.Upserted) reconciled.find(c -> c.id().equals(written.id())).get()).version()).isNotEqualTo(written.version());
    }

    @Test
    void an_unreadable_cursor_is_answered_as_expired() {
        VtigerJdbcCalendar cal = calendarOf(newUser());

        assertThat(cal.changesSince(new Cursor("not-a-cursor")).getLeft()).isInstanceOf(CalendarFailure.CursorExpired.class);
    }

    // ------------------------------------------------------------------ characters vtiger cannot store

    @Test
    void characters_outside_the_bmp_are_replaced_and_the_replacement_reads_back() {
        VtigerJdbcCalendar cal = calendarOf(newUser());

        Written.Saved written = create(cal, meeting("Party \uD83C\uDF89", T0.plus(Duration.ofDays(1)), Duration.ofHours(1)).withLocation("Caf\u00e9 \uD83C\uDF7A"));

        assertThat(written.stored().title()).isEqualTo("Party \uFFFD");
        assertThat(written.stored().location()).isEqualTo("Caf\u00e9 \uFFFD");
        assertThat(cal.get(written.id()).get().get().item()).isEqualTo(written.stored());
        assertThat(db.query("SELECT subject FROM vtiger_activity WHERE activityid = ?", crmid(written.id())).get(0).get(0)).isEqualTo("Party \uFFFD");
    }

    @Test
    void characters_outside_the_bmp_are_refused_when_so_configured() {
        User owner = newUser();
        try (VtigerJdbcCalendars strict = new VtigerJdbcCalendars(db.config().withNonBmp(VtigerJdbcConfig.NonBmpPolicy.REJECT), clock)) {
            VtigerJdbcCalendar cal = strict.forUserId(owner.id(), ROME);

            Either<CalendarFailure, Written> result = cal.write(new Write.Create(meeting("Party \uD83C\uDF89", T0, Duration.ofHours(1)), new IdempotencyKey("k-emoji")));

            assertThat(result.getLeft()).isInstanceOf(CalendarFailure.Rejected.class);
            assertThat(db.count("SELECT COUNT(*) FROM vtiger_crmentity WHERE smownerid = ?", owner.id())).isZero();
        }
    }

    // ------------------------------------------------------------------ recurring events

    @Test
    void a_series_saved_by_vtigers_ui_reads_as_one_recurring_item_with_its_exceptions() throws SQLException {
        User owner = newUser();
        VtigerJdbcCalendar cal = calendarOf(owner);
        int[] ids;
        try (Connection c = db.connect()) {
            ids = VtigerSampleData.addWeeklySeries(c, owner.id(), "Weekly sync", LocalDateTime.parse("2026-03-09T09:00:00"), 4, LocalDateTime.parse("2026-03-02T08:00:00"));
        }
        ExternalId series = ExternalId.of("s" + ids[0]);

        Seq<Change> whole = drain(cal, Cursor.START)._1;

        assertThat(whole).hasSize(1);
        Change.Upserted only = (Change.Upserted) whole.head();
        assertThat(only.id()).isEqualTo(series);
        assertThat(only.item().recurrence()).isEqualTo(Recurrence.of("RRULE:FREQ=WEEKLY;BYDAY=MO;UNTIL=20260330T235959Z"));
        // vtiger repeated 09:00 UTC across Rome's change to summer time (29 March): only the DB zone explains all four
        assertThat(only.item().timing()).isEqualTo(new Timing.Timed(Instant.parse("2026-03-09T09:00:00Z"), Instant.parse("2026-03-09T10:00:00Z"), ZoneId.of("UTC")));

        // in vtiger's UI: the third occurrence deleted, the second renamed
        Cursor cursor = drain(cal, Cursor.START)._2;
        db.update("UPDATE vtiger_crmentity SET deleted = 1, modifiedtime = '2026-03-02 09:00:10' WHERE crmid = ?", ids[2]);
        db.update("UPDATE vtiger_activity SET subject = 'Weekly sync (moved room)' WHERE activityid = ?", ids[1]);
        db.update("UPDATE vtiger_crmentity SET modifiedtime = '2026-03-02 09:00:10' WHERE crmid = ?", ids[1]);
        Seq<Change> changes = drain(cal, cursor)._1;

        Change.Upserted seriesNow = (Change.Upserted) changes.find(c -> c.id().equals(series)).get();
        assertThat(seriesNow.item().recurrence().lines()).containsExactly("RRULE:FREQ=WEEKLY;BYDAY=MO;UNTIL=20260330T235959Z",
                "EXDATE:20260323T090000Z");
        Change.Upserted exception = (Change.Upserted) changes.find(c -> c.id().equals(ExternalId.of(Integer.toString(ids[1])))).get();
        assertThat(exception.item().title()).isEqualTo("Weekly sync (moved room)");
        assertThat(exception.item().series()).isEqualTo(Option.of(new SeriesOrigin(series, Instant.parse("2026-03-16T09:00:00Z"))));
    }

    @Test
    void a_recurring_item_is_written_as_vtigers_ui_writes_a_series_and_reads_back_as_one() {
        User owner = newUser();
        VtigerJdbcCalendar cal = calendarOf(owner);
        // weekly on Monday 10:00 in Rome across the change to summer time on 29 March
        CalendarItem weekly = meeting("Standup", Instant.parse("2026-03-16T09:00:00Z"), Duration.ofMinutes(15))
                .withRecurrence(Recurrence.of("RRULE:FREQ=WEEKLY;COUNT=4"));

        Written.Saved written = create(cal, weekly);

        assertThat(written.id().value()).startsWith("s");
        int parent = crmid(written.id());
        assertThat(db.query("SELECT a.date_start, a.time_start, a.recurringtype FROM vtiger_activity a JOIN vtiger_activity_recurring_info r ON r.recurrenceid = a.activityid "
                + "WHERE r.activityid = ? ORDER BY a.date_start", parent)).containsExactly(
                java.util.List.of(LocalDate.parse("2026-03-16"), "09:00:00", "Weekly"), java.util.List.of(LocalDate.parse("2026-03-23"), "09:00:00", "Weekly"),
                java.util.List.of(LocalDate.parse("2026-03-30"), "08:00:00", "Weekly"), java.util.List.of(LocalDate.parse("2026-04-06"), "08:00:00", "Weekly"));
        assertThat(db.query("SELECT DISTINCT recurringdate, recurringtype, recurringfreq, recurringinfo, recurringenddate FROM vtiger_recurringevents "
                + "WHERE activityid IN (SELECT recurrenceid FROM vtiger_activity_recurring_info WHERE activityid = ?)", parent))
                .containsExactly(java.util.List.of(LocalDate.parse("2026-03-16"), "Weekly", 1, "Weekly::1", LocalDate.parse("2026-04-06")));
        CalendarItem back = cal.get(written.id()).get().get().item();
        assertThat(back.timing()).isEqualTo(weekly.timing());
        assertThat(back.recurrence()).isEqualTo(Recurrence.of("RRULE:FREQ=WEEKLY;BYDAY=MO;UNTIL=20260406T235959Z"));
        assertThat(drain(cal, Cursor.START)._1.map(Change::id)).containsExactly(written.id());
    }

    @Test
    void a_rule_without_end_is_expanded_for_two_years_at_most() {
        User owner = newUser();
        VtigerJdbcCalendar cal = calendarOf(owner);

        Written.Saved written = create(cal, meeting("Forever", Instant.parse("2026-03-16T09:00:00Z"), Duration.ofMinutes(30))
                .withRecurrence(Recurrence.of("RRULE:FREQ=WEEKLY")));

        assertThat(db.count("SELECT COUNT(*) FROM vtiger_activity_recurring_info WHERE activityid = ?", crmid(written.id()))).isEqualTo(105);
        assertThat(db.query("SELECT MAX(date_start) FROM vtiger_activity a JOIN vtiger_activity_recurring_info r ON r.recurrenceid = a.activityid WHERE r.activityid = ?",
                crmid(written.id())).get(0).get(0)).isEqualTo(LocalDate.parse("2028-03-13"));
    }

    @Test
    void a_rule_vtiger_cannot_express_is_rejected() {
        User owner = newUser();
        VtigerJdbcCalendar cal = calendarOf(owner);

        Either<CalendarFailure, Written> result = cal.write(new Write.Create(meeting("2nd Tuesday", T0, Duration.ofHours(1))
                .withRecurrence(Recurrence.of("RRULE:FREQ=MONTHLY;BYDAY=2TU")), new IdempotencyKey("k-2tu")));

        assertThat(result.getLeft()).isInstanceOf(CalendarFailure.Rejected.class);
        assertThat(db.count("SELECT COUNT(*) FROM vtiger_crmentity WHERE smownerid = ?", owner.id())).isZero();
    }

    @Test
    void deleting_a_series_soft_deletes_every_occurrence() {
        User owner = newUser();
        VtigerJdbcCalendar cal = calendarOf(owner);
        Written.Saved written = create(cal, meeting("Standup", Instant.parse("2026-03-16T09:00:00Z"), Duration.ofMinutes(15))
                .withRecurrence(Recurrence.of("RRULE:FREQ=DAILY;COUNT=3")));

        Either<CalendarFailure, Written> deleted = cal.write(new Write.Delete(written.id(), written.version()));

        assertThat(deleted.isRight()).isTrue();
        assertThat(db.count("SELECT COUNT(*) FROM vtiger_crmentity WHERE smownerid = ? AND deleted = 1", owner.id())).isEqualTo(3);
        assertThat(db.count("SELECT COUNT(*) FROM vtiger_recurringevents r JOIN vtiger_crmentity c ON c.crmid = r.activityid WHERE c.smownerid = ?", owner.id())).isZero();
        assertThat(cal.get(written.id()).get()).isEmpty();
    }

    @Test
    void an_exception_from_google_changes_the_record_in_its_slot() {
        VtigerJdbcCalendar cal = calendarOf(newUser());
        Written.Saved series = create(cal, meeting("Standup", Instant.parse("2026-03-16T09:00:00Z"), Duration.ofMinutes(15))
                .withRecurrence(Recurrence.of("RRULE:FREQ=DAILY;COUNT=3")));
        Instant second = Instant.parse("2026-03-17T09:00:00Z");
        CalendarItem moved = meeting("Standup (late)", second.plus(Duration.ofHours(2)), Duration.ofMinutes(15))
                .withSeries(Option.of(new SeriesOrigin(series.id(), second)));

        Written.Saved exception = create(cal, moved);

        assertThat(exception.id().value()).doesNotStartWith("s");
        assertThat(exception.stored()).isEqualTo(moved);
        CalendarItem seriesNow = cal.get(series.id()).get().get().item();
        assertThat(seriesNow.recurrence().lines()).hasSize(1);   // no EXDATE: the slot is taken by the exception
        assertThat(db.count("SELECT COUNT(*) FROM vtiger_activity_recurring_info WHERE activityid = ?", crmid(series.id()))).isEqualTo(3);
    }

    @Test
    void renaming_a_series_renames_its_plain_occurrences_and_keeps_its_exceptions() {
        VtigerJdbcCalendar cal = calendarOf(newUser());
        Written.Saved series = create(cal, meeting("Standup", Instant.parse("2026-03-16T09:00:00Z"), Duration.ofMinutes(15))
                .withRecurrence(Recurrence.of("RRULE:FREQ=DAILY;COUNT=3")));
        Instant third = Instant.parse("2026-03-18T09:00:00Z");
        create(cal, meeting("Standup (special)", third, Duration.ofMinutes(15)).withSeries(Option.of(new SeriesOrigin(series.id(), third))));
        Change.Upserted current = cal.get(series.id()).get().get();

        Written.Saved renamed = saved(cal.write(new Write.Update(series.id(), current.version(), current.item().withTitle("Daily"), HashSet.of(Field.TITLE))));

        assertThat(renamed.stored().title()).isEqualTo("Daily");
        assertThat(db.query("SELECT a.subject FROM vtiger_activity a JOIN vtiger_activity_recurring_info r ON r.recurrenceid = a.activityid "
                + "WHERE r.activityid = ? ORDER BY a.date_start", crmid(series.id())))
                .containsExactly(java.util.List.of("Daily"), java.util.List.of("Daily"), java.util.List.of("Standup (special)"));
    }

    @Test
    void moving_a_series_relays_its_records_and_keeps_its_id() {
        User owner = newUser();
        VtigerJdbcCalendar cal = calendarOf(owner);
        Written.Saved series = create(cal, meeting("Standup", Instant.parse("2026-03-16T09:00:00Z"), Duration.ofMinutes(15))
                .withRecurrence(Recurrence.of("RRULE:FREQ=DAILY;COUNT=3")));
        CalendarItem later = meeting("Standup", Instant.parse("2026-03-20T07:30:00Z"), Duration.ofMinutes(30))
                .withRecurrence(Recurrence.of("RRULE:FREQ=DAILY;COUNT=4"));

        Written.Saved moved = saved(cal.write(new Write.Update(series.id(), series.version(), later, HashSet.of(Field.TIMING, Field.RECURRENCE))));

        assertThat(moved.id()).isEqualTo(series.id());
        assertThat(moved.stored().timing()).isEqualTo(later.timing());
        assertThat(db.query("SELECT a.date_start, a.time_start, a.time_end FROM vtiger_activity a JOIN vtiger_crmentity c ON c.crmid = a.activityid "
                + "WHERE c.smownerid = ? AND c.deleted = 0 ORDER BY a.date_start", owner.id())).containsExactly(
                java.util.List.of(LocalDate.parse("2026-03-20"), "07:30:00", "08:00:00"), java.util.List.of(LocalDate.parse("2026-03-21"), "07:30:00", "08:00:00"),
                java.util.List.of(LocalDate.parse("2026-03-22"), "07:30:00", "08:00:00"), java.util.List.of(LocalDate.parse("2026-03-23"), "07:30:00", "08:00:00"));
    }

    /** Issue 10: out-of-scope rows cost the deletion check nothing, and a linked record purged in SQL reaches Google at once. */
    @Test
    void a_linked_record_purged_among_thousands_out_of_scope_is_deleted_in_google_at_the_next_run() throws SQLException {
        User owner = newUser();
        VtigerJdbcCalendar cal = calendarOf(owner);
        int review;
        try (Connection c = db.connect()) {   // 5,000 events of 2024, far behind the horizon, then two of tomorrow, all made in vtiger
            VtigerSampleData.addEvents(c, owner.id(), 5_000, LocalDateTime.parse("2024-01-01T08:00:00"), LocalDateTime.parse("2024-12-31T08:00:00"), 5);
            review = VtigerSampleData.addEvents(c, owner.id(), 2, LocalDateTime.parse("2026-03-03T08:00:00"), LocalDateTime.parse("2026-03-02T08:00:00"), 6);
        }
        dev.gsync.core.memory.InMemoryGoogleCalendar google = new dev.gsync.core.memory.InMemoryGoogleCalendar(clock);
        dev.gsync.core.memory.InMemorySyncStateStore store = new dev.gsync.core.memory.InMemorySyncStateStore();
        dev.gsync.core.model.UserId user = dev.gsync.core.model.UserId.of("user-" + owner.id());
        java.util.List<Integer> asked = new java.util.ArrayList<>();
        dev.gsync.core.port.CrmCalendar counting = new dev.gsync.core.port.CrmCalendar() {   // the adapter, counting the ids asked about
            public dev.gsync.core.model.Side side() { return cal.side(); }
            public io.vavr.control.Either<dev.gsync.core.port.CalendarFailure, dev.gsync.core.port.ChangePage> changesSince(Cursor c) { return cal.changesSince(c); }
            public boolean reportsAllRemovals() { return cal.reportsAllRemovals(); }
            public io.vavr.control.Either<dev.gsync.core.port.CalendarFailure, Seq<Change.Removed>> removedAmong(io.vavr.collection.Set<ExternalId> linked) {
                asked.add(linked.size());
                return cal.removedAmong(linked);
            }
            public io.vavr.control.Either<dev.gsync.core.port.CalendarFailure, Option<Change.Upserted>> get(ExternalId id) { return cal.get(id); }
            public Seq<io.vavr.control.Either<dev.gsync.core.port.CalendarFailure, Written>> write(Seq<dev.gsync.core.port.Write> w) { return cal.write(w); }
            public io.vavr.collection.Set<dev.gsync.core.model.Field> fieldsHeld(dev.gsync.core.model.ItemKind k) { return cal.fieldsHeld(k); }
            public io.vavr.control.Either<dev.gsync.core.port.CalendarFailure, Seq<Change.Upserted>> startingBetween(Instant from, Instant until) { return cal.startingBetween(from, until); }
        };
        java.util.function.Supplier<dev.gsync.core.run.RunReport> run = () -> {
            clock.advance(Duration.ofMinutes(1));
            dev.gsync.core.run.RunReport r = new dev.gsync.core.run.SyncRun(counting, google, store, clock)
                    .run(user, dev.gsync.core.model.SyncSettings.defaults(ROME), dev.gsync.core.run.RunOptions.DEFAULT);
            assertThat(r.failures()).as(r.summary()).isEmpty();
            return r;
        };
        dev.gsync.core.run.RunReport first = run.get();
        assertThat(google.items()).as(first.summary()).hasSize(2);

        db.update("DELETE FROM vtiger_crmentity WHERE crmid = ?", review);   // purged: no modifiedtime, no trace in the feed
        dev.gsync.core.run.RunReport next = run.get();

        assertThat(next.counts(dev.gsync.core.model.Side.GOOGLE).deleted()).isEqualTo(1);
        assertThat(google.items()).hasSize(1);
        assertThat(google.items().values().head().title()).endsWith("#" + (review + 1));
        assertThat(asked).last().isEqualTo(2);   // the two linked ids, not the 5,002 records
        assertThat(store.cursor(user, dev.gsync.core.model.Side.CRM).get().value().length())
                .as("the cursor holds no id list").isLessThan(300);
    }

    /** vtiger's UI edits of a series it made (vtiger-facts.md §8), synced by the real SyncRun to the in-memory Google side. */
    @Test
    void vtigers_ui_edits_of_its_series_reach_google_as_a_series_change_an_exception_and_an_exdate() throws SQLException {
        User owner = newUser();
        VtigerJdbcCalendar cal = calendarOf(owner);
        int[] ids;
        try (Connection c = db.connect()) {
            ids = VtigerSampleData.addWeeklySeries(c, owner.id(), "Standup", LocalDateTime.parse("2026-04-06T09:00:00"), 4, LocalDateTime.parse("2026-03-02T08:00:00"));
        }
        dev.gsync.core.memory.InMemoryGoogleCalendar google = new dev.gsync.core.memory.InMemoryGoogleCalendar(clock);
        dev.gsync.core.memory.InMemorySyncStateStore store = new dev.gsync.core.memory.InMemorySyncStateStore();
        dev.gsync.core.model.UserId user = dev.gsync.core.model.UserId.of("user-" + owner.id());
        java.util.function.Supplier<dev.gsync.core.run.RunReport> run = () -> {
            clock.advance(Duration.ofMinutes(1));
            dev.gsync.core.run.RunReport r = new dev.gsync.core.run.SyncRun(cal, google, store, clock)
                    .run(user, dev.gsync.core.model.SyncSettings.defaults(ROME), dev.gsync.core.run.RunOptions.DEFAULT);
            assertThat(r.failures()).as(r.summary()).isEmpty();
            return r;
        };

        // the series reaches Google as one recurring event
        run.get();
        assertThat(google.items()).hasSize(1);
        assertThat(google.items().values().head().recurrence().isRecurring()).isTrue();

        // "edit all": every member gets the new subject
        clock.advance(Duration.ofMinutes(1));
        for (int id : ids) {
            db.update("UPDATE vtiger_activity SET subject = 'Standup (new room)' WHERE activityid = ?", id);
            db.update("UPDATE vtiger_crmentity SET modifiedtime = ?, label = 'Standup (new room)' WHERE crmid = ?", LocalDateTime.ofInstant(clock.instant(), java.time.ZoneOffset.UTC), id);
        }
        run.get();
        assertThat(google.items().values().map(CalendarItem::title)).containsExactly("Standup (new room)");

        // "edit this occurrence only": the third moves by two hours; vtiger keeps it in the series, with its own rule row
        clock.advance(Duration.ofMinutes(1));
        db.update("UPDATE vtiger_activity SET time_start = '11:00:00', time_end = '12:00:00' WHERE activityid = ?", ids[2]);
        db.update("UPDATE vtiger_crmentity SET modifiedtime = ? WHERE crmid = ?", LocalDateTime.ofInstant(clock.instant(), java.time.ZoneOffset.UTC), ids[2]);
        run.get();
        CalendarItem moved = google.items().values().find(i -> i.series().isDefined()).get();
        assertThat(moved.title()).isEqualTo("Standup (new room)");
        assertThat(moved.series().get().originalStart()).isEqualTo(Instant.parse("2026-04-20T09:00:00Z"));
        assertThat(((Timing.Timed) moved.timing()).start()).isEqualTo(Instant.parse("2026-04-20T11:00:00Z"));
        assertThat(google.items()).hasSize(2);

        // "delete this occurrence only": the second goes, with its series row
        clock.advance(Duration.ofMinutes(1));
        db.update("UPDATE vtiger_crmentity SET deleted = 1, modifiedtime = ? WHERE crmid = ?", LocalDateTime.ofInstant(clock.instant(), java.time.ZoneOffset.UTC), ids[1]);
        db.update("DELETE FROM vtiger_activity_recurring_info WHERE recurrenceid = ?", ids[1]);
        run.get();
        assertThat(google.items()).hasSize(2);
        assertThat(google.items().values().find(i -> i.series().isEmpty()).get().recurrence().lines()).anyMatch(l -> l.startsWith("EXDATE"));
    }

    // ---------------------------------------------------------------- vtiger UI series: "this and following", "all"

    /** A weekly series of {@code n} made as vtiger's UI makes it, synced once to an in-memory Google. */
    private final class UiSeries {
        final int[] ids;
        final VtigerJdbcCalendar cal;
        final dev.gsync.core.memory.InMemoryGoogleCalendar google = new dev.gsync.core.memory.InMemoryGoogleCalendar(clock);
        final dev.gsync.core.memory.InMemorySyncStateStore store = new dev.gsync.core.memory.InMemorySyncStateStore();
        final dev.gsync.core.model.UserId user;

        UiSeries(int n) throws SQLException {
            User owner = newUser();
            cal = calendarOf(owner);
            user = dev.gsync.core.model.UserId.of("user-" + owner.id());
            try (Connection c = db.connect()) {
                ids = VtigerSampleData.addWeeklySeries(c, owner.id(), "Standup", LocalDateTime.parse("2026-04-06T09:00:00"), n, LocalDateTime.parse("2026-03-02T08:00:00"));
            }
            run();
            assertThat(google.items()).hasSize(1);
        }

        dev.gsync.core.run.RunReport run() {
            clock.advance(Duration.ofMinutes(1));
            dev.gsync.core.run.RunReport r = new dev.gsync.core.run.SyncRun(cal, google, store, clock)
                    .run(user, dev.gsync.core.model.SyncSettings.defaults(ROME), dev.gsync.core.run.RunOptions.DEFAULT);
            assertThat(r.failures()).as(r.summary()).isEmpty();
            return r;
        }

        /** vtiger's UI edit of members {@code from}.. (0-based; "all" is from 0): subject and UTC times, links and rule rows kept. */
        void editFrom(int from, String subject, String start, String end) {
            clock.advance(Duration.ofMinutes(1));
            for (int i = from; i < ids.length; i++) {
                db.update("UPDATE vtiger_activity SET subject = ?, time_start = ?, time_end = ? WHERE activityid = ?", subject, start, end, ids[i]);
                db.update("UPDATE vtiger_crmentity SET modifiedtime = ?, label = ? WHERE crmid = ?",
                        LocalDateTime.ofInstant(clock.instant(), java.time.ZoneOffset.UTC), subject, ids[i]);
            }
        }

        /**
         * vtiger's UI "this and following" from member {@code from} (RepeatEvents::repeat, docs/vtiger-jdbc.md): that
         * member and the later ones get the new subject and times, and each one's rule row is written again with the
         * edited member's date as its start; links stay on the parent.
         */
        void editFollowing(int from, String subject, String start, String end) {
            editFrom(from, subject, start, end);
            for (int i = from; i < ids.length; i++) {
                db.update("UPDATE vtiger_recurringevents SET recurringdate = (SELECT date_start FROM vtiger_activity WHERE activityid = ?) WHERE activityid = ?", ids[from], ids[i]);
            }
        }

        /** vtiger's UI "all": every member changed, every rule row written again with the series' start (the parent's date). */
        void editAll(String subject, String start, String end) {
            editFrom(0, subject, start, end);
            for (int id : ids) {
                db.update("UPDATE vtiger_recurringevents SET recurringdate = (SELECT date_start FROM vtiger_activity WHERE activityid = ?) WHERE activityid = ?", ids[0], id);
            }
        }

        /** What Google shows, occurrence by occurrence: "2026-04-06T09:00Z Standup", ... */
        java.util.List<String> shown() {
            dev.gsync.vtiger.mapping.VtigerRecurrence codec = new dev.gsync.vtiger.mapping.VtigerRecurrence(new dev.gsync.vtiger.mapping.VtigerTimes(java.time.ZoneOffset.UTC, ROME));
            java.util.Map<Instant, String> out = new java.util.TreeMap<>();
            java.util.Set<Instant> replaced = new java.util.HashSet<>();
            for (CalendarItem i : google.items().values()) {
                if (i.series().isDefined()) {
                    replaced.add(i.series().get().originalStart());
                    out.put(((Timing.Timed) i.timing()).start(), i.title());
                }
            }
            for (CalendarItem i : google.items().values()) {
                if (i.series().isDefined()) continue;
                for (Timing t : codec.expand(i).get().occurrences()) {
                    Instant start = ((Timing.Timed) t).start();
                    if (!replaced.contains(start)) out.put(start, i.title());
                }
            }
            return out.entrySet().stream().map(e -> e.getKey().toString().replace(":00Z", "Z") + " " + e.getValue()).toList();
        }
    }

    @Test
    void vtigers_single_occurrence_edit_reaches_google_as_that_occurrence_only() throws SQLException {
        UiSeries s = new UiSeries(4);
        clock.advance(Duration.ofMinutes(1));   // "edit this occurrence only" of the 3rd
        db.update("UPDATE vtiger_activity SET subject = 'Standup (moved)', time_start = '11:00:00', time_end = '12:00:00' WHERE activityid = ?", s.ids[2]);
        db.update("UPDATE vtiger_crmentity SET modifiedtime = ? WHERE crmid = ?", LocalDateTime.ofInstant(clock.instant(), java.time.ZoneOffset.UTC), s.ids[2]);

        s.run();

        assertThat(s.shown()).containsExactly("2026-04-06T09:00Z Standup", "2026-04-13T09:00Z Standup",
                "2026-04-20T11:00Z Standup (moved)", "2026-04-27T09:00Z Standup");
    }

    /** vtiger-facts.md §8.4: "delete this occurrence only" = deleted=1 on that record, its link row and rule row removed. */
    private void deleteThisOccurrenceOnly(int crmid) {
        clock.advance(Duration.ofMinutes(1));
        db.update("UPDATE vtiger_crmentity SET deleted = 1, modifiedtime = ? WHERE crmid = ?", LocalDateTime.ofInstant(clock.instant(), java.time.ZoneOffset.UTC), crmid);
        db.update("DELETE FROM vtiger_activity_recurring_info WHERE recurrenceid = ?", crmid);
        db.update("DELETE FROM vtiger_recurringevents WHERE activityid = ?", crmid);
    }

    @Test
    void vtigers_delete_this_occurrence_only_takes_exactly_that_occurrence_out_of_the_google_series() throws SQLException {
        UiSeries s = new UiSeries(4);

        deleteThisOccurrenceOnly(s.ids[2]);
        s.run();

        assertThat(s.shown()).containsExactly("2026-04-06T09:00Z Standup", "2026-04-13T09:00Z Standup", "2026-04-27T09:00Z Standup");
        dev.gsync.core.run.RunReport settled = s.run();
        assertThat(settled.counts(dev.gsync.core.model.Side.GOOGLE).updated() + settled.counts(dev.gsync.core.model.Side.CRM).updated()
                + settled.counts(dev.gsync.core.model.Side.CRM).deleted()).as(settled.summary()).isZero();
    }

    @Test
    void vtigers_delete_of_the_first_occurrence_only_keeps_the_rest_of_the_google_series() throws SQLException {
        UiSeries s = new UiSeries(4);

        deleteThisOccurrenceOnly(s.ids[0]);   // the parent: its own link row (parent, parent) goes, the others' stay
        s.run();

        assertThat(s.shown()).containsExactly("2026-04-13T09:00Z Standup", "2026-04-20T09:00Z Standup", "2026-04-27T09:00Z Standup");
    }

    @Test
    void vtigers_this_and_following_edit_reaches_google_as_a_split_of_the_series() throws SQLException {
        UiSeries s = new UiSeries(5);

        s.editFollowing(3, "Standup (new time)", "10:00:00", "11:00:00");   // "this and following" from the 4th
        s.run();

        assertThat(s.google.items().values()).as("two series, no exceptions").hasSize(2).allMatch(i -> i.recurrence().isRecurring() && i.series().isEmpty());
        assertThat(s.google.items().values().map(i -> i.title() + " " + i.recurrence().lines().filter(l -> l.startsWith("RRULE")).mkString()))
                .anyMatch(l -> l.startsWith("Standup RRULE") && l.contains("UNTIL=20260426"));
        assertThat(s.shown()).containsExactly("2026-04-06T09:00Z Standup", "2026-04-13T09:00Z Standup", "2026-04-20T09:00Z Standup",
                "2026-04-27T10:00Z Standup (new time)", "2026-05-04T10:00Z Standup (new time)");
        assertThat(s.run().counts(dev.gsync.core.model.Side.GOOGLE).updated()).as("settled").isZero();
    }

    @Test
    void vtigers_this_and_following_edit_of_most_of_the_series_reaches_google_as_a_split_too() throws SQLException {
        UiSeries s = new UiSeries(5);

        s.editFollowing(1, "Standup (new time)", "10:00:00", "11:00:00");   // from the 2nd: most members change
        s.run();

        assertThat(s.google.items().values()).as("two series, no exceptions").hasSize(2).allMatch(i -> i.recurrence().isRecurring() && i.series().isEmpty());

        assertThat(s.shown()).containsExactly("2026-04-06T09:00Z Standup", "2026-04-13T10:00Z Standup (new time)",
                "2026-04-20T10:00Z Standup (new time)", "2026-04-27T10:00Z Standup (new time)", "2026-05-04T10:00Z Standup (new time)");
    }

    @Test
    void vtigers_all_edit_reaches_google_as_a_change_of_the_series() throws SQLException {
        UiSeries s = new UiSeries(3);

        s.editFrom(0, "Standup (all)", "08:00:00", "08:30:00");
        s.run();

        assertThat(s.google.items()).as("one recurring event, no exceptions").hasSize(1);
        assertThat(s.shown()).containsExactly("2026-04-06T08:00Z Standup (all)", "2026-04-13T08:00Z Standup (all)", "2026-04-20T08:00Z Standup (all)");
    }

    /** vtiger-facts.md §8 item 3: an "all" edit overwrites an earlier single-occurrence edit; Google's exception must follow. */
    @Test
    void vtigers_all_edit_after_a_single_occurrence_edit_puts_that_occurrence_back_in_line_in_google() throws SQLException {
        UiSeries s = new UiSeries(4);
        clock.advance(Duration.ofMinutes(1));   // "edit this occurrence only" of the 3rd: moved and renamed
        db.update("UPDATE vtiger_activity SET subject = 'Standup (moved)', time_start = '11:00:00', time_end = '12:00:00' WHERE activityid = ?", s.ids[2]);
        db.update("UPDATE vtiger_crmentity SET modifiedtime = ? WHERE crmid = ?", LocalDateTime.ofInstant(clock.instant(), java.time.ZoneOffset.UTC), s.ids[2]);
        s.run();
        assertThat(s.shown()).contains("2026-04-20T11:00Z Standup (moved)");

        s.editFrom(0, "Standup (all)", "08:00:00", "08:30:00");   // "all": every member re-saved, the 3rd included
        s.run();

        assertThat(s.shown()).containsExactly("2026-04-06T08:00Z Standup (all)", "2026-04-13T08:00Z Standup (all)",
                "2026-04-20T08:00Z Standup (all)", "2026-04-27T08:00Z Standup (all)");
        assertThat(s.run().counts(dev.gsync.core.model.Side.GOOGLE).updated()).as("settled").isZero();

        s.editFrom(0, "Standup (again)", "08:00:00", "08:30:00");   // a later "all" edit reaches the former exception too
        s.run();

        assertThat(s.shown()).containsExactly("2026-04-06T08:00Z Standup (again)", "2026-04-13T08:00Z Standup (again)",
                "2026-04-20T08:00Z Standup (again)", "2026-04-27T08:00Z Standup (again)");
    }

    @Test
    void vtigers_all_edit_after_this_and_following_joins_the_split_series_again() throws SQLException {
        UiSeries s = new UiSeries(5);
        s.editFollowing(2, "Standup (later)", "10:00:00", "11:00:00");
        s.run();
        assertThat(s.google.items()).hasSize(2);

        s.editAll("Standup (all)", "08:00:00", "08:30:00");   // "all": every rule row starts at the series' start again
        s.run();

        assertThat(s.google.items()).as("one series again").hasSize(1);
        assertThat(s.shown()).containsExactly("2026-04-06T08:00Z Standup (all)", "2026-04-13T08:00Z Standup (all)",
                "2026-04-20T08:00Z Standup (all)", "2026-04-27T08:00Z Standup (all)", "2026-05-04T08:00Z Standup (all)");
        assertThat(s.run().counts(dev.gsync.core.model.Side.GOOGLE).updated()).as("settled").isZero();
    }

    @Test
    void vtigers_single_occurrence_edit_inside_a_split_off_part_is_an_exception_of_that_part() throws SQLException {
        UiSeries s = new UiSeries(6);
        s.editFollowing(2, "Standup (later)", "10:00:00", "11:00:00");
        s.run();
        clock.advance(Duration.ofMinutes(1));   // "this occurrence only" of the 5th: its own rule row, its own date
        db.update("UPDATE vtiger_activity SET subject = 'Standup (moved)', time_start = '12:00:00', time_end = '13:00:00' WHERE activityid = ?", s.ids[4]);
        db.update("UPDATE vtiger_recurringevents SET recurringdate = '2026-05-04' WHERE activityid = ?", s.ids[4]);
        db.update("UPDATE vtiger_crmentity SET modifiedtime = ? WHERE crmid = ?", LocalDateTime.ofInstant(clock.instant(), java.time.ZoneOffset.UTC), s.ids[4]);

        s.run();

        assertThat(s.shown()).containsExactly("2026-04-06T09:00Z Standup", "2026-04-13T09:00Z Standup", "2026-04-20T10:00Z Standup (later)",
                "2026-04-27T10:00Z Standup (later)", "2026-05-04T12:00Z Standup (moved)", "2026-05-11T10:00Z Standup (later)");
        assertThat(s.google.items().values().filter(i -> i.series().isDefined())).hasSize(1);
        assertThat(s.run().counts(dev.gsync.core.model.Side.GOOGLE).updated()).as("settled").isZero();
    }

    @Test
    void vtigers_this_and_following_over_an_earlier_single_occurrence_edit_leaves_no_old_exception_in_google() throws SQLException {
        UiSeries s = new UiSeries(5);
        clock.advance(Duration.ofMinutes(1));   // "this occurrence only" of the 5th
        db.update("UPDATE vtiger_activity SET subject = 'Standup (moved)', time_start = '12:00:00', time_end = '13:00:00' WHERE activityid = ?", s.ids[4]);
        db.update("UPDATE vtiger_recurringevents SET recurringdate = '2026-05-04' WHERE activityid = ?", s.ids[4]);
        db.update("UPDATE vtiger_crmentity SET modifiedtime = ? WHERE crmid = ?", LocalDateTime.ofInstant(clock.instant(), java.time.ZoneOffset.UTC), s.ids[4]);
        s.run();
        assertThat(s.google.items().values().filter(i -> i.series().isDefined())).hasSize(1);

        s.editFollowing(2, "Standup (later)", "10:00:00", "11:00:00");   // from the 3rd: the 5th is re-saved with the rest
        s.run();

        assertThat(s.google.items().values()).as("two series, the old exception gone").hasSize(2).allMatch(i -> i.series().isEmpty());
        assertThat(s.shown()).containsExactly("2026-04-06T09:00Z Standup", "2026-04-13T09:00Z Standup", "2026-04-20T10:00Z Standup (later)",
                "2026-04-27T10:00Z Standup (later)", "2026-05-04T10:00Z Standup (later)");
        assertThat(s.run().counts(dev.gsync.core.model.Side.GOOGLE).updated()).as("settled").isZero();
    }

    @Test
    void a_google_edit_of_a_split_off_part_reaches_only_that_parts_records() throws SQLException {
        UiSeries s = new UiSeries(5);
        s.editFollowing(2, "Standup (later)", "10:00:00", "11:00:00");
        s.run();
        ExternalId part = s.google.items().find(e -> e._2.title().equals("Standup (later)")).get()._1;

        s.google.edit(part, i -> i.withTitle("Standup (renamed)"));   // renamed in Google
        s.run();

        java.util.function.Supplier<java.util.List<String>> records = () -> java.util.Arrays.stream(s.ids)
                .mapToObj(id -> db.query("SELECT a.date_start, a.time_start, a.subject, e.deleted FROM vtiger_activity a JOIN vtiger_crmentity e ON e.crmid = a.activityid WHERE a.activityid = ?", id).get(0))
                .map(r -> r.get(0) + " " + r.get(1) + " " + r.get(2) + (Integer.valueOf(1).equals(((Number) r.get(3)).intValue()) ? " (deleted)" : ""))
                .toList();
        assertThat(records.get()).containsExactly("2026-04-06 09:00:00 Standup", "2026-04-13 09:00:00 Standup",
                "2026-04-20 10:00:00 Standup (renamed)", "2026-04-27 10:00:00 Standup (renamed)", "2026-05-04 10:00:00 Standup (renamed)");
        assertThat(s.run().counts(dev.gsync.core.model.Side.CRM).updated()).as("settled").isZero();

        s.google.edit(part, i -> {   // an hour later in Google: only the part's records move
            Timing.Timed t = (Timing.Timed) i.timing();
            return i.withTiming(new Timing.Timed(t.start().plus(Duration.ofHours(1)), t.end().plus(Duration.ofHours(1)), t.zone()));
        });
        s.run();

        assertThat(records.get()).containsExactly("2026-04-06 09:00:00 Standup", "2026-04-13 09:00:00 Standup",
                "2026-04-20 11:00:00 Standup (renamed)", "2026-04-27 11:00:00 Standup (renamed)", "2026-05-04 11:00:00 Standup (renamed)");
        assertThat(s.google.items()).as("still two series, no echo").hasSize(2);
        assertThat(s.run().counts(dev.gsync.core.model.Side.CRM).updated()).as("settled").isZero();

        s.google.remove(part);   // the split-off series deleted in Google: only its records go
        s.run();

        assertThat(records.get()).containsExactly("2026-04-06 09:00:00 Standup", "2026-04-13 09:00:00 Standup",
                "2026-04-20 11:00:00 Standup (renamed) (deleted)", "2026-04-27 11:00:00 Standup (renamed) (deleted)", "2026-05-04 11:00:00 Standup (renamed) (deleted)");
        assertThat(s.shown()).containsExactly("2026-04-06T09:00Z Standup", "2026-04-13T09:00Z Standup");
    }

    @Test
    void an_occurrence_changed_on_its_own_and_then_swept_into_a_split_off_part_becomes_an_exception_of_that_part() throws SQLException {
        UiSeries s = new UiSeries(5);
        clock.advance(Duration.ofMinutes(1));   // "this occurrence only" of the 5th: another room
        db.update("UPDATE vtiger_activity SET location = 'Room 2' WHERE activityid = ?", s.ids[4]);
        db.update("UPDATE vtiger_recurringevents SET recurringdate = '2026-05-04' WHERE activityid = ?", s.ids[4]);
        db.update("UPDATE vtiger_crmentity SET modifiedtime = ? WHERE crmid = ?", LocalDateTime.ofInstant(clock.instant(), java.time.ZoneOffset.UTC), s.ids[4]);
        s.run();
        ExternalId series = s.google.items().find(e -> e._2.series().isEmpty()).get()._1;
        assertThat(s.google.items().values().filter(i -> i.series().isDefined())).singleElement().matches(i -> i.location().equals("Room 2"));

        s.editFollowing(2, "Standup (later)", "10:00:00", "11:00:00");   // vtiger copies the changed fields only: the room stays
        s.run();
        s.run();   // the old exception went in the first run; the new one comes in the next

        ExternalId part = s.google.items().find(e -> e._2.title().equals("Standup (later)") && e._2.series().isEmpty()).get()._1;
        assertThat(s.google.items().values().filter(i -> i.series().isDefined()))
                .as("one exception, of the new series").singleElement()
                .matches(i -> i.series().get().series().equals(part) && i.location().equals("Room 2") && i.title().equals("Standup (later)"));
        assertThat(s.google.items().values().exists(i -> i.series().exists(o -> o.series().equals(series)))).isFalse();
        assertThat(s.shown()).containsExactly("2026-04-06T09:00Z Standup", "2026-04-13T09:00Z Standup", "2026-04-20T10:00Z Standup (later)",
                "2026-04-27T10:00Z Standup (later)", "2026-05-04T10:00Z Standup (later)");
        dev.gsync.core.run.RunReport settled = s.run();
        assertThat(settled.counts(dev.gsync.core.model.Side.GOOGLE).updated() + settled.counts(dev.gsync.core.model.Side.GOOGLE).created()).as("settled").isZero();
    }
}
