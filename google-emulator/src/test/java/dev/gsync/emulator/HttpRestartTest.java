package dev.gsync.emulator;

import com.google.api.services.calendar.Calendar;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The emulator's HTTP server restarted on its port, as Google's front end may be: the data, tokens and sync tokens stay. */
class HttpRestartTest {
    @Test
    void a_restarted_server_refuses_while_down_then_answers_on_the_same_port_with_the_same_data() throws Exception {
        ExecutorService background = Executors.newSingleThreadExecutor();
        try (GoogleEmulator google = GoogleEmulator.start(EmulatorSettings.defaults().withoutQuota())) {
            EmulatedUser ann = google.user("ann@example.com");
            String token = ann.accessToken();
            String id = Json.MAPPER.readTree(ann.seedEvent(ann.primaryCalendarId(),
                    "{\"summary\":\"Before the restart\",\"start\":{\"date\":\"2026-11-02\"},\"end\":{\"date\":\"2026-11-03\"}}")).get("id").asText();
            Calendar calendar = GoogleClients.calendar(google, token);
            String syncToken = calendar.events().list("primary").execute().getNextSyncToken();
            int port = google.port();

            Future<?> restart = background.submit(() -> { google.restartHttp(Duration.ofMillis(1500)); return null; });
            Thread.sleep(700);
            boolean refusedWhileDown = refuses(port);
            restart.get();
            ann.seedEvent(ann.primaryCalendarId(),
                    "{\"summary\":\"After the restart\",\"start\":{\"date\":\"2026-11-04\"},\"end\":{\"date\":\"2026-11-05\"}}");
            var changes = calendar.events().list("primary").setSyncToken(syncToken).execute().getItems();

            assertThat(refusedWhileDown).as("connections refused while the server is down").isTrue();
            assertThat(google.port()).isEqualTo(port);
            assertThat(calendar.events().get("primary", id).execute().getSummary()).isEqualTo("Before the restart");
            assertThat(changes).extracting(e -> e.getSummary()).containsExactly("After the restart");
        } finally {
            background.shutdownNow();
        }
    }

    @Test
    void restarting_twice_keeps_answering() throws Exception {
        try (GoogleEmulator google = GoogleEmulator.start(EmulatorSettings.defaults().withoutQuota())) {
            EmulatedUser bob = google.user("bob@example.com");
            google.restartHttp(Duration.ZERO);
            google.restartHttp(Duration.ofMillis(100));

            assertThat(GoogleClients.calendar(google, bob.accessToken()).events().list("primary").execute().getItems()).isEmpty();
        }
    }

    private static boolean refuses(int port) {
        try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return false;
        } catch (IOException refused) {
            return true;
        }
    }
}
