package dev.gsync.emulator;

import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.Event;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The Java client's wire habits, sent by hand so each one is proven on its own. */
class TransportQuirksTest {
    private static GoogleEmulator google;
    private static EmulatedUser ann;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        google = GoogleEmulator.start(EmulatorSettings.defaults().withoutQuota());
        ann = google.user("wire@example.com");
    }

    @AfterAll
    static void stop() { google.stop(); }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    @Test
    void a_gzip_chunked_body_and_a_patch_tunnelled_through_post_are_understood() throws Exception {
        String token = ann.accessToken();
        String event = "{\"summary\":\"zipped\",\"start\":{\"date\":\"2026-10-01\"},\"end\":{\"date\":\"2026-10-02\"}}";
        byte[] zipped = gzip(event);
        HttpResponse<String> inserted = http.send(HttpRequest.newBuilder(URI.create(google.rootUrl() + "calendar/v3/calendars/primary/events"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json; charset=UTF-8")
                .header("Content-Encoding", "gzip")
                // an InputStream publisher has no length, so the body goes out chunked
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(zipped))).build(),
                HttpResponse.BodyHandlers.ofString());
        String id = Json.parseObject(inserted.body()).get("id").asText();

        HttpResponse<String> patched = http.send(HttpRequest.newBuilder(URI.create(google.rootUrl() + "calendar/v3/calendars/primary/events/" + id))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json; charset=UTF-8")
                .header("X-HTTP-Method-Override", "PATCH")
                .POST(HttpRequest.BodyPublishers.ofString("{\"location\":\"Lab\"}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(inserted.statusCode()).isEqualTo(200);
        // Jetty normalises the header to application/json;charset=utf-8; the client ignores the parameters
        assertThat(inserted.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json").containsIgnoringCase("charset=utf-8");
        assertThat(patched.statusCode()).isEqualTo(200);
        assertThat(Json.parseObject(patched.body()).get("summary").asText()).isEqualTo("zipped");
        assertThat(Json.parseObject(patched.body()).get("location").asText()).isEqualTo("Lab");
    }

    @Test
    void a_get_longer_than_2048_characters_is_tunnelled_by_the_client_and_still_answered() throws IOException {
        Calendar calendar = GoogleClients.calendar(google, ann.accessToken());
        String longValue = "x".repeat(2100);
        calendar.events().insert("primary", GoogleClients.meeting("long", "2026-10-03T09:00:00Z")
                .setExtendedProperties(new Event.ExtendedProperties().setPrivate(Map.of("blob", longValue)))).execute();

        List<Event> found = calendar.events().list("primary").setPrivateExtendedProperty(List.of("blob=" + longValue)).execute().getItems();

        assertThat(found).extracting(Event::getSummary).containsExactly("long");
        assertThat(google.stats().callsOf("calendar.events.list")).isPositive();
    }

    @Test
    void unknown_paths_answer_google_shaped_404s() throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(google.rootUrl() + "calendar/v3/nothing/here"))
                .header("Authorization", "Bearer " + ann.accessToken()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(Json.parseObject(answer.body()).at("/error/errors/0/reason").asText()).isEqualTo("notFound");
    }
}
