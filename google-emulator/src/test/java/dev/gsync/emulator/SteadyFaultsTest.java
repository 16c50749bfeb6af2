package dev.gsync.emulator;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.services.calendar.Calendar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The steady background of faults: about the asked share of calls fail, with Google's statuses, and lost answers hit only writes. */
class SteadyFaultsTest {
    private GoogleEmulator google;
    private Calendar calendar;
    private EmulatedUser ann;

    @BeforeEach
    void start() {
        google = GoogleEmulator.start(EmulatorSettings.defaults().withoutQuota());
        ann = google.user("steady@example.com");
        calendar = GoogleClients.calendar(google, ann.accessToken());
    }

    @AfterEach
    void stop() { google.stop(); }

    @Test
    void about_the_asked_share_of_reads_answer_429_500_or_503_and_none_loses_its_answer() throws IOException {
        google.faults().steady(new Faults.Steady(0.2, 0.9, 7));
        Map<Integer, Integer> statuses = new HashMap<>();
        int broken = 0;
        for (int i = 0; i < 400; i++) {
            try {
                calendar.events().list("primary").execute();
                statuses.merge(200, 1, Integer::sum);
            } catch (GoogleJsonResponseException e) {
                statuses.merge(e.getStatusCode(), 1, Integer::sum);
            } catch (IOException e) {
                broken++;
            }
        }

        assertThat(broken).as("reads never lose their answer").isZero();
        assertThat(statuses.keySet()).containsExactlyInAnyOrder(200, 429, 500, 503);
        assertThat(400 - statuses.get(200)).isBetween(50, 110);
    }

    @Test
    void a_write_may_be_performed_and_lose_its_answer_and_clear_turns_the_background_off() throws IOException {
        google.faults().steady(new Faults.Steady(0, 0.5, 3));
        int lost = 0;
        for (int i = 0; i < 40; i++) {
            try {
                calendar.events().insert("primary", GoogleClients.meeting("Steady " + i, "2026-09-01T09:00:00Z")).execute();
            } catch (GoogleJsonResponseException e) {
                throw e;
            } catch (IOException e) {
                lost++;
            }
        }
        google.faults().clear();
        calendar.events().insert("primary", GoogleClients.meeting("After", "2026-09-01T09:00:00Z")).execute();

        assertThat(lost).isBetween(8, 32);
        assertThat(ann.events("primary")).as("every insert was performed, answered or not").hasSize(41);
    }

    @Test
    void an_account_over_its_quota_gets_403_quota_exceeded_and_other_accounts_do_not() throws IOException {
        EmulatedUser other = google.user("other@example.com");
        google.faults().overQuota(ann.email());

        GoogleJsonResponseException refused = GoogleClients.failure(() -> calendar.events().list("primary").execute());
        GoogleClients.calendar(google, other.accessToken()).events().list("primary").execute();
        google.faults().clear();
        calendar.events().list("primary").execute();

        assertThat(refused.getStatusCode()).isEqualTo(403);
        assertThat(refused.getDetails().getErrors().get(0).getReason()).isEqualTo("quotaExceeded");
    }
}
