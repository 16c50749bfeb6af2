package dev.gsync.app;

import dev.gsync.core.fixtures.MutableClock;
import dev.gsync.core.model.CalendarItem;
import dev.gsync.core.model.ExternalId;
import dev.gsync.core.model.Field;
import dev.gsync.core.model.ItemKind;
import dev.gsync.core.model.ItemStatus;
import dev.gsync.core.model.Link;
import dev.gsync.core.model.SyncSettings;
import dev.gsync.core.model.Timing;
import dev.gsync.core.model.UserId;
import dev.gsync.core.port.Change;
import dev.gsync.core.port.CrmCalendar;
import dev.gsync.core.port.GoogleCalendar;
import dev.gsync.core.port.Write;
import dev.gsync.core.run.RunOptions;
import dev.gsync.core.run.RunReport;
import dev.gsync.core.run.SyncRun;
import dev.gsync.emulator.EmulatedUser;
import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12 with the real adapters: vtiger's tables on the embedded MariaDB through the JDBC adapter (statuses through
 * the shared vtiger mapping), the Google adapter (the official Calendar and Tasks clients) against the emulator, the
 * JPA state store. What a user does in Google is done on the emulator's side, as Google's own apps would.
 */
class TodosAndStatusesTest {
    private static final ZoneId UTC = ZoneId.of("UTC");
    private static RunnerFixture runner;

    @BeforeAll
    static void start() {
        runner = new RunnerFixture(true, true);
    }

    @AfterAll
    static void stop() throws Exception {
        if (runner != null) runner.close();
    }

    private static final class Story {
        final UserId user;
        final MutableClock clock = new MutableClock(Instant.now());
        SyncSettings settings;

        Story(String crmUser, ItemKind kind) throws Exception {
            user = UserId.of(crmUser);
            dev.gsync.app.demo.BrowserlessConsent.follow(runner.web.links().connectLink(user));
            settings = SyncSettings.defaults(UTC).withKinds(HashSet.of(kind));
        }

        CrmCalendar crm() {
            return runner.services.injector().getInstance(CrmCalendars.class).forUser(user).get();
        }

        RunReport sync() {
            GoogleCalendar google = runner.services.injector().getInstance(GoogleSide.class).forUser(user, settings);
            RunReport report = new SyncRun(crm(), google, runner.services.store(), clock).run(user, settings, RunOptions.DEFAULT);
            assertThat(report.outcome()).as(report.summary()).isEqualTo(RunReport.Outcome.COMPLETED);
            return report;
        }

        List<Link> links() {
            return List.ofAll(runner.services.store().allLinks(user));
        }

        CalendarItem inCrm(ExternalId id) {
            return crm().get(id).get().get().item();
        }

        void editInCrm(ExternalId id, CalendarItem item, Field... fields) {
            Change.Upserted now = crm().get(id).get().get();
            var written = crm().write(List.of(new Write.Update(id, now.version(), item, HashSet.of(fields)))).head();
            assertThat(written.isRight()).as("%s", written).isTrue();
        }
    }

    private static EmulatedUser google() {
        return runner.emulator.user(RunnerFixture.GOOGLE_ACCOUNT);
    }

    private static String id(String taskJson) {
        return taskJson.replaceAll("(?s)^.*?\"id\":\"([^\"]*)\".*", "$1");
    }

    /** A due date that many days from today, as Google writes it. */
    private static String due(int days) {
        return LocalDate.now(ZoneOffset.UTC).plusDays(days) + "T00:00:00.000Z";
    }

    private static String googleTask(String list, String taskId) {
        return google().task(list, taskId).orElseThrow();
    }

    @Test
    void an_undated_google_task_gets_a_stand_in_date_in_the_crm_that_never_goes_back_and_a_later_google_date_replaces_it() throws Exception {
        Story story = new Story("alice", ItemKind.TASK);
        String list = google().addTaskList("Errands");   // every story has its own list (one Google account for all)
        story.settings = story.settings.withGoogleTaskLists(List.of(list));
        String taskId = id(google().seedTask(list, "{\"title\":\"Buy stamps\"}"));

        story.sync();

        Link link = story.links().single();
        CalendarItem todo = story.inCrm(link.crmId());
        assertThat(todo.title()).isEqualTo("Buy stamps");
        assertThat(todo.timing()).isEqualTo(Timing.Due.on(LocalDate.now(ZoneOffset.UTC)));   // the day first seen

        // the CRM renames it and marks it in progress; later runs, a day later too, send no date to Google
        story.editInCrm(link.crmId(), todo.withTitle("Buy stamps (50)").withStatus(ItemStatus.IN_PROGRESS), Field.TITLE, Field.STATUS);
        story.sync();
        story.clock.advance(Duration.ofDays(1));
        story.sync();
        assertThat(googleTask(list, taskId)).contains("\"title\":\"Buy stamps (50)\"").doesNotContain("\"due\"");
        assertThat(story.inCrm(link.crmId()).status()).isEqualTo(ItemStatus.IN_PROGRESS);

        // a due date set later in Google replaces the stand-in
        google().editTask(list, taskId, "{\"due\":\"" + due(17) + "\"}");
        story.sync();
        assertThat(story.inCrm(link.crmId()).timing()).isEqualTo(Timing.Due.on(LocalDate.now(ZoneOffset.UTC).plusDays(17)));
        assertThat(story.inCrm(link.crmId()).status()).as("the CRM's finer status survives").isEqualTo(ItemStatus.IN_PROGRESS);
        assertThat(story.links()).hasSize(1);
    }

    @Test
    void a_task_moved_between_two_chosen_lists_stays_one_crm_todo() throws Exception {
        Story story = new Story("bob", ItemKind.TASK);
        String home = google().addTaskList("Home");
        String work = google().addTaskList("Work");
        story.settings = story.settings.withGoogleTaskLists(List.of(work, home));
        String taskId = id(google().seedTask(home, "{\"title\":\"Renew passport\",\"due\":\"" + due(10) + "\"}"));
        google().seedTask(work, "{\"title\":\"Quarterly report\",\"due\":\"" + due(20) + "\"}");
        story.sync();
        assertThat(runner.crmTitles(story.user)).containsExactly("Quarterly report", "Renew passport");
        ExternalId crmId = story.links().find(l -> story.inCrm(l.crmId()).title().equals("Renew passport")).get().crmId();

        google().moveTask(home, taskId, work);
        story.sync();
        google().editTask(work, taskId, "{\"title\":\"Renew passport (urgent)\"}");
        story.sync();

        assertThat(runner.crmTitles(story.user)).containsExactly("Quarterly report", "Renew passport (urgent)");
        assertThat(story.inCrm(crmId).title()).isEqualTo("Renew passport (urgent)");
        assertThat(story.links()).hasSize(2);

        // a CRM edit reaches the task in the list it lives in now
        story.editInCrm(crmId, story.inCrm(crmId).withStatus(ItemStatus.COMPLETED), Field.STATUS);
        story.sync();
        assertThat(googleTask(work, taskId)).contains("\"status\":\"completed\"");
        assertThat(google().tasks(home)).noneMatch(t -> t.contains(taskId));
    }

    @Test
    void a_subtask_arrives_with_its_parent_named_and_clear_completed_deletes_nothing() throws Exception {
        Story story = new Story("carol", ItemKind.TASK);
        String list = google().addTaskList("Events");
        story.settings = story.settings.withGoogleTaskLists(List.of(list));
        String parent = id(google().seedTask(list, "{\"title\":\"Offsite\",\"due\":\"" + due(30) + "\"}"));
        String child = id(google().seedSubtask(list, parent, "{\"title\":\"Book the room\",\"due\":\"" + due(20) + "\"}"));
        story.sync();
        assertThat(runner.crmTitles(story.user)).containsExactly("Offsite", "Offsite \u203A Book the room");

        // the CRM renames the subtask: Google keeps the child's own title
        ExternalId childInCrm = story.links().find(l -> story.inCrm(l.crmId()).title().startsWith("Offsite \u203A")).get().crmId();
        story.editInCrm(childInCrm, story.inCrm(childInCrm).withTitle("Offsite \u203A Book the big room"), Field.TITLE);
        story.sync();
        assertThat(googleTask(list, child)).contains("\"title\":\"Book the big room\"");
        story.sync();
        assertThat(story.inCrm(childInCrm).title()).isEqualTo("Offsite \u203A Book the big room");

        // both completed in Google, then "clear completed": the CRM keeps both, completed
        google().editTask(list, parent, "{\"status\":\"completed\"}");
        google().editTask(list, child, "{\"status\":\"completed\"}");
        story.sync();
        google().clearCompleted(list);
        assertThat(googleTask(list, parent)).contains("\"hidden\":true");
        story.sync();
        story.sync();

        assertThat(runner.crmTitles(story.user)).containsExactly("Offsite", "Offsite \u203A Book the big room");
        assertThat(story.links()).hasSize(2).allMatch(l -> story.inCrm(l.crmId()).status() == ItemStatus.COMPLETED);
    }

    @Test
    void not_held_in_the_crm_shows_in_google_as_documented_and_survives_later_runs() throws Exception {
        Story story = new Story("dave", ItemKind.EVENT);
        Instant start = Instant.now().plus(Duration.ofDays(2)).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        ExternalId meeting = runner.addToCrm(story.user, CalendarItem.event("Demo at ACME", new Timing.Timed(start, start.plus(Duration.ofHours(1)), UTC)));
        ExternalId review = runner.addToCrm(story.user, CalendarItem.event("Review", new Timing.Timed(start.plus(Duration.ofHours(3)), start.plus(Duration.ofHours(4)), UTC)));
        story.sync();

        story.editInCrm(meeting, story.inCrm(meeting).withStatus(ItemStatus.CANCELLED), Field.STATUS);
        story.editInCrm(review, story.inCrm(review).withStatus(ItemStatus.HELD), Field.STATUS);
        story.sync();

        String meetingInGoogle = google().events("primary").stream().filter(e -> e.contains("Demo at ACME")).findFirst().orElseThrow();
        assertThat(meetingInGoogle).contains("\"summary\":\"Not held: Demo at ACME\"").contains("\"status\":\"confirmed\"");

        // a Google user edits both events' descriptions; later runs keep Not Held and Held in the CRM
        for (String json : google().events("primary")) {
            String eventId = id(json);
            google().editEvent("primary", eventId, "{\"description\":\"notes from the call\"}");
        }
        story.sync();
        story.sync();
        assertThat(story.inCrm(meeting).status()).isEqualTo(ItemStatus.CANCELLED);
        assertThat(story.inCrm(meeting).title()).isEqualTo("Demo at ACME");
        assertThat(story.inCrm(review).status()).isEqualTo(ItemStatus.HELD);
        assertThat(google().events("primary")).anyMatch(e -> e.contains("\"summary\":\"Not held: Demo at ACME\""))
                .anyMatch(e -> e.contains("\"summary\":\"Review\""));

        // taking the prefix away in Google puts the meeting back to Planned
        String eventId = id(google().events("primary").stream().filter(e -> e.contains("Demo at ACME")).findFirst().orElseThrow());
        google().editEvent("primary", eventId, "{\"summary\":\"Demo at ACME\"}");
        story.sync();
        assertThat(story.inCrm(meeting).status()).isEqualTo(ItemStatus.CONFIRMED);
    }
}
