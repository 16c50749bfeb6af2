package dev.gsync.emulator;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.services.calendar.Calendar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QuotaAndFaultsTest {
    private GoogleEmulator google;
    private EmulatedUser ann;
    private Calendar calendar;

    @BeforeEach
    void start() {
        google = GoogleEmulator.start(EmulatorSettings.defaults().userRequestsPerMinute(5).projectRequestsPerMinute(8));
        ann = google.user("quota@example.com");
        calendar = GoogleClients.calendar(google, ann.accessToken());
    }

    @AfterEach
    void stop() { google.stop(); }

    private void call(Calendar client, int times) throws IOException {
        for (int i = 0; i < times; i++) client.events().list("primary").execute();
    }

    @Test
    void the_per_user_quota_answers_403_user_rate_limit_exceeded_until_the_window_slides_on() throws IOException {
        call(calendar, 5);

        GoogleJsonResponseException over = GoogleClients.failure(() -> calendar.events().list("primary").execute());
        google.advanceClock(Duration.ofSeconds(61));
        call(calendar, 1);

        assertThat(over.getStatusCode()).isEqualTo(403);
        assertThat(over.getDetails().getErrors().get(0).getReason()).isEqualTo("userRateLimitExceeded");
        assertThat(over.getDetails().getErrors().get(0).getDomain()).isEqualTo("usageLimits");
        assertThat(over.getHeaders().getContentType()).startsWith("application/json");
        assertThat(google.stats().quotaRejections()).isEqualTo(1);
    }

    @Test
    void the_project_quota_covers_all_users_and_can_answer_429() throws IOException {
        google.settings().quotaErrorStatus(429);
        Calendar bob = GoogleClients.calendar(google, google.user("bob@example.com").accessToken());
        call(calendar, 4);
        call(bob, 4);

        GoogleJsonResponseException over = GoogleClients.failure(() -> bob.events().list("primary").execute());

        assertThat(over.getStatusCode()).isEqualTo(429);
        assertThat(over.getDetails().getErrors().get(0).getReason()).isEqualTo("rateLimitExceeded");
    }

    @Test
    void a_patch_costs_three_quota_units() throws IOException {
        var event = calendar.events().insert("primary", GoogleClients.meeting("x", "2026-09-01T09:00:00Z")).execute();
        calendar.events().patch("primary", event.getId(), new com.google.api.services.calendar.model.Event().setSummary("y")).execute();
        call(calendar, 1);   // 1 + 3 + 1 = 5 units: the whole minute's quota

        GoogleJsonResponseException over = GoogleClients.failure(() -> calendar.events().list("primary").execute());

        assertThat(over.getStatusCode()).isEqualTo(403);
        assertThat(google.stats().apiCalls()).isEqualTo(4);
    }

    @Test
    void armed_faults_answer_backend_errors_then_recover() throws IOException {
        google.settings().withoutQuota();
        google.faults().failNext(2, 503);

        GoogleJsonResponseException first = GoogleClients.failure(() -> calendar.events().list("primary").execute());
        GoogleJsonResponseException second = GoogleClients.failure(() -> calendar.events().list("primary").execute());
        call(calendar, 1);

        assertThat(first.getStatusCode()).isEqualTo(503);
        assertThat(first.getDetails().getErrors().get(0).getReason()).isEqualTo("backendError");
        assertThat(second.getStatusCode()).isEqualTo(503);
        assertThat(google.stats().injectedFaults()).isEqualTo(2);
        assertThat(google.faults().pending()).isZero();
    }

    @Test
    void a_slow_answer_and_a_dropped_connection_happen_on_the_wire() throws IOException {
        google.settings().withoutQuota();
        google.faults().delayNext(1, Duration.ofMillis(700));
        long started = System.nanoTime();
        call(calendar, 1);
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        // HttpURLConnection silently repeats an idempotent request once when its kept-alive connection drops
        google.faults().dropNext(2);

        assertThat(tookMillis).isGreaterThanOrEqualTo(700);
        assertThatThrownBy(() -> calendar.events().list("primary").execute())
                .isInstanceOf(IOException.class).isNotInstanceOf(GoogleJsonResponseException.class);
        call(calendar, 1);
    }

    @Test
    void writes_that_would_notify_attendees_are_counted() throws IOException {
        google.settings().withoutQuota();
        calendar.events().insert("primary", GoogleClients.meeting("quiet", "2026-09-02T09:00:00Z")).setSendUpdates("none").execute();
        calendar.events().insert("primary", GoogleClients.meeting("loud", "2026-09-02T10:00:00Z")).setSendUpdates("all").execute();

        assertThat(google.stats().notifyingWrites()).isEqualTo(1);
    }
}
