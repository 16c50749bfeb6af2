package dev.gsync.emulator;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.util.Data;
import com.google.api.services.tasks.Tasks;
import com.google.api.services.tasks.model.Task;
import com.google.api.services.tasks.model.TaskList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TasksTest {
    private static GoogleEmulator google;

    @BeforeAll
    static void start() { google = GoogleEmulator.start(EmulatorSettings.defaults().withoutQuota()); }

    @AfterAll
    static void stop() { google.stop(); }

    @Test
    void a_task_goes_through_insert_get_complete_reopen_and_delete() throws IOException {
        EmulatedUser ann = google.user("tasks@example.com");
        Tasks tasks = GoogleClients.tasks(google, ann.accessToken());
        List<TaskList> lists = tasks.tasklists().list().execute().getItems();
        String list = lists.get(0).getId();

        Task created = tasks.tasks().insert(list, new Task().setTitle("Call back").setNotes("re: offer")
                .setDue("2026-08-01T15:30:00.000+02:00")).execute();
        Task completed = tasks.tasks().patch(list, created.getId(), new Task().setStatus("completed")).execute();
        Task reopened = tasks.tasks().patch(list, created.getId(), new Task().setStatus("needsAction")
                .setCompleted(Data.NULL_STRING)).execute();
        tasks.tasks().delete(list, created.getId()).execute();
        List<Task> visible = tasks.tasks().list(list).execute().getItems();
        List<Task> withDeleted = tasks.tasks().list(list).setShowDeleted(true).execute().getItems();

        assertThat(lists).extracting(TaskList::getTitle).containsExactly("My Tasks");
        assertThat(created.getDue()).as("Google keeps only the date").isEqualTo("2026-08-01T00:00:00.000Z");
        assertThat(created.getStatus()).isEqualTo("needsAction");
        assertThat(created.getCompleted()).isNull();
        assertThat(completed.getCompleted()).isNotNull();
        assertThat(completed.getEtag()).isNotEqualTo(created.getEtag());
        assertThat(reopened.getCompleted()).isNull();
        assertThat(visible == null ? List.of() : visible).isEmpty();
        assertThat(withDeleted).singleElement().satisfies(t -> assertThat(t.getDeleted()).isTrue());
    }

    @Test
    void a_subtask_is_inserted_under_its_parent_and_a_move_to_another_list_keeps_the_id_and_takes_the_subtasks_along() throws IOException {
        EmulatedUser cid = google.user("tasks.move@example.com");
        Tasks tasks = GoogleClients.tasks(google, cid.accessToken());
        String home = tasks.tasklists().list().execute().getItems().get(0).getId();
        String work = tasks.tasklists().insert(new TaskList().setTitle("Work")).execute().getId();
        Task parent = tasks.tasks().insert(home, new Task().setTitle("Offsite")).execute();
        Task child = tasks.tasks().insert(home, new Task().setTitle("Book the room")).setParent(parent.getId()).execute();

        Task moved = tasks.tasks().move(home, parent.getId()).setDestinationTasklist(work).execute();

        assertThat(child.getParent()).isEqualTo(parent.getId());
        assertThat(moved.getId()).isEqualTo(parent.getId());
        assertThat(moved.getEtag()).isNotEqualTo(parent.getEtag());
        assertThat(tasks.tasks().list(work).execute().getItems()).extracting(Task::getId).containsExactlyInAnyOrder(parent.getId(), child.getId());
        List<Task> left = tasks.tasks().list(home).setShowDeleted(true).setShowHidden(true).execute().getItems();
        assertThat(left == null ? List.of() : left).as("no trace in the list it left").isEmpty();
        assertThat(tasks.tasks().get(work, child.getId()).execute().getParent()).isEqualTo(parent.getId());
    }

    @Test
    void clear_hides_completed_tasks_which_then_list_only_with_show_hidden() throws IOException {
        EmulatedUser dee = google.user("tasks.clear@example.com");
        Tasks tasks = GoogleClients.tasks(google, dee.accessToken());
        Task done = tasks.tasks().insert("@default", new Task().setTitle("done").setStatus("completed")).execute();
        tasks.tasks().insert("@default", new Task().setTitle("open")).execute();

        tasks.tasks().clear("@default").execute();

        assertThat(tasks.tasks().list("@default").execute().getItems()).extracting(Task::getTitle).containsExactly("open");
        assertThat(tasks.tasks().list("@default").setShowHidden(true).execute().getItems())
                .filteredOn(t -> t.getId().equals(done.getId())).singleElement().satisfies(t -> {
                    assertThat(t.getHidden()).isTrue();
                    assertThat(t.getDeleted()).isNull();
                });
    }

    @Test
    void update_replaces_and_updated_min_polls_changes() throws IOException {
        EmulatedUser bob = google.user("tasks.poll@example.com");
        Tasks tasks = GoogleClients.tasks(google, bob.accessToken());
        Task first = tasks.tasks().insert("@default", new Task().setTitle("first").setNotes("keep?")).execute();
        Task second = tasks.tasks().insert("@default", new Task().setTitle("second")).execute();
        google.advanceClock(Duration.ofMinutes(1));
        String since = tasks.tasks().get("@default", second.getId()).execute().getUpdated();
        google.advanceClock(Duration.ofMinutes(1));
        bob.accessToken();

        Task replaced = tasks.tasks().update("@default", first.getId(), new Task().setId(first.getId()).setTitle("first, renamed")).execute();
        var changed = GoogleClients.tasks(google, bob.accessToken()).tasks().list("@default")
                .setUpdatedMin(new com.google.api.client.util.DateTime(new com.google.api.client.util.DateTime(since).getValue() + 1000).toStringRfc3339())
                .setShowDeleted(true).setShowHidden(true).execute().getItems();

        assertThat(replaced.getNotes()).as("update replaces the whole task").isNull();
        assertThat(changed).extracting(Task::getId).containsExactly(first.getId());
    }

    @Test
    void task_lists_page_at_most_100_tasks() throws IOException {
        EmulatedUser cid = google.user("tasks.many@example.com");
        String list = cid.addTaskList("Many");
        for (int i = 0; i < 230; i++) cid.seedTask(list, "{\"title\":\"t" + i + "\"}");
        Tasks tasks = GoogleClients.tasks(google, cid.accessToken());

        List<Task> all = new ArrayList<>();
        String pageToken = null;
        int pages = 0;
        do {
            var page = tasks.tasks().list(list).setMaxResults(500).setPageToken(pageToken).execute();
            assertThat(page.getItems().size()).isLessThanOrEqualTo(100);
            all.addAll(page.getItems());
            pageToken = page.getNextPageToken();
            pages++;
        } while (pageToken != null && pages < 10);
        GoogleJsonResponseException missing = GoogleClients.failure(() -> tasks.tasks().get(list, "nope").execute());

        assertThat(pages).isEqualTo(3);
        assertThat(new HashSet<>(all.stream().map(Task::getId).toList())).hasSize(230);
        assertThat(missing.getStatusCode()).isEqualTo(404);
    }
}
