package dev.gsync.app;

import dev.gsync.app.demo.BrowserlessConsent;
import dev.gsync.core.model.CalendarItem;
import dev.gsync.core.model.Timing;
import dev.gsync.core.model.UserId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Linking through the real OAuth redirects (emulator, auto-approve), then a sync, the way `gsync demo` does it. */
class ConnectAndSyncTest {

    @Test
    void a_user_linked_through_oauth_gets_their_crm_event_in_google_and_the_run_is_recorded() throws Exception {
        try (RunnerFixture runner = new RunnerFixture(true)) {
            UserId alice = UserId.of("alice");
            Instant start = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
            runner.addToCrm(alice, CalendarItem.event("Board meeting", new Timing.Timed(start, start.plus(1, ChronoUnit.HOURS), ZoneId.of("UTC"))));
            assertThat(runner.services.userSync().sync(alice, false).outcome()).isEqualTo(Outcome.NOT_LINKED);

            var landing = BrowserlessConsent.follow(runner.web.links().connectLink(alice));

            assertThat(landing.status()).as(landing.body()).isEqualTo(200);
            assertThat(landing.body()).contains("Google linked");
            assertThat(runner.services.accounts().isLinked(alice)).isTrue();
            assertThat(runner.services.users()).contains(alice);

            RunSummary run = runner.services.userSync().sync(alice, false);

            assertThat(run.outcome()).as(run.report()).isEqualTo(Outcome.OK);
            var google = runner.emulator.user(RunnerFixture.GOOGLE_ACCOUNT);
            assertThat(google.events(google.primaryCalendarId())).anyMatch(json -> json.contains("Board meeting"));
            assertThat(runner.services.runLog().last(alice).map(RunSummary::outcome)).contains(Outcome.OK);
            assertThat(runner.services.runLog().lastProblem(alice).map(RunSummary::outcome)).contains(Outcome.NOT_LINKED);
        }
    }

    @Test
    void a_callback_with_a_state_that_was_never_issued_links_nothing() throws Exception {
        try (RunnerFixture runner = new RunnerFixture(true)) {
            var landing = BrowserlessConsent.follow(java.net.URI.create(runner.web.links().redirectUri() + "?state=forged&code=abc"));

            assertThat(landing.status()).isEqualTo(400);
            assertThat(landing.body()).contains("start linking again");
        }
    }
}
