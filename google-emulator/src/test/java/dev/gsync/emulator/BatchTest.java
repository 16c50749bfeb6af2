package dev.gsync.emulator;

import com.google.api.client.googleapis.batch.BatchRequest;
import com.google.api.client.googleapis.batch.json.JsonBatchCallback;
import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.HttpHeaders;
import com.google.api.client.http.HttpResponseException;
import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.tasks.Tasks;
import com.google.api.services.tasks.model.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.gsync.emulator.GoogleClients.meeting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BatchTest {
    private GoogleEmulator google;
    private EmulatedUser ann;

    @BeforeEach
    void start() {
        google = GoogleEmulator.start(EmulatorSettings.defaults().withoutQuota());
        ann = google.user("batch@example.com");
    }

    @AfterEach
    void stop() { google.stop(); }

    /** Records each part's outcome: "ok:<id>", "ok" (no body) or "<code>:<reason>". */
    private static <T> JsonBatchCallback<T> into(Map<Integer, String> outcomes, int part) {
        return new JsonBatchCallback<>() {
            @Override
            public void onSuccess(T result, HttpHeaders headers) {
                outcomes.put(part, result instanceof Event e ? "ok:" + e.getId() : result instanceof Task t ? "ok:" + t.getId() : "ok");
            }

            @Override
            public void onFailure(GoogleJsonError error, HttpHeaders headers) {
                outcomes.put(part, error.getCode() + ":" + error.getErrors().get(0).getReason());
            }
        };
    }

    @Test
    void a_calendar_batch_answers_each_part_on_its_own_and_counts_each_as_a_call() throws IOException {
        Calendar calendar = GoogleClients.calendar(google, ann.accessToken());
        Event existing = calendar.events().insert("primary", meeting("existing", "2026-07-01T09:00:00Z").setId("taken00001")).execute();
        calendar.events().patch("primary", existing.getId(), new Event().setSummary("moved on")).execute();
        google.resetStats();
        Map<Integer, String> outcomes = new TreeMap<>();

        BatchRequest batch = calendar.batch();
        calendar.events().insert("primary", meeting("new one", "2026-07-02T09:00:00Z").setId("fresh00001")).queue(batch, into(outcomes, 1));
        calendar.events().insert("primary", meeting("clash", "2026-07-02T10:00:00Z").setId("taken00001")).queue(batch, into(outcomes, 2));
        calendar.events().update("primary", existing.getId(), existing.setSummary("stale"))
                .setRequestHeaders(new HttpHeaders().setIfMatch(existing.getEtag())).queue(batch, into(outcomes, 3));
        calendar.events().patch("primary", existing.getId(), new Event().setLocation("Room 9")).queue(batch, into(outcomes, 4));
        calendar.events().delete("primary", "missing001").queue(batch, into(outcomes, 5));
        calendar.events().delete("primary", "fresh00001").queue(batch, into(outcomes, 6));
        batch.execute();

        assertThat(outcomes).containsExactly(Map.entry(1, "ok:fresh00001"), Map.entry(2, "409:duplicate"),
                Map.entry(3, "412:conditionNotMet"), Map.entry(4, "ok:taken00001"), Map.entry(5, "404:notFound"), Map.entry(6, "ok"));
        assertThat(google.stats().httpRequests()).isEqualTo(1);
        assertThat(google.stats().apiCalls()).isEqualTo(6);
        assertThat(google.stats().callsBy(ann.email())).isEqualTo(6);
        assertThat(ann.event("primary", existing.getId()).orElseThrow()).contains("Room 9").contains("moved on");
    }

    @Test
    void a_batch_over_the_limit_is_refused_whole() throws IOException {
        google.settings().batchLimit(2);
        Calendar calendar = GoogleClients.calendar(google, ann.accessToken());
        BatchRequest batch = calendar.batch();
        List<String> outcomes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            calendar.events().insert("primary", meeting("n" + i, "2026-07-03T09:00:00Z")).queue(batch, new JsonBatchCallback<>() {
                @Override public void onSuccess(Event event, HttpHeaders headers) { outcomes.add("ok"); }
                @Override public void onFailure(GoogleJsonError error, HttpHeaders headers) { outcomes.add("failed"); }
            });
        }

        assertThatThrownBy(batch::execute).isInstanceOf(HttpResponseException.class)
                .satisfies(e -> assertThat(((HttpResponseException) e).getStatusCode()).isEqualTo(400));
        assertThat(outcomes).isEmpty();
        assertThat(ann.events("primary")).isEmpty();
    }

    @Test
    void quota_errors_hit_single_parts_of_a_batch() throws IOException {
        google.settings().userRequestsPerMinute(3);
        Calendar calendar = GoogleClients.calendar(google, ann.accessToken());
        Map<Integer, String> outcomes = new TreeMap<>();
        BatchRequest batch = calendar.batch();
        for (int i = 1; i <= 5; i++) calendar.events().insert("primary", meeting("n" + i, "2026-07-03T09:00:00Z")).queue(batch, into(outcomes, i));

        batch.execute();

        assertThat(outcomes.values()).filteredOn(o -> o.startsWith("ok")).hasSize(3);
        assertThat(outcomes.values()).filteredOn(o -> o.equals("403:userRateLimitExceeded")).hasSize(2);
        assertThat(google.stats().quotaRejections()).isEqualTo(2);
    }

    @Test
    void a_tasks_batch_goes_to_the_tasks_batch_path() throws IOException {
        Tasks tasks = GoogleClients.tasks(google, ann.accessToken());
        Map<Integer, String> outcomes = new TreeMap<>();
        BatchRequest batch = tasks.batch();
        tasks.tasks().insert("@default", new Task().setTitle("one")).queue(batch, into(outcomes, 1));
        tasks.tasks().insert("@default", new Task().setTitle("two")).queue(batch, into(outcomes, 2));
        tasks.tasks().get("@default", "nosuchtask").queue(batch, into(outcomes, 3));

        batch.execute();

        assertThat(outcomes.get(1)).startsWith("ok:");
        assertThat(outcomes.get(2)).startsWith("ok:");
        assertThat(outcomes.get(3)).isEqualTo("404:notFound");
        assertThat(ann.tasks("@default")).hasSize(2);
    }

    @Test
    void an_unauthenticated_part_fails_alone() throws IOException {
        Calendar good = GoogleClients.calendar(google, ann.accessToken());
        Calendar bad = GoogleClients.calendar(google, "ya29.not-a-token");
        Map<Integer, String> outcomes = new TreeMap<>();
        BatchRequest batch = good.batch();
        good.events().insert("primary", meeting("fine", "2026-07-04T09:00:00Z")).queue(batch, into(outcomes, 1));
        bad.events().insert("primary", meeting("refused", "2026-07-04T09:00:00Z")).queue(batch, into(outcomes, 2));

        batch.execute();

        assertThat(outcomes.get(1)).startsWith("ok:");
        assertThat(outcomes.get(2)).isEqualTo("401:authError");
        GoogleJsonResponseException direct = GoogleClients.failure(() -> bad.events().list("primary").execute());
        assertThat(direct.getHeaders().getAuthenticate()).contains("invalid_token");
    }
}
