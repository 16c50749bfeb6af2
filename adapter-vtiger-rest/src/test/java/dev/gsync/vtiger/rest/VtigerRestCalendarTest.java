package dev.gsync.vtiger.rest;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.google.inject.Guice;
import dev.gsync.core.model.CalendarItem;
import dev.gsync.core.model.Field;
import dev.gsync.core.model.ItemStatus;
import dev.gsync.core.model.Timing;
import dev.gsync.core.model.UserId;
import dev.gsync.core.port.CalendarFailure;
import dev.gsync.core.port.Change;
import dev.gsync.core.port.Write;
import dev.gsync.core.port.Written;
import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.control.Option;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

import static dev.gsync.vtiger.rest.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VtigerRestCalendarTest {
    private FakeVtiger vtiger;
    private VtigerRestCalendar cal;

    @BeforeEach
    void start() {
        vtiger = Fixtures.vtiger();
        cal = alice(vtiger);
    }

    @AfterEach
    void stop() {
        vtiger.close();
    }

    // ------------------------------------------------------------------ sessions

    @Test
    void the_session_is_reused_and_renewed_transparently_when_vtiger_forgets_it() {
        Written.Saved saved = create(cal, meeting("Demo"), "a");
        cal.get(saved.id());
        assertThat(vtiger.count("login")).isEqualTo(1);

        vtiger.expireSessions();
        var again = cal.get(saved.id());

        assertThat(again.get().get().item().title()).isEqualTo("Demo");
        assertThat(vtiger.count("login")).isEqualTo(2);
    }

    @Test
    void an_idle_session_is_renewed_too() {
        Written.Saved saved = create(cal, meeting("Demo"), "a");
        vtiger.advance(Duration.ofMinutes(31));

        assertThat(cal.get(saved.id()).get()).isNotEmpty();
        assertThat(vtiger.count("login")).isEqualTo(2);
    }

    @Test
    void a_wrong_access_key_is_reported_as_authorization_required_naming_the_user_not_the_key() {
        VtigerRestCalendar wrong = new VtigerRestCalendar(settings(vtiger), new VtigerUser("alice", AccessKey.of("notTheRightKey99")));

        CalendarFailure failure = wrong.changesSince(dev.gsync.core.port.Cursor.START).getLeft();

        assertThat(failure).isInstanceOf(CalendarFailure.AuthorizationRequired.class);
        assertThat(failure.describe()).contains("alice", "INVALID_USER_CREDENTIALS").doesNotContain("notTheRightKey99");
    }

    @Test
    void an_unknown_user_is_refused_clearly() {
        VtigerRestCalendar nobody = new VtigerRestCalendar(settings(vtiger), new VtigerUser("mallory", AccessKey.of(ALICE_KEY)));

        assertThat(nobody.feedMode().getLeft()).isInstanceOf(CalendarFailure.AuthorizationRequired.class);
    }

    @Test
    void a_challenge_that_is_already_expired_when_used_fails_as_unavailable_after_one_fresh_try() {
        vtiger.challengeLifetime = Duration.ofSeconds(-1);

        assertThat(cal.feedMode().getLeft()).isInstanceOf(CalendarFailure.Unavailable.class);
        assertThat(vtiger.count("getchallenge")).isEqualTo(2);

        vtiger.challengeLifetime = Duration.ofMinutes(5);
        assertThat(cal.feedMode().isRight()).isTrue();
    }

    @Test
    void the_access_key_and_session_never_reach_the_logs_or_any_to_string() {
        Logger root = (Logger) LoggerFactory.getLogger("dev.gsync");
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        ch.qos.logback.classic.Level before = root.getLevel();
        root.setLevel(ch.qos.logback.classic.Level.TRACE);      // debug lines included
        try {
            Written.Saved saved = create(cal, meeting("Secretive"), "s");
            vtiger.expireSessions();
            cal.get(saved.id());
            vtiger.failNext.set(2);
            cal.get(saved.id());
            new VtigerRestCalendar(settings(vtiger), new VtigerUser("alice", AccessKey.of("wrongKeyWrongKey"))).feedMode();
        } finally {
            root.detachAppender(logs);
            root.setLevel(before);
        }
        String all = String.join("\n", logs.list.stream().map(e -> e.getFormattedMessage() + " " + e.getThrowableProxy()).toList());
        assertThat(logs.list).isNotEmpty();
        assertThat(all).contains("logged in").doesNotContain(ALICE_KEY).doesNotContain("wrongKeyWrongKey");
        assertThat(all).doesNotContainIgnoringCase("sessionName=").doesNotContainIgnoringCase("accessKey=");
        assertThat(new VtigerUser("alice", AccessKey.of(ALICE_KEY)).toString()).doesNotContain(ALICE_KEY);
        assertThat(AccessKey.of(ALICE_KEY).toString()).doesNotContain(ALICE_KEY);
    }

    @Test
    void transient_server_errors_are_retried_with_backoff() {
        Written.Saved saved = create(cal, meeting("Flaky"), "f");
        vtiger.failNext.set(2);

        assertThat(cal.get(saved.id()).get()).isNotEmpty();

        vtiger.failNext.set(10);
        assertThat(cal.get(saved.id()).getLeft()).isInstanceOf(CalendarFailure.Unavailable.class);
    }

    @Test
    void a_server_that_is_not_there_is_unavailable() throws Exception {
        int freePort;
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            freePort = socket.getLocalPort();
        }
        VtigerRestSettings nowhere = VtigerRestSettings.defaults(URI.create("http://127.0.0.1:" + freePort + "/webservice.php"))
                .withRetries(2, Duration.ofMillis(1));
        VtigerRestCalendar gone = new VtigerRestCalendar(nowhere, new VtigerUser("alice", AccessKey.of(ALICE_KEY)));

        assertThat(gone.feedMode().getLeft()).isInstanceOf(CalendarFailure.Unavailable.class);
        assertThat(gone.write(new Write.Create(meeting("x"), key("x"))).getLeft()).isInstanceOf(CalendarFailure.Unavailable.class);
    }

    @Test
    void an_access_key_file_gives_its_first_line_and_a_missing_one_a_clear_error(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Files.writeString(dir.resolve("alice.key"), ALICE_KEY + "\n# rotated 2026-01\n");
        AccessKeySource keys = AccessKeySource.directory(dir);

        assertThat(keys.accessKeyOf(UserId.of("alice")).get()).isEqualTo(AccessKey.of(ALICE_KEY));
        assertThat(keys.accessKeyOf(UserId.of("bob")).getLeft()).contains("bob.key");
        assertThat(keys.accessKeyOf(UserId.of("../etc/passwd")).getLeft()).contains("cannot name a key file");
        assertThat(AccessKeySource.environment("GSYNC_TEST_SURELY_UNSET_").accessKeyOf(UserId.of("alice")).getLeft())
                .contains("GSYNC_TEST_SURELY_UNSET_ALICE");
    }

    // ------------------------------------------------------------------ ids

    @Test
    void id_prefixes_come_from_describe_not_from_constants() {
        vtiger.close();
        vtiger = Fixtures.vtiger();
        vtiger.eventsPrefix = 41;
        vtiger.calendarPrefix = 40;
        cal = alice(vtiger);

        Written.Saved event = create(cal, meeting("E"), "e");
        Written.Saved task = create(cal, todo("T"), "t");

        // the shared id scheme names a record by its crmid; the webservice ids use describe's prefixes
        assertThat(event.id().value()).matches("[0-9]+");
        assertThat(vtiger.rec(event.id().value()).fields.get("activitytype")).isEqualTo("Meeting");
        assertThat(cal.get(event.id()).get().get().item().title()).isEqualTo("E");
        assertThat(cal.get(task.id()).get().get().item().title()).isEqualTo("T");
        // an id of the old scheme is still read, by its own prefix; a wrong prefix finds nothing
        assertThat(cal.get(dev.gsync.core.model.ExternalId.of("41x" + event.id().value())).get().get().id()).isEqualTo(event.id());
        assertThat(cal.get(dev.gsync.core.model.ExternalId.of("18x" + event.id().value())).get()).isEmpty();
    }

    @Test
    void a_record_has_the_same_id_whichever_way_it_is_named_and_keeps_it_when_its_type_changes() {
        Written.Saved task = create(cal, todo("T"), "t");

        vtiger.editInUi(task.id().value(), "activitytype", "Meeting", 1);

        assertThat(cal.get(task.id()).get().get().item().kind()).isEqualTo(dev.gsync.core.model.ItemKind.EVENT);
    }

    // ------------------------------------------------------------------ writes

    @Test
    void creating_twice_with_one_key_leaves_one_record_and_answers_it_both_times() {
        Written.Saved first = create(cal, meeting("Once"), "g1");
        Written.Saved second = create(cal, meeting("Once"), "g1");

        assertThat(second.id()).isEqualTo(first.id());
        assertThat(vtiger.liveIds()).hasSize(1);
    }

    @Test
    void a_create_whose_answer_was_lost_is_found_instead_of_made_again() {
        vtiger.loseCreateAnswers.set(1);

        Written.Saved saved = create(cal, meeting("Lost answer"), "g2");

        assertThat(vtiger.liveIds()).containsExactly(saved.id().value());
        assertThat(vtiger.count("create")).isEqualTo(1);
        assertThat(cal.get(saved.id()).get().get().origin()).contains(key("g2"));
    }

    @Test
    void a_create_after_the_first_copy_was_deleted_makes_a_new_one() {
        Written.Saved first = create(cal, meeting("Again"), "g3");
        cal.write(new Write.Delete(first.id(), first.version())).get();

        Written.Saved second = create(cal, meeting("Again"), "g3");

        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(vtiger.liveIds()).containsExactly(second.id().value());
    }

    @Test
    void an_update_sets_only_the_named_fields() {
        Written.Saved saved = create(cal, meeting("Before").withLocation("Room 1").withReminders(List.of(30)), "u1");

        CalendarItem wanted = meeting("After").withLocation("Somewhere else").withVisibility(dev.gsync.core.model.Visibility.PRIVATE);
        Written.Saved updated = (Written.Saved) cal.write(new Write.Update(saved.id(), saved.version(), wanted, HashSet.of(Field.TITLE))).get();

        assertThat(updated.stored().title()).isEqualTo("After");
        assertThat(updated.stored().location()).isEqualTo("Room 1");
        assertThat(updated.stored().isPrivate()).isFalse();
        assertThat(updated.stored().reminders()).as("revise drops a reminder it is not sent").containsExactly(30);
    }

    @Test
    void an_update_against_an_older_version_is_stale() {
        Written.Saved saved = create(cal, meeting("Contested"), "u2");
        vtiger.advance(Duration.ofSeconds(1));
        vtiger.editInUi(saved.id().value(), "subject", "Changed in vtiger", 1);

        var result = cal.write(new Write.Update(saved.id(), saved.version(), meeting("Mine"), HashSet.of(Field.TITLE)));

        assertThat(result.getLeft()).isEqualTo(new CalendarFailure.Stale(saved.id()));
        assertThat(vtiger.rec(saved.id().value()).fields.get("subject")).isEqualTo("Changed in vtiger");
    }

    @Test
    void a_change_within_the_same_second_still_makes_the_version_stale() {
        Written.Saved saved = create(cal, meeting("Contested"), "u3");
        vtiger.editInUi(saved.id().value(), "location", "Moved", 1);      // same modifiedtime second

        var result = cal.write(new Write.Update(saved.id(), saved.version(), meeting("Mine"), HashSet.of(Field.TITLE)));

        assertThat(result.getLeft()).isInstanceOf(CalendarFailure.Stale.class);
    }

    @Test
    void deleting_something_already_gone_counts_as_done_and_reading_it_gives_nothing() {
        Written.Saved saved = create(cal, todo("Done"), "d1");
        vtiger.deleteInUi(saved.id().value(), 1);

        assertThat(cal.get(saved.id()).get()).isEmpty();
        assertThat(cal.write(new Write.Delete(saved.id(), saved.version())).get()).isEqualTo(new Written.Deleted(saved.id()));
        assertThat(cal.write(new Write.Update(saved.id(), saved.version(), todo("x"), HashSet.of(Field.TITLE))).getLeft())
                .isEqualTo(new CalendarFailure.NotFound(saved.id()));
    }

    @Test
    void a_delete_against_an_older_version_is_stale_and_deletes_nothing() {
        Written.Saved saved = create(cal, todo("Keep me"), "d2");
        vtiger.advance(Duration.ofSeconds(1));
        vtiger.editInUi(saved.id().value(), "subject", "Edited", 1);

        assertThat(cal.write(new Write.Delete(saved.id(), saved.version())).getLeft()).isInstanceOf(CalendarFailure.Stale.class);
        assertThat(vtiger.liveIds()).contains(saved.id().value());
    }

    @Test
    void a_missing_mandatory_field_configured_by_an_admin_is_a_rejection() {
        var result = cal.write(new Write.Create(meeting(""), key("blank")));     // an empty title becomes "(no title)"

        assertThat(((Written.Saved) result.get()).stored().title()).isEqualTo(dev.gsync.vtiger.mapping.VtigerText.NO_TITLE);
    }

    // ------------------------------------------------------------------ values

    @Test
    void reminders_go_in_as_seconds_and_come_back_as_minutes_whole_hours_included() {
        Written.Saved quarter = create(cal, meeting("15").withReminders(List.of(15)), "r1");
        Written.Saved hour = create(cal, meeting("60").withReminders(List.of(60)), "r2");
        Written.Saved day = create(cal, meeting("1440").withReminders(List.of(1440)), "r3");
        Written.Saved atStart = create(cal, meeting("0").withReminders(List.of(0)), "r4");

        assertThat(vtiger.rec(quarter.id().value()).fields.get("reminder_time")).isEqualTo("15");
        assertThat(vtiger.rec(hour.id().value()).fields.get("reminder_time")).as("vtiger cannot store whole hours").isEqualTo("61");
        assertThat(List.of(quarter, hour, day, atStart).map(s -> cal.get(s.id()).get().get().item().reminders()))
                .containsExactly(List.of(15), List.of(60), List.of(1440), List.of(0));
    }

    @Test
    void times_are_stored_in_the_db_zone_and_read_back_exactly() {
        vtiger.dbZone = ZoneId.of("America/New_York");
        cal = new VtigerRestCalendar(settings(vtiger).withDbZone(ZoneId.of("America/New_York")), new VtigerUser("alice", AccessKey.of(ALICE_KEY)));

        Written.Saved saved = create(cal, meeting("Zoned"), "z");      // 10:00 UTC

        assertThat(vtiger.rec(saved.id().value()).fields.get("time_start")).isEqualTo("05:00:00");
        assertThat(cal.get(saved.id()).get().get().item().timing()).isEqualTo(meeting("Zoned").timing());
    }

    @Test
    void all_day_events_keep_their_dates_under_notime_and_todo_times_are_in_the_users_zone() {
        VtigerRestCalendar bob = new VtigerRestCalendar(settings(vtiger), new VtigerUser("bob", AccessKey.of(BOB_KEY)));
        CalendarItem holiday = CalendarItem.event("Holiday", new Timing.AllDay(LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 4)));
        CalendarItem call = CalendarItem.task("Call back", new Timing.Due(LocalDate.of(2026, 3, 2), Option.some(LocalTime.of(0, 30))));

        Written.Saved h = create(bob, holiday, "h");
        Written.Saved c = create(bob, call, "c");

        // a notime record's dates are its all-day dates, whatever the zone: first day 00:00 to last day 23:59
        assertThat(vtiger.rec(h.id().value()).fields).containsEntry("notime", "1").containsEntry("date_start", "2026-03-02").containsEntry("time_start", "00:00:00")
                .containsEntry("due_date", "2026-03-03").containsEntry("time_end", "23:59:00");
        assertThat(vtiger.rec(c.id().value()).fields).containsEntry("due_date", "2026-03-02").containsEntry("date_start", "2026-03-01").containsEntry("time_start", "23:30:00");
        assertThat(bob.get(h.id()).get().get().item()).isEqualTo(holiday);
        assertThat(bob.get(c.id()).get().get().item()).isEqualTo(call);
    }

    @Test
    void text_typed_into_vtigers_ui_is_entity_decoded_and_a_script_description_survives_exactly() {
        String script = "<p>Hi</p><script>alert(\"x\")</script> &amp; more";
        Written.Saved saved = create(cal, meeting("Tom & Jerry <3").withDescription(script), "t");

        assertThat(vtiger.rec(saved.id().value()).fields.get("description")).contains("&lt;script&gt;");
        assertThat(cal.get(saved.id()).get().get().item().title()).isEqualTo("Tom & Jerry <3");
        assertThat(cal.get(saved.id()).get().get().item().description()).isEqualTo(script);

        vtiger.advance(Duration.ofSeconds(1));
        vtiger.editInUi(saved.id().value(), "location", "R&amp;D &lt;lab&gt;", 1);
        Change.Upserted now = cal.get(saved.id()).get().get();
        assertThat(now.item().location()).isEqualTo("R&D <lab>");

        // a revise of another field entity-decodes the stored description: the adapter sends it again
        Written.Saved revised = (Written.Saved) cal.write(new Write.Update(saved.id(), now.version(), meeting("Renamed"), HashSet.of(Field.TITLE))).get();
        assertThat(revised.stored().description()).isEqualTo(script);
        assertThat(revised.stored().location()).isEqualTo("R&D <lab>");
    }

    @Test
    void characters_outside_the_bmp_are_replaced_deliberately_or_rejected() {
        Written.Saved saved = create(cal, meeting("Party \uD83C\uDF89 time"), "emoji");
        assertThat(saved.stored().title()).isEqualTo("Party \uFFFD time");
        assertThat(cal.get(saved.id()).get().get().item().title()).isEqualTo("Party \uFFFD time");

        VtigerRestCalendar strict = new VtigerRestCalendar(settings(vtiger).withNonBmp(dev.gsync.vtiger.mapping.NonBmpPolicy.REJECT), new VtigerUser("alice", AccessKey.of(ALICE_KEY)));
        assertThat(strict.write(new Write.Create(meeting("\uD83D\uDE00"), key("e2"))).getLeft()).isInstanceOf(CalendarFailure.Rejected.class);
    }

    @Test
    void statuses_vtiger_distinguishes_more_finely_are_read_as_their_own_and_written_exactly() {
        // keeping Held when Google only says "confirmed" is the core's rule R14, not this adapter's guess
        Written.Saved saved = create(cal, meeting("Held meeting"), "st");
        vtiger.editInUi(saved.id().value(), "eventstatus", "Held", 1);
        Change.Upserted now = cal.get(saved.id()).get().get();
        assertThat(now.item().status()).isEqualTo(ItemStatus.HELD);

        cal.write(new Write.Update(saved.id(), now.version(), meeting("Held meeting").withStatus(ItemStatus.HELD), HashSet.of(Field.STATUS, Field.TITLE))).get();
        assertThat(vtiger.rec(saved.id().value()).fields.get("eventstatus")).isEqualTo("Held");

        Change.Upserted later = cal.get(saved.id()).get().get();
        cal.write(new Write.Update(saved.id(), later.version(), meeting("x").withStatus(ItemStatus.CANCELLED), HashSet.of(Field.STATUS))).get();
        assertThat(vtiger.rec(saved.id().value()).fields.get("eventstatus")).isEqualTo("Not Held");
    }

    @Test
    void titles_too_long_for_vtiger_are_cut_to_the_column_and_the_cut_is_reported() {
        Written.Saved saved = (Written.Saved) cal.write(new Write.Create(meeting("x".repeat(256)), key("long"))).get();

        assertThat(saved.stored().title()).isEqualTo("x".repeat(255));
        assertThat(cal.notices()).extracting(n -> n.id().value() + " " + n.what())
                .containsExactly(saved.id().value() + " title cut to vtiger's 255 characters");
        assertThat(cal.notices()).isEmpty();   // each reported once
    }

    @Test
    void an_event_that_ends_before_it_starts_is_read_with_its_end_at_the_start_and_reported() {
        Written.Saved saved = create(cal, meeting("Backwards"), "b");
        vtiger.editInUi(saved.id().value(), "time_end", "09:00:00", 1);      // it starts at 10:00
        cal.notices();

        Timing.Timed read = (Timing.Timed) cal.get(saved.id()).get().get().item().timing();

        assertThat(read.end()).isEqualTo(read.start());
        assertThat(cal.notices()).singleElement().satisfies(n -> {
            assertThat(n.id()).isEqualTo(saved.id());
            assertThat(n.title()).isEqualTo("Backwards");
            assertThat(n.what()).startsWith("ends before it starts");
        });
    }

    @Test
    void revise_of_an_event_drops_invitees_and_the_recurrence_row_as_vtiger_does() {
        Written.Saved saved = create(cal, meeting("Series"), "rr");
        FakeVtiger.Rec rec = vtiger.rec(saved.id().value());
        rec.invitees.add(5);
        rec.recurrenceRow = true;

        cal.write(new Write.Update(saved.id(), saved.version(), meeting("Series, renamed"), HashSet.of(Field.TITLE))).get();

        assertThat(rec.invitees).as("a documented limitation of the webservice").isEmpty();
        assertThat(rec.recurrenceRow).isFalse();
    }

    // ------------------------------------------------------------------ wiring

    @Test
    void the_guice_module_hands_out_one_calendar_per_user() {
        var injector = Guice.createInjector(new VtigerRestModule(settings(vtiger),
                user -> user.value().equals("alice") ? io.vavr.control.Either.right(AccessKey.of(ALICE_KEY)) : io.vavr.control.Either.left("no key for " + user)));
        VtigerRestCalendars calendars = injector.getInstance(VtigerRestCalendars.class);

        assertThat(calendars.calendarOf(UserId.of("alice")).get()).isSameAs(calendars.calendarOf(UserId.of("alice")).get());
        assertThat(calendars.calendarOf(UserId.of("carol")).getLeft()).contains("carol");
        assertThat(calendars.calendarOf(UserId.of("alice")).get().feedMode().isRight()).isTrue();
    }

    @Test
    void bad_settings_stop_start_up_with_every_problem_named() {
        VtigerRestSettings bad = VtigerRestSettings.defaults(URI.create("ftp://crm/webservice.php")).withRetries(0, Duration.ZERO);

        assertThatThrownBy(() -> new VtigerRestModule(bad, u -> io.vavr.control.Either.left("none")))
                .hasMessageContaining("endpoint").hasMessageContaining("attempts");
    }
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

    @Test
    void vtql_and_sql_injection_in_titles_descriptions_and_locations_is_stored_verbatim_and_breaks_nothing() {
        VtigerRestCalendar cal = alice(vtiger);
        java.util.List<dev.gsync.core.model.ExternalId> ids = new java.util.ArrayList<>();
        for (int i = 0; i < INJECTIONS.size(); i++) {
            String attempt = INJECTIONS.get(i);
            CalendarItem item = meeting(attempt).withDescription("<p>" + attempt + "</p>").withLocation(attempt);
            Written.Saved saved = create(cal, item, "injection-" + i);
            ids.add(saved.id());
            assertThat(cal.get(saved.id()).get().get().item().title()).as(attempt).isEqualTo(attempt);
            assertThat(cal.get(saved.id()).get().get().item().description()).as(attempt).isEqualTo("<p>" + attempt + "</p>");
            assertThat(cal.get(saved.id()).get().get().item().location()).as(attempt).isEqualTo(attempt);
        }
        // the feed, which queries vtiger in VTQL, still lists every one of them
        assertThat(pass(cal, dev.gsync.core.port.Cursor.START).changes().map(dev.gsync.core.port.Change::id)).containsAll(ids);
    }
}
