package dev.gsync.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.services.calendar.Calendar;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The admin HTTP API the demo and out-of-process tests use. */
class AdminApiTest {
    private static GoogleEmulator google;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() { google = GoogleEmulator.start(EmulatorSettings.defaults().withoutQuota()); }

    @AfterAll
    static void stop() { google.stop(); }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(google.rootUrl() + path.substring(1)))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception { return Json.MAPPER.readTree(response.body()); }

    @Test
    void users_events_faults_settings_and_counters_can_be_driven_over_http() throws Exception {
        JsonNode user = json(send("POST", "/emulator/users", "{\"email\":\"Admin@Example.com\"}"));
        JsonNode seeded = json(send("POST", "/emulator/users/admin@example.com/calendars/primary/events",
                "{\"id\":\"seeded0001\",\"summary\":\"From admin\",\"start\":{\"date\":\"2026-11-02\"},\"end\":{\"date\":\"2026-11-03\"}}"));
        send("PATCH", "/emulator/users/admin@example.com/calendars/primary/events/seeded0001", "{\"summary\":\"Edited\"}");
        String token = json(send("POST", "/emulator/users/admin@example.com/tokens", null)).get("access_token").asText();
        Calendar calendar = GoogleClients.calendar(google, token);
        String seen = calendar.events().get("primary", "seeded0001").execute().getSummary();
        send("POST", "/emulator/faults", "{\"kind\":\"error\",\"count\":1,\"status\":500}");
        GoogleJsonResponseException injected = GoogleClients.failure(() -> calendar.events().get("primary", "seeded0001").execute());
        JsonNode settings = json(send("POST", "/emulator/settings", "{\"batchLimit\":50}"));
        JsonNode stats = json(send("GET", "/emulator/stats", null));
        HttpResponse<String> badFault = send("POST", "/emulator/faults", "{\"kind\":\"meteor\"}");
        JsonNode revoked = json(send("POST", "/emulator/users/admin@example.com/revoke", null));
        GoogleJsonResponseException afterRevoke = GoogleClients.failure(() -> calendar.events().get("primary", "seeded0001").execute());

        assertThat(user.get("primaryCalendarId").asText()).isEqualTo("admin@example.com");
        assertThat(seeded.get("etag").asText()).startsWith("\"");
        assertThat(seen).isEqualTo("Edited");
        assertThat(injected.getStatusCode()).isEqualTo(500);
        assertThat(settings.get("batchLimit").asInt()).isEqualTo(50);
        assertThat(google.settings().batchLimit()).isEqualTo(50);
        assertThat(stats.get("callsByOperation").get("calendar.events.get").asLong()).isEqualTo(2);
        assertThat(stats.get("injectedFaults").asLong()).isEqualTo(1);
        assertThat(badFault.statusCode()).isEqualTo(400);
        assertThat(revoked.get("revoked").asInt()).isEqualTo(1);
        assertThat(afterRevoke.getStatusCode()).isEqualTo(401);
    }
}
