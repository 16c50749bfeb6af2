package dev.gsync.emulator;

import com.google.api.client.googleapis.batch.BatchRequest;
import com.google.api.client.googleapis.batch.json.JsonBatchCallback;
import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.HttpHeaders;
import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.Event;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** lose-answer, the method filter and Google's reasons for injected errors, in Java and over the admin API. */
class FaultKindsTest {
    private GoogleEmulator google;
    private EmulatedUser ann;
    private Calendar calendar;

    @BeforeEach
    void start() {
        google = GoogleEmulator.start(EmulatorSettings.defaults().withoutQuota());
        ann = google.user("faults@example.com");
        calendar = GoogleClients.calendar(google, ann.accessToken());
    }

    @AfterEach
    void stop() { google.stop(); }

    private int admin(String faultJson) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(google.rootUrl() + "emulator/faults"))
                .POST(HttpRequest.BodyPublishers.ofString(faultJson)).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void a_lost_answer_means_the_insert_happened_but_the_client_saw_only_a_broken_connection() throws Exception {
        int armed = admin("{\"kind\":\"lose-answer\",\"count\":1,\"method\":\"POST\"}");
        Event sent = GoogleClients.meeting("Lost", "2026-09-01T09:00:00Z").setId("lostcall001");

        assertThat(armed).isEqualTo(204);
        assertThatThrownBy(() -> calendar.events().insert("primary", sent).execute())
                .isInstanceOf(IOException.class).isNotInstanceOf(GoogleJsonResponseException.class);
        assertThat(ann.event("primary", "lostcall001").orElseThrow()).as("the call was performed").contains("\"Lost\"");
        GoogleJsonResponseException again = GoogleClients.failure(() -> calendar.events().insert("primary", sent).execute());
        assertThat(again.getStatusCode()).as("a retry finds it: what idempotent inserts exist for").isEqualTo(409);
        assertThat(google.stats().lostAnswers()).isEqualTo(1);
    }

    @Test
    void the_method_filter_lets_reads_through_and_catches_the_first_write() throws IOException {
        Event event = calendar.events().insert("primary", GoogleClients.meeting("x", "2026-09-01T09:00:00Z").setId("filtered001")).execute();
        google.faults().arm(Faults.Fault.loseAnswer().onMethods("PUT", "DELETE"));

        calendar.events().get("primary", event.getId()).execute();
        calendar.events().list("primary").execute();
        int pendingAfterReads = google.faults().pending();

        assertThat(pendingAfterReads).isEqualTo(1);
        assertThatThrownBy(() -> calendar.events().delete("primary", event.getId()).execute()).isInstanceOf(IOException.class);
        assertThat(ann.event("primary", event.getId()).orElseThrow()).contains("\"cancelled\"");
        assertThat(google.faults().pending()).isZero();
    }

    @Test
    void a_lost_batch_answer_still_performs_every_part() throws Exception {
        admin("{\"kind\":\"lose-answer\",\"method\":[\"POST\"],\"pathContains\":\"/events\"}");
        BatchRequest batch = calendar.batch();
        for (int i = 1; i <= 3; i++) {
            calendar.events().insert("primary", GoogleClients.meeting("b" + i, "2026-09-0" + i + "T09:00:00Z").setId("lostbatch0" + i))
                    .queue(batch, new JsonBatchCallback<Event>() {
                        @Override public void onSuccess(Event e, HttpHeaders headers) {}
                        @Override public void onFailure(GoogleJsonError e, HttpHeaders headers) {}
                    });
        }

        assertThatThrownBy(batch::execute).isInstanceOf(IOException.class);
        assertThat(ann.events("primary")).hasSize(3);
        assertThat(google.faults().pending()).isZero();
    }

    @Test
    void injected_errors_carry_the_reason_asked_for() throws Exception {
        admin("{\"kind\":\"error\",\"reason\":\"userRateLimitExceeded\"}");
        admin("{\"kind\":\"error\",\"reason\":\"quotaExceeded\"}");
        admin("{\"kind\":\"error\",\"reason\":\"rateLimitExceeded\",\"status\":429}");
        GoogleJsonResponseException user = GoogleClients.failure(() -> calendar.events().list("primary").execute());
        GoogleJsonResponseException quota = GoogleClients.failure(() -> calendar.events().list("primary").execute());
        GoogleJsonResponseException rate = GoogleClients.failure(() -> calendar.events().list("primary").execute());

        assertThat(user.getStatusCode()).isEqualTo(403);
        assertThat(user.getDetails().getErrors().get(0).getReason()).isEqualTo("userRateLimitExceeded");
        assertThat(quota.getStatusCode()).isEqualTo(403);
        assertThat(quota.getDetails().getErrors().get(0).getReason()).isEqualTo("quotaExceeded");
        assertThat(quota.getDetails().getErrors().get(0).getDomain()).isEqualTo("usageLimits");
        assertThat(rate.getStatusCode()).isEqualTo(429);
        assertThat(rate.getDetails().getErrors().get(0).getReason()).isEqualTo("rateLimitExceeded");
    }

    @Test
    void a_condition_not_met_fault_answers_412_on_the_filtered_method_only() throws Exception {
        Event event = calendar.events().insert("primary", GoogleClients.meeting("x", "2026-09-01T09:00:00Z")).execute();
        admin("{\"kind\":\"error\",\"reason\":\"conditionNotMet\",\"method\":\"PUT\"}");

        calendar.events().get("primary", event.getId()).execute();
        GoogleJsonResponseException stale = GoogleClients.failure(() -> calendar.events().update("primary", event.getId(), event.setSummary("y")).execute());

        assertThat(stale.getStatusCode()).isEqualTo(412);
        assertThat(stale.getDetails().getErrors().get(0).getReason()).isEqualTo("conditionNotMet");
        assertThat(ann.event("primary", event.getId()).orElseThrow()).as("nothing was written").doesNotContain("\"y\"");
    }

    @Test
    void impossible_faults_are_refused_with_a_clear_error() throws Exception {
        assertThat(admin("{\"kind\":\"error\",\"reason\":\"conditionNotMet\",\"status\":503}")).isEqualTo(400);
        assertThat(admin("{\"kind\":\"error\",\"reason\":\"meteorStrike\"}")).isEqualTo(400);
        assertThat(admin("{\"kind\":\"lose-answer\",\"count\":0}")).isEqualTo(400);
        assertThat(google.faults().pending()).isZero();
    }
}
