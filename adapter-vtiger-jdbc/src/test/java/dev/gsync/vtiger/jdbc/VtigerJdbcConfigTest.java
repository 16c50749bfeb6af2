package dev.gsync.vtiger.jdbc;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class VtigerJdbcConfigTest {

    @Test
    void keys_are_read_with_their_prefix_and_defaults_fill_the_rest() {
        Properties p = new Properties();
        p.setProperty("vtiger.jdbc.url", "jdbc:mariadb://127.0.0.1/vtiger");
        p.setProperty("vtiger.jdbc.user", "vt");
        p.setProperty("vtiger.jdbc.dbZone", "Europe/Berlin");
        p.setProperty("vtiger.jdbc.nonBmp", "reject");

        VtigerJdbcConfig config = VtigerJdbcConfig.fromProperties(p, "vtiger.jdbc.").get();

        assertThat(config.dbZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(config.nonBmp()).isEqualTo(VtigerJdbcConfig.NonBmpPolicy.REJECT);
        assertThat(config.overlap()).isEqualTo(Duration.ofSeconds(120));
        assertThat(config.keysTable()).isEqualTo("gsync_vtiger_keys");
    }

    @Test
    void every_problem_is_named_at_once() {
        Properties p = new Properties();
        p.setProperty("vtiger.jdbc.dbZone", "Mars/Olympus");
        p.setProperty("vtiger.jdbc.pageSize", "many");

        var problems = VtigerJdbcConfig.fromProperties(p, "vtiger.jdbc.").getLeft();

        assertThat(problems.toJavaList()).containsExactly("vtiger.jdbc.url: required", "vtiger.jdbc.user: required",
                "vtiger.jdbc.dbZone: unknown time zone 'Mars/Olympus'", "vtiger.jdbc.pageSize: not a number");
    }
}
