package dev.gsync.vtiger.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.vavr.control.Either;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The fake speaks the webservice protocol as the fact sheet describes it; these pin the quirks the adapter relies on. */
class FakeVtigerTest {
    private FakeVtiger vtiger;
    private VtigerWebservice ws;

    @BeforeEach
    void start() {
        vtiger = Fixtures.vtiger();
        ws = new VtigerWebservice(Fixtures.settings(vtiger), new VtigerUser("alice", AccessKey.of(Fixtures.ALICE_KEY)));
    }

    @AfterEach
    void stop() {
        vtiger.close();
    }

    private Map<String, String> event(String subject) {
        Map<String, String> e = new LinkedHashMap<>();
        e.put("subject", subject);
        e.put("assigned_user_id", "19x1");
        e.put("date_start", "2026-02-02");
        e.put("time_start", "10:00:00");
        e.put("due_date", "2026-02-02");
        e.put("time_end", "11:00:00");
        e.put("duration_hours", "1");
        e.put("eventstatus", "Planned");
        e.put("activitytype", "Meeting");
        e.put("visibility", "Public");
        return e;
    }

    private JsonNode create(Map<String, String> e) {
        return ws.postOnce("create", Map.of("elementType", "Events", "element", VtigerWebservice.json(e))).get();
    }

    private static String code(Either<WsError, JsonNode> r) {
        return ((WsError.Api) r.getLeft()).code();
    }

    @Test
    void update_wants_the_whole_record_revise_takes_a_part() {
        String id = create(event("Full")).path("id").asText();

        assertThat(code(ws.postRepeatable("update", Map.of("element", VtigerWebservice.json(Map.of("id", id, "subject", "Part"))))))
                .isEqualTo("MANDATORY_FIELDS_MISSING");
        assertThat(ws.postRepeatable("revise", Map.of("element", VtigerWebservice.json(Map.of("id", id, "subject", "Part")))).get()
                .path("subject").asText()).isEqualTo("Part");
    }

    @Test
    void a_missing_mandatory_field_is_named() {
        Map<String, String> e = event("No duration");
        e.remove("duration_hours");

        Either<WsError, JsonNode> r = ws.postOnce("create", Map.of("elementType", "Events", "element", VtigerWebservice.json(e)));

        assertThat(r.getLeft().describe()).isEqualTo("MANDATORY_FIELDS_MISSING: duration_hours does not have a value");
    }

    @Test
    void reminder_seconds_in_minutes_out_and_omitting_it_on_revise_drops_it() {
        Map<String, String> e = event("Remind");
        e.put("reminder_time", "3600");
        JsonNode made = create(e);
        assertThat(made.path("reminder_time").asText()).isEqualTo("61");

        JsonNode revised = ws.postRepeatable("revise", Map.of("element", VtigerWebservice.json(Map.of("id", made.path("id").asText(), "subject", "x")))).get();
        assertThat(revised.path("reminder_time").asText()).isEmpty();
    }

    @Test
    void a_deleted_record_is_access_denied_and_a_wrong_prefix_is_an_invalid_id() {
        String id = create(event("Gone")).path("id").asText();
        String crmid = id.substring(id.indexOf('x') + 1);

        assertThat(code(ws.get("retrieve", Map.of("id", "9x" + crmid)))).isEqualTo("INVALID_ID_ATTRIBUTE");
        ws.postRepeatable("delete", Map.of("id", id)).get();
        assertThat(code(ws.get("retrieve", Map.of("id", id)))).isEqualTo("ACCESS_DENIED");
    }

    @Test
    void a_query_answers_a_hundred_rows_at_most_whatever_limit_says() {
        for (int i = 0; i < 130; i++) vtiger.insertRaw(1, "row " + i, "");

        assertThat(ws.get("query", Map.of("query", "SELECT id FROM Events LIMIT 500;")).get()).hasSize(100);
        assertThat(ws.get("query", Map.of("query", "SELECT id FROM Events ORDER BY id LIMIT 100,100;")).get()).hasSize(30);
        assertThat(ws.get("query", Map.of("query", "SELECT count(*) FROM Events;")).get()).isEmpty();
        assertThat(code(ws.get("query", Map.of("query", "SELECT id FROM Events")))).isEqualTo("QUERY_SYNTAX_ERROR");
        assertThat(code(ws.get("query", Map.of("query", "SELECT id FROM Events WHERE subject = '';")))).isEqualTo("INTERNAL_SERVER_ERROR");
        assertThat(code(ws.get("query", Map.of("query", "SELECT id FROM Events WHERE id = '5';")))).isEqualTo("INVALID_ID_ATTRIBUTE");
    }

    @Test
    void a_sync_page_takes_a_hundred_rows_and_every_further_row_of_the_hundredth_rows_second() {
        for (int i = 0; i < 95; i++) { vtiger.insertRaw(1, "early " + i, ""); vtiger.advance(Duration.ofSeconds(1)); }
        for (int i = 0; i < 15; i++) vtiger.insertRaw(1, "same second " + i, "");
        vtiger.advance(Duration.ofSeconds(1));
        vtiger.insertRaw(1, "later", "");

        JsonNode page = ws.get("sync", Map.of("modifiedTime", "1", "elementType", "Events")).get();

        assertThat(page.path("updated")).hasSize(110);
        assertThat(page.path("more").asBoolean()).isTrue();
    }

    @Test
    void sync_can_be_broken_like_php_8_breaks_it() throws Exception {
        vtiger.syncBroken = true;
        String session = ws.session().get().sessionName();

        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(vtiger.endpoint()
                + "?operation=sync&modifiedTime=1&elementType=Events&sessionName=" + session)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).contains("ArgumentCountError");
    }

    @Test
    void the_label_comes_back_entity_encoded_and_a_script_value_is_stored_encoded() {
        JsonNode made = create(event("Tom & <Jerry>"));
        Map<String, String> e = event("x");
        e.put("description", "<script>alert(\"1\")</script>");

        assertThat(made.path("label").asText()).isEqualTo("Tom &amp; &lt;Jerry&gt;");
        assertThat(made.path("subject").asText()).isEqualTo("Tom & <Jerry>");
        assertThat(create(e).path("description").asText()).isEqualTo("&lt;script&gt;alert(&quot;1&quot;)&lt;/script&gt;");
    }

    @Test
    void emoji_are_stored_as_question_marks() {
        assertThat(create(event("Hi \uD83D\uDE00")).path("subject").asText()).isEqualTo("Hi ????");
    }

    @Test
    void a_get_operation_sent_as_post_loses_its_parameters() throws Exception {
        String session = ws.session().get().sessionName();

        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(vtiger.endpoint() + "?operation=retrieve&sessionName=" + session))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("id=18x1")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(r.body()).contains("\"success\":false", "INVALID_ID_ATTRIBUTE");
    }
}
