package dev.gsync.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Laws of the emulator, checked in-process (no HTTP) so each try is cheap:
 * paging yields every event exactly once; a sync token yields exactly what changed since, once, as it is now;
 * due dates keep their date and nothing else; client ids are accepted exactly when they are base32hex, 5+ long.
 */
class EmulatorProperties {
    private static GoogleEmulator google;
    private static final AtomicInteger USERS = new AtomicInteger();

    @BeforeContainer
    static void start() { google = GoogleEmulator.start(EmulatorSettings.defaults().withoutQuota()); }

    @AfterContainer
    static void stop() { google.stop(); }

    private static EmulatedUser freshUser() { return google.user("prop" + USERS.incrementAndGet() + "@example.com"); }

    private static ObjectNode get(EmulatedUser user, String path, String query) {
        ApiResponse response = google.callInProcess(ApiRequest.of("GET", path, query,
                Map.of("Authorization", "Bearer " + user.accessToken()), new byte[0]));
        assertThat(response.status).as(new String(response.body, StandardCharsets.UTF_8)).isEqualTo(200);
        return Json.parseObject(response.body);
    }

    private static String seed(EmulatedUser user, int n) {
        return Json.parseObject(user.seedEvent("primary", "{\"summary\":\"e" + n + "\",\"start\":{\"dateTime\":\"2026-05-01T09:00:00Z\"},"
                + "\"end\":{\"dateTime\":\"2026-05-01T10:00:00Z\"}}")).get("id").asText();
    }

    /** Lists every page; returns ids in order and the final sync token as the last element. */
    private static List<String> listAll(EmulatedUser user, String query) {
        List<String> result = new ArrayList<>();
        String pageToken = null;
        for (int pages = 0; pages < 10_000; pages++) {
            ObjectNode page = get(user, "/calendar/v3/calendars/primary/events",
                    query + (pageToken == null ? "" : "&pageToken=" + pageToken));
            page.get("items").forEach(item -> result.add(item.get("id").asText()));
            pageToken = Json.text(page, "nextPageToken");
            if (pageToken == null) {
                result.add("SYNC:" + page.get("nextSyncToken").asText());
                return result;
            }
            assertThat(page.has("nextSyncToken")).isFalse();
        }
        throw new AssertionError("paging did not end");
    }

    @Property(tries = 40)
    void paging_yields_every_event_exactly_once(@ForAll @IntRange(max = 120) int events, @ForAll @IntRange(min = 1, max = 40) int pageSize) {
        EmulatedUser user = freshUser();
        Set<String> seeded = new HashSet<>();
        for (int i = 0; i < events; i++) seeded.add(seed(user, i));

        List<String> listed = listAll(user, "maxResults=" + pageSize);
        listed.remove(listed.size() - 1);

        assertThat(listed).hasSize(events).doesNotHaveDuplicates();
        assertThat(new HashSet<>(listed)).isEqualTo(seeded);
    }

    enum Step { INSERT, EDIT, DELETE }

    @Provide
    Arbitrary<List<Step>> steps() { return Arbitraries.of(Step.class).list().ofMaxSize(25); }

    @Property(tries = 40)
    void a_sync_token_yields_exactly_the_changed_events_once_in_their_current_state(
            @ForAll @IntRange(max = 15) int before, @ForAll("steps") List<Step> steps, @ForAll @IntRange(min = 1, max = 7) int pageSize) {
        EmulatedUser user = freshUser();
        List<String> live = new ArrayList<>();
        for (int i = 0; i < before; i++) live.add(seed(user, i));
        List<String> full = listAll(user, "maxResults=" + pageSize);
        String token = full.get(full.size() - 1).substring(5);
        Set<String> changed = new HashSet<>();
        int n = 1000;
        for (Step step : steps) {
            if (step == Step.INSERT || live.isEmpty()) {
                String id = seed(user, n++);
                live.add(id);
                changed.add(id);
            } else if (step == Step.EDIT) {
                String id = live.get(n++ % live.size());
                user.editEvent("primary", id, "{\"summary\":\"edited " + n + "\"}");
                changed.add(id);
            } else {
                String id = live.remove(n++ % live.size());
                user.deleteEvent("primary", id);
                changed.add(id);
            }
        }

        List<String> delta = listAll(user, "maxResults=" + pageSize + "&syncToken=" + token);
        delta.remove(delta.size() - 1);
        Map<String, JsonNode> stored = new HashMap<>();
        user.events("primary").forEach(json -> { ObjectNode e = Json.parseObject(json); stored.put(e.get("id").asText(), e); });

        assertThat(delta).doesNotHaveDuplicates();
        assertThat(new HashSet<>(delta)).isEqualTo(changed);
        for (String id : delta) {
            boolean deleted = !live.contains(id);
            assertThat(stored.get(id).get("status").asText()).isEqualTo(deleted ? "cancelled" : "confirmed");
        }
    }

    @Property(tries = 200)
    void a_due_date_keeps_its_date_and_loses_its_time(@ForAll @IntRange(min = 0, max = 20_000) int day,
                                                       @ForAll @IntRange(max = 86_399) int second,
                                                       @ForAll @IntRange(min = -12, max = 14) int offsetHours) {
        LocalDate date = LocalDate.of(2000, 1, 1).plusDays(day);
        OffsetDateTime due = date.atStartOfDay().plusSeconds(second).atOffset(ZoneOffset.ofHours(offsetHours));

        String stored = TasksApi.dateOnly(due.toString());

        assertThat(stored).isEqualTo(date + "T00:00:00.000Z");
        assertThat(TasksApi.dateOnly(stored)).isEqualTo(stored);
    }

    @Provide
    Arbitrary<String> ids() {
        return Arbitraries.strings().withChars("0123456789abcdefghijklmnopqrstuvwxyzABC-_").ofMinLength(1).ofMaxLength(12);
    }

    @Property(tries = 200)
    void a_client_id_is_accepted_exactly_when_it_is_base32hex_of_five_or_more(@ForAll("ids") String id) {
        EmulatedUser user = freshUser();
        boolean valid = id.matches("[0-9a-v]{5,}");
        boolean accepted;
        try {
            user.seedEvent("primary", "{\"id\":\"" + id + "\",\"start\":{\"date\":\"2026-01-01\"},\"end\":{\"date\":\"2026-01-02\"}}");
            accepted = true;
        } catch (GoogleError refused) {
            assertThat(refused.status).isEqualTo(400);
            accepted = false;
        }
        assertThat(accepted).isEqualTo(valid || id.matches(".+_\\d{8}(T\\d{6}Z)?"));
    }
}
