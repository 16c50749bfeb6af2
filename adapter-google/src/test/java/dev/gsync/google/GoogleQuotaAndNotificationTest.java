package dev.gsync.google;

import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.client.util.DateTime;
import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.EventDateTime;
import dev.gsync.core.model.Field;
import dev.gsync.core.model.ItemKind;
import dev.gsync.core.model.SyncSettings;
import dev.gsync.core.port.CalendarFailure;
import dev.gsync.core.port.Write;
import dev.gsync.core.port.Written;
import dev.gsync.emulator.EmulatedUser;
import dev.gsync.emulator.EmulatorSettings;
import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static dev.gsync.google.GoogleApiCalendarTestItems.key;
import static dev.gsync.google.GoogleApiCalendarTestItems.meeting;
import static org.assertj.core.api.Assertions.assertThat;

/** An emulator of its own per test: quota windows and notification counters must start at zero. */
class GoogleQuotaAndNotificationTest {
    private static final SyncSettings EVENTS = SyncSettings.defaults().withKinds(HashSet.of(ItemKind.EVENT));
    private EmulatedGoogle google;

    @AfterEach
    void stop() {
        if (google != null) google.close();
    }

    @Test
    void calls_over_the_quota_fail_as_quota_exceeded_once_the_budget_is_spent_and_succeed_once_later() {
        google = new EmulatedGoogle(EmulatorSettings.defaults().userRequestsPerMinute(60).projectRequestsPerMinute(0), GoogleConfig.Rate.unlimited());
        String email = "quota@example.com";
        EmulatedUser user = google.user(email);
        GoogleApiCalendar adapter = google.adapter(email, EVENTS);

        Seq<Write> writes = List.range(0, 80).map(i -> new Write.Create(meeting("Event " + i), key("q-" + i)));
        Seq<Either<CalendarFailure, Written>> first = adapter.write(writes);

        assertThat(first.filter(Either::isRight)).hasSize(60);
        assertThat(first.filter(Either::isLeft).map(Either::getLeft)).hasSize(20).allMatch(f -> f instanceof CalendarFailure.QuotaExceeded);
        google.emulator.resetQuotaWindows();
        Seq<Write> leftovers = writes.zip(first).filter(t -> t._2.isLeft()).map(t -> t._1);
        assertThat(adapter.write(leftovers).filter(Either::isLeft)).isEmpty();
        assertThat(List.ofAll(user.events(email))).hasSize(80);
    }

    @Test
    void paced_under_the_users_quota_no_call_is_refused() {
        google = new EmulatedGoogle(EmulatorSettings.defaults().userRequestsPerMinute(600).projectRequestsPerMinute(0),
                GoogleConfig.Rate.perSecond(40));
        String email = "paced@example.com";
        GoogleApiCalendar adapter = google.adapter(email, EVENTS);

        Seq<Either<CalendarFailure, Written>> results = adapter.write(List.range(0, 150).map(i -> new Write.Create(meeting("Event " + i), key("p-" + i))));

        assertThat(results.filter(Either::isLeft)).isEmpty();
        assertThat(google.emulator.stats().quotaRejections()).isZero();
        assertThat(adapter.apiCalls()).isEqualTo(150);
        assertThat(adapter.httpRequests()).isEqualTo(3);
    }

    @Test
    void no_write_of_gsync_notifies_attendees_while_a_write_that_asks_to_would_be_counted() throws Exception {
        google = EmulatedGoogle.start();
        String email = "quiet@example.com";
        EmulatedUser user = google.user(email);
        GoogleApiCalendar adapter = google.adapter(email, EVENTS);
        var withGuest = meeting("With a guest").withAttendees(List.of(dev.gsync.core.model.Attendee.of("guest@example.com")));

        Written.Saved created = (Written.Saved) adapter.write(new Write.Create(withGuest, key("n1"))).get();
        Written.Saved updated = (Written.Saved) adapter.write(new Write.Update(created.id(), created.version(), withGuest.withTitle("Moved"), HashSet.of(Field.TITLE, Field.ATTENDEES))).get();
        adapter.write(new Write.Delete(updated.id(), updated.version())).get();

        assertThat(google.emulator.stats().apiCalls()).isGreaterThanOrEqualTo(3);
        assertThat(google.emulator.stats().notifyingWrites()).isZero();
        // the check can fail: a client that asks Google to notify is counted
        Calendar raw = new Calendar.Builder(new NetHttpTransport(), GsonFactory.getDefaultInstance(),
                request -> request.getHeaders().setAuthorization("Bearer " + user.accessToken())).setRootUrl(google.emulator.rootUrl()).build();
        raw.events().insert(email, new Event().setSummary("loud")
                .setStart(new EventDateTime().setDateTime(new DateTime("2026-05-04T09:00:00Z")))
                .setEnd(new EventDateTime().setDateTime(new DateTime("2026-05-04T10:00:00Z")))).setSendUpdates("all").execute();
        assertThat(google.emulator.stats().notifyingWrites()).isEqualTo(1);
    }
}
