package dev.gsync.app.demo;

import dev.gsync.app.Outcome;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** `gsync demo` as a newcomer runs it: real emulator, real vtiger tables on H2, real OAuth redirects, real sync. */
class DemoTest {

    @Test
    void the_demo_links_the_user_and_syncs_the_sample_items_both_ways() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        Outcome outcome = Demo.run(new PrintStream(printed, true, StandardCharsets.UTF_8));

        String out = printed.toString(StandardCharsets.UTF_8);
        assertThat(outcome).as(out).isEqualTo(Outcome.OK);
        assertThat(out).contains("linked.")
                // 12 sample events and 2 to-dos go to Google, the event entered in Google comes to vtiger
                .contains("CRM -> Google  created 14").contains("Google -> CRM  created 1")
                .contains("Google now holds 13 events and 2 tasks");
    }
}
