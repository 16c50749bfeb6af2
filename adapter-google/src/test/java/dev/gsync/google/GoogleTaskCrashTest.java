package dev.gsync.google;

import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.tasks.model.Task;
import dev.gsync.core.memory.InMemoryCrmCalendar;
import dev.gsync.core.memory.InMemorySyncStateStore;
import dev.gsync.core.port.AppliedScope;
import dev.gsync.core.model.CalendarItem;
import dev.gsync.core.model.ExternalId;
import dev.gsync.core.port.HeldDeletion;
import dev.gsync.core.model.ItemKind;
import dev.gsync.core.model.Link;
import dev.gsync.core.model.Side;
import dev.gsync.core.model.SyncSettings;
import dev.gsync.core.model.Timing;
import dev.gsync.core.model.UserId;
import dev.gsync.core.port.Cursor;
import dev.gsync.core.port.ItemRef;
import dev.gsync.core.port.SyncStateStore;
import dev.gsync.core.run.RunOptions;
import dev.gsync.core.run.RunReport;
import dev.gsync.core.run.SyncRun;
import dev.gsync.emulator.EmulatedUser;
import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.Set;
import io.vavr.control.Option;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A crash between an applied tasks.insert and the saved link: the process dies (here: the state store throws an
 * Error at the moment the link would be saved, after Google has the task), a new process with a new adapter runs
 * again. The task names its CRM original in its notes, so the second run adopts it (R8): one task, one to-do, linked.
 */
class GoogleTaskCrashTest {
    private static EmulatedGoogle google;

    @BeforeAll
    static void start() {
        google = EmulatedGoogle.start();
    }

    @AfterAll
    static void stop() {
        google.close();
    }

    @Test
    void a_task_whose_link_was_lost_in_a_crash_is_adopted_not_made_twice() {
        String email = "task-crash@example.com";
        EmulatedUser account = google.user(email);
        SyncSettings settings = SyncSettings.defaults().withKinds(HashSet.of(ItemKind.TASK));
        UserId user = UserId.of(email);
        InMemoryCrmCalendar crm = new InMemoryCrmCalendar(Clock.systemUTC());
        LocalDate due = LocalDate.now(Clock.systemUTC()).plusDays(3);
        ExternalId todo = crm.add(CalendarItem.task("Call Ann", Timing.Due.on(due)).withDescription("About the offer"));
        InMemorySyncStateStore state = new InMemorySyncStateStore();

        assertThatThrownBy(() -> new SyncRun(crm, google.adapter(email, settings), new DiesAtFirstLink(state), Clock.systemUTC())
                .run(user, settings, RunOptions.DEFAULT)).isInstanceOf(ProcessDied.class);
        assertThat(tasks(account)).as("Google applied the insert before the crash").hasSize(1);
        assertThat(state.allLinks(user)).isEmpty();

        RunReport again = new SyncRun(crm, google.adapter(email, settings), state, Clock.systemUTC()).run(user, settings, RunOptions.DEFAULT);
        RunReport quiet = new SyncRun(crm, google.adapter(email, settings), state, Clock.systemUTC()).run(user, settings, RunOptions.DEFAULT);

        assertThat(again.failures()).as(again.summary()).isEmpty();
        assertThat(tasks(account)).as("one task in Google").hasSize(1);
        assertThat(crm.items()).as("one to-do in the CRM").hasSize(1);
        assertThat(state.allLinks(user)).hasSize(1).allMatch(l -> l.crmId().equals(todo));
        assertThat(tasks(account).get(0).getNotes()).isEqualTo("About the offer\n\n[gsync crm:" + todo.value() + "]");
        assertThat(crm.item(todo).get().description()).as("the marker never reaches the CRM").isEqualTo("About the offer");
        for (Side side : Side.values()) {
            RunReport.Counts c = quiet.counts(side);
            assertThat(c.created() + c.updated() + c.deleted()).as(quiet.summary()).isZero();
        }
    }

    private static List<Task> tasks(EmulatedUser account) {
        return List.ofAll(account.tasks(account.defaultTaskListId())).map(json -> {
            try {
                return GsonFactory.getDefaultInstance().fromString(json, Task.class);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }).filter(t -> !Boolean.TRUE.equals(t.getDeleted()));
    }

    /** What a SIGKILL would be at that instant: nothing after it runs, nothing catches it. */
    private static final class ProcessDied extends Error {
        ProcessDied() {
            super("killed before the link was saved");
        }
    }

    private record DiesAtFirstLink(SyncStateStore store) implements SyncStateStore {
        public void saveLink(UserId user, Link link) { throw new ProcessDied(); }
        public Seq<UserId> users() { return store.users(); }
        public Option<SyncSettings> settings(UserId user) { return store.settings(user); }
        public void saveSettings(UserId user, SyncSettings settings) { store.saveSettings(user, settings); }
        public Option<Cursor> cursor(UserId user, Side side) { return store.cursor(user, side); }
        public void saveCursor(UserId user, Side side, Cursor cursor) { store.saveCursor(user, side, cursor); }
        public Seq<Link> links(UserId user, Set<ExternalId> crmIds, Set<ExternalId> googleIds) { return store.links(user, crmIds, googleIds); }
        public Seq<Link> allLinks(UserId user) { return store.allLinks(user); }
        public int linkCount(UserId user) { return store.linkCount(user); }
        public void removeLink(UserId user, Link link) { store.removeLink(user, link); }
        public Set<ItemRef> pending(UserId user) { return store.pending(user); }
        public void savePending(UserId user, Set<ItemRef> pending) { store.savePending(user, pending); }
        public Option<AppliedScope> appliedScope(UserId user) { return store.appliedScope(user); }
        public void saveAppliedScope(UserId user, AppliedScope applied) { store.saveAppliedScope(user, applied); }
        public Option<HeldDeletion> heldDeletion(UserId user) { return store.heldDeletion(user); }
        public void holdDeletion(HeldDeletion held) { store.holdDeletion(held); }
        public void releaseHeldDeletion(UserId user) { store.releaseHeldDeletion(user); }
    }
}
