package dev.gsync.google;

import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.tasks.model.Task;
import dev.gsync.core.model.CalendarItem;
import dev.gsync.core.model.Field;
import dev.gsync.core.model.SyncSettings;
import dev.gsync.core.model.Timing;
import dev.gsync.core.port.CalendarFailure;
import dev.gsync.core.port.Write;
import dev.gsync.core.port.Written;
import dev.gsync.emulator.EmulatedUser;
import dev.gsync.emulator.EmulatorSettings;
import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.control.Either;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;

import static dev.gsync.google.GoogleApiCalendarTestItems.key;
import static dev.gsync.google.GoogleApiCalendarTestItems.meeting;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Answers lost after Google applied the write: the emulator holds the request longer than the client waits (the
 * client gives up, the emulator then applies it), and the adapter's retry must not make a second item nor take its
 * own first write for somebody else's.
 */
class GoogleLostAnswerTest {
    private static final Duration CLIENT_WAITS = Duration.ofMillis(1500);
    private static final Duration SERVER_HOLDS = Duration.ofMillis(2500);
    private static EmulatedGoogle google;

    @BeforeAll
    static void start() {
        // the retry comes after the held request was applied: backoff of 3 s and more
        google = new EmulatedGoogle(EmulatorSettings.defaults().withoutQuota(), GoogleConfig.Rate.unlimited(),
                c -> c.withReadTimeout(CLIENT_WAITS).withRetries(4, Duration.ofSeconds(3), Duration.ofSeconds(4)));
    }

    @AfterAll
    static void stop() {
        google.close();
    }

    private static <T> T parse(String json, Class<T> type) {
        try {
            return GsonFactory.getDefaultInstance().fromString(json, type);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void an_event_create_whose_answer_was_lost_is_retried_into_the_same_single_event() {
        String email = "lost-create@example.com";
        EmulatedUser user = google.user(email);
        GoogleApiCalendar adapter = google.adapter(email, SyncSettings.defaults());

        long sent = adapter.httpRequests();
        google.emulator.faults().delayNext(1, SERVER_HOLDS);
        Either<CalendarFailure, Written> created = adapter.write(new Write.Create(meeting("Demo"), key("lost-1")));

        // D38: after no answer the adapter reads before inserting again (it used to insert, meet 409, then read)
        assertThat(adapter.httpRequests() - sent).as("the insert, then the look-up").isEqualTo(2);
        assertThat(created.isRight()).as("%s", created).isTrue();
        assertThat(List.ofAll(user.events(email)).map(json -> parse(json, Event.class))).hasSize(1)
                .allMatch(e -> e.getId().equals(GoogleIds.parse(created.get().id()).get().itemId()));
    }

    @Test
    void an_event_create_dropped_before_google_performed_it_is_looked_up_then_inserted_once() {
        String email = "dropped-create@example.com";
        EmulatedUser user = google.user(email);
        GoogleApiCalendar adapter = google.adapter(email, SyncSettings.defaults());

        long sent = adapter.httpRequests();
        google.emulator.faults().dropNext(1);
        Either<CalendarFailure, Written> created = adapter.write(new Write.Create(meeting("Demo"), key("dropped-1")));

        assertThat(adapter.httpRequests() - sent).as("the insert, the look-up (404), the insert again").isEqualTo(3);
        assertThat(created.isRight()).as("%s", created).isTrue();
        assertThat(List.ofAll(user.events(email))).hasSize(1);
    }

    @Test
    void an_update_whose_answer_was_lost_is_recognised_as_done_not_as_stale() {
        String email = "lost-update@example.com";
        EmulatedUser user = google.user(email);
        GoogleApiCalendar adapter = google.adapter(email, SyncSettings.defaults());
        Written.Saved created = (Written.Saved) adapter.write(new Write.Create(meeting("Demo"), key("lost-2"))).get();

        long sent = adapter.httpRequests();
        google.emulator.faults().delayNext(1, SERVER_HOLDS);
        Either<CalendarFailure, Written> updated = adapter.write(new Write.Update(created.id(), created.version(),
                created.stored().withTitle("Demo, moved"), HashSet.of(Field.TITLE)));

        assertThat(adapter.httpRequests() - sent).as("the update, again (412), then the look-up").isEqualTo(3);
        assertThat(updated.isRight()).as("%s", updated).isTrue();
        assertThat(((Written.Saved) updated.get()).stored().title()).isEqualTo("Demo, moved");
        assertThat(parse(user.event(email, GoogleIds.parse(created.id()).get().itemId()).get(), Event.class).getSummary()).isEqualTo("Demo, moved");
    }

    @Test
    void a_task_create_whose_answer_was_lost_adopts_the_task_it_made() {
        String email = "lost-task@example.com";
        EmulatedUser user = google.user(email);
        GoogleApiCalendar adapter = google.adapter(email, SyncSettings.defaults());
        CalendarItem todo = CalendarItem.task("Call Ann", Timing.Due.on(LocalDate.of(2026, 6, 1)));

        long sent = adapter.httpRequests();
        google.emulator.faults().delayNext(1, SERVER_HOLDS);
        Either<CalendarFailure, Written> created = adapter.write(new Write.Create(todo, key("lost-3")));

        assertThat(adapter.httpRequests() - sent).as("the insert, then the look-up that finds it").isEqualTo(2);
        assertThat(created.isRight()).as("%s", created).isTrue();
        assertThat(List.ofAll(user.tasks(user.defaultTaskListId())).map(json -> parse(json, Task.class))
                .filter(t -> "Call Ann".equals(t.getTitle()))).hasSize(1);
    }
}
