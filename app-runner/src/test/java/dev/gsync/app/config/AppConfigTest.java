package dev.gsync.app.config;

import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AppConfigTest {

    @Test
    void the_environment_overrides_the_file_which_overrides_the_default() throws Exception {
        Path file = Files.createTempFile("gsync", ".properties");
        Files.writeString(file, "crm.adapter=rest\nweb.port=9090\n");

        AppConfig config = AppConfig.load(Option.of(file), true, Map.of("GSYNC_WEB_PORT", "7070")).get();

        assertThat(config.get(ConfigKey.CRM_ADAPTER)).isEqualTo("rest");
        assertThat(config.integer(ConfigKey.WEB_PORT)).isEqualTo(7070);
        assertThat(config.get(ConfigKey.SCHEDULER_INTERVAL)).isEqualTo("PT15M");
    }

    @Test
    void secrets_come_from_the_environment_or_a_file_never_from_the_properties_file() throws Exception {
        Path secret = Files.createTempFile("secret", ".txt");
        Files.writeString(secret, "s3cr3t\n");
        Path file = Files.createTempFile("gsync", ".properties");
        Files.writeString(file, "google.clientSecret=plain-text-secret\n");

        var refused = AppConfig.load(Option.of(file), true, Map.of());
        Files.writeString(file, "google.clientSecret.file=" + secret + "\n");
        var fromFile = AppConfig.load(Option.of(file), true, Map.of());
        var fromEnvFile = AppConfig.load(Option.none(), false, Map.of("GSYNC_WEB_LINK_KEY_FILE", secret.toString()));

        assertThat(refused.getLeft()).singleElement().asString().contains("google.clientSecret").contains("GSYNC_GOOGLE_CLIENT_SECRET");
        assertThat(fromFile.get().get(ConfigKey.GOOGLE_CLIENT_SECRET)).isEqualTo("s3cr3t");
        assertThat(fromEnvFile.get().get(ConfigKey.WEB_LINK_KEY)).isEqualTo("s3cr3t");
        assertThat(fromFile.get().toString()).doesNotContain("s3cr3t");
    }

    @Test
    void every_problem_is_named_at_once() throws Exception {
        Path file = Files.createTempFile("gsync", ".properties");
        Files.writeString(file, "crm.adapter=soap\nscheduler.interval=often\nweb.prot=80\n");

        var problems = AppConfig.load(Option.of(file), true, Map.of()).getLeft();

        assertThat(problems).anyMatch(p -> p.startsWith("web.prot: unknown key"))
                .anyMatch(p -> p.startsWith("crm.adapter: must be jdbc or rest"));
        assertThat(AppConfig.load(Option.of(Path.of("/nonexistent/gsync.properties")), true, Map.of()).getLeft())
                .singleElement().asString().contains("not found");
    }

    @Test
    void environment_variable_names_follow_the_keys() {
        assertThat(ConfigKey.GOOGLE_CLIENT_SECRET.environmentVariable()).isEqualTo("GSYNC_GOOGLE_CLIENT_SECRET");
        assertThat(ConfigKey.STATE_JDBC_URL.environmentVariable()).isEqualTo("GSYNC_STATE_JDBC_URL");
    }

    @Test
    void docs_configuration_lists_every_key_with_its_environment_variable() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "configuration.md"));
        for (ConfigKey key : ConfigKey.values()) {
            assertThat(doc).as(key.key()).contains("`" + key.key() + "`").contains("`" + key.environmentVariable() + "`");
        }
    }
}
