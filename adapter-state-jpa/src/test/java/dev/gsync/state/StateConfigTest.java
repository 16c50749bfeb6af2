package dev.gsync.state;

import io.vavr.collection.HashMap;
import io.vavr.collection.Map;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class StateConfigTest {
    private static final Map<String, String> NO_ENV = HashMap.empty();
    private static final String OTHER_KEY = java.util.Base64.getEncoder().encodeToString(new byte[32]);

    @Test
    void nothing_configured_means_embedded_h2_with_the_default_prefix_and_no_key() {
        StateConfig config = StateConfig.load(HashMap.empty(), NO_ENV).get();

        assertThat(config.jdbcUrl()).isEqualTo("jdbc:h2:file:./gsync-data/state");
        assertThat(config.tablePrefix()).isEqualTo("gsync_");
        assertThat(config.secretKey().isEmpty()).isTrue();
        assertThat(config.retention()).isEqualTo(new RunRetention(Option.some(200), Option.some(Duration.ofDays(90))));
    }

    @Test
    void secrets_come_from_files_before_the_environment_before_properties(@TempDir Path dir) throws Exception {
        Path passwordFile = Files.writeString(dir.resolve("pw"), "from-file\n");
        Map<String, String> env = HashMap.of("GSYNC_STATE_PASSWORD", "from-env", "GSYNC_SECRET_KEY", TestDatabase.KEY);
        Map<String, String> properties = HashMap.of("gsync.state.jdbc-url", "jdbc:mariadb://127.0.0.1:3306/vtiger",
                "gsync.state.user", "vtiger", "gsync.state.password", "from-properties", "gsync.state.secret-key", OTHER_KEY);

        assertThat(StateConfig.load(properties, env).get().password()).isEqualTo("from-env");
        assertThat(StateConfig.load(properties.put("gsync.state.password-file", passwordFile.toString()), env).get().password())
                .isEqualTo("from-file");
        assertThat(StateConfig.load(properties, env).get().secretKey()).isEqualTo(Option.some(TestDatabase.KEY));
        assertThat(StateConfig.load(properties, NO_ENV).get().password()).isEqualTo("from-properties");
        assertThat(StateConfig.load(properties, NO_ENV).get().secretKey()).isEqualTo(Option.some(OTHER_KEY));
    }

    @Test
    void every_problem_is_named_at_once() {
        Map<String, String> properties = HashMap.of("gsync.state.jdbc-url", "jdbc:oracle:thin:@x", "gsync.state.table-prefix", "gsync-",
                "gsync.state.secret-key", "c2hvcnQ=", "gsync.state.keep-runs-per-user", "many",
                "gsync.state.password-file", "/nonexistent/pw");

        var problems = StateConfig.load(properties, NO_ENV).getError();

        assertThat(problems.mkString("\n")).contains("jdbcUrl", "table-prefix", "256 bits", "keep-runs-per-user", "password-file");
        assertThat(problems).hasSize(5);
    }

    @Test
    void zero_means_no_retention_limit() {
        var config = StateConfig.load(HashMap.of("gsync.state.keep-runs-per-user", "0", "gsync.state.keep-run-days", "0"), NO_ENV).get();

        assertThat(config.retention()).isEqualTo(RunRetention.KEEP_ALL);
    }

    @Test
    void the_string_form_hides_the_password_and_the_key() {
        StateConfig config = StateConfig.load(HashMap.of("gsync.state.jdbc-url", "jdbc:mariadb://h/db?user=u&password=hunter2",
                "gsync.state.password", "hunter2"), HashMap.of("GSYNC_SECRET_KEY", TestDatabase.KEY)).get();

        assertThat(config.toString()).doesNotContain("hunter2").doesNotContain(TestDatabase.KEY).contains("jdbc:mariadb://h/db");
    }
}
