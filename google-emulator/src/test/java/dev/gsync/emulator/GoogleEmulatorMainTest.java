package dev.gsync.emulator;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GoogleEmulatorMainTest {
    @Test
    void options_configure_the_emulator_and_create_users() {
        try (GoogleEmulator google = GoogleEmulatorMain.launch(new String[] {"--port", "0", "--user", "ann@example.com",
                "--auto-approve", "--user-quota", "60", "--quota-status", "429", "--batch-limit", "50"})) {
            assertThat(google.port()).isPositive();
            assertThat(google.rootUrl()).startsWith("http://127.0.0.1:");
            assertThat(google.settings().autoApprove()).isTrue();
            assertThat(google.settings().userRequestsPerMinute()).isEqualTo(60);
            assertThat(google.settings().quotaErrorStatus()).isEqualTo(429);
            assertThat(google.settings().batchLimit()).isEqualTo(50);
            assertThat(google.user("ann@example.com").calendarIds()).containsExactly("ann@example.com");
        }
    }

    @Test
    void bad_options_are_refused_before_anything_starts() {
        assertThatThrownBy(() -> GoogleEmulatorMain.launch(new String[] {"--colour", "blue"})).hasMessageContaining("--colour");
        assertThatThrownBy(() -> GoogleEmulatorMain.launch(new String[] {"--port"})).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> GoogleEmulatorMain.launch(new String[] {"--port", "0", "--quota-status", "500"}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(GoogleEmulatorMain.launch(new String[] {"--help"})).isNull();
    }
}
