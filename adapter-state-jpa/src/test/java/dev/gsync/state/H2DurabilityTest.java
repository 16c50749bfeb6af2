package dev.gsync.state;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** H2 only: a save that returned must survive the process being killed right after. */
class H2DurabilityTest {

    @Test
    void h2_writes_every_commit_to_its_file_at_once() throws Exception {
        StateConfig config = TestDatabase.H2.fresh();

        try (StateDatabase db = StateDatabase.open(config)) {
            db.read(em -> em.createNativeQuery("select 1").getSingleResult());   // connects with gsync's URL

            // WRITE_DELAY is a setting of the database, seen from any connection; H2's default is 500 ms
            assertThat(Tables.count(config, "select cast(setting_value as int) from information_schema.settings where setting_name = 'WRITE_DELAY'"))
                    .isZero();
            // no compaction (chunk moves) when the file is closed: D26
            assertThat(Tables.count(config, "select cast(setting_value as int) from information_schema.settings where setting_name = 'MAX_COMPACT_TIME'"))
                    .isZero();
        }
    }

    @Test
    void a_write_delay_named_in_the_url_is_left_alone() {
        assertThat(Dialect.H2.connectionUrl("jdbc:h2:file:./x;WRITE_DELAY=100;MAX_COMPACT_TIME=50")).isEqualTo("jdbc:h2:file:./x;WRITE_DELAY=100;MAX_COMPACT_TIME=50");
        assertThat(Dialect.H2.connectionUrl("jdbc:h2:file:./x")).isEqualTo("jdbc:h2:file:./x;WRITE_DELAY=0;MAX_COMPACT_TIME=0");
        assertThat(StateDatabase.connectionUrl("jdbc:h2:file:./x;AUTO_SERVER=TRUE")).isEqualTo("jdbc:h2:file:./x;AUTO_SERVER=TRUE;WRITE_DELAY=0;MAX_COMPACT_TIME=0");
        assertThat(Dialect.MARIADB.connectionUrl("jdbc:mariadb://h/db")).isEqualTo("jdbc:mariadb://h/db");
    }
}
