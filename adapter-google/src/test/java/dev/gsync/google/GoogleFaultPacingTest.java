package dev.gsync.google;

import dev.gsync.core.model.ItemKind;
import dev.gsync.core.model.SyncSettings;
import dev.gsync.core.port.CalendarFailure;
import dev.gsync.core.port.Write;
import dev.gsync.core.port.Written;
import dev.gsync.emulator.EmulatorSettings;
import dev.gsync.emulator.Faults;
import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static dev.gsync.google.GoogleApiCalendarTestItems.key;
import static dev.gsync.google.GoogleApiCalendarTestItems.meeting;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pacing under faults, against the emulator (its own quota off) with gsync's pacer at Google's 600 calls a minute and
 * its production backoff (1 s doubling to 32 s, 6 attempts) on a test clock: every wait for quota room and every
 * backoff moves the clock instead of sleeping, so the figures are simulated time, exact and machine-independent
 * (D38). Writes go in groups of the adapter's batch size, as SyncRun sends them.
 */
class GoogleFaultPacingTest {
    private static final SyncSettings EVENTS = SyncSettings.defaults().withKinds(HashSet.of(ItemKind.EVENT));
    private static final int WRITES = 2_000;

    private final GoogleQuotaTest.TestTime time = new GoogleQuotaTest.TestTime();
    private GoogleQuota quota;
    private EmulatedGoogle google;

    @AfterEach
    void stop() {
        if (google != null) google.close();
    }

    private GoogleApiCalendar start(String email) {
        google = new EmulatedGoogle(EmulatorSettings.defaults().withoutQuota(), GoogleConfig.Rate.perMinute(600),
                c -> c.withRetries(6, Duration.ofSeconds(1), Duration.ofSeconds(32)),
                c -> quota = new GoogleQuota(c.userRate(), GoogleConfig.Rate.perMinute(10_000), Duration.ofSeconds(1), Duration.ofSeconds(2), time));
        return google.adapter(email, EVENTS);
    }

    /** Creates {@code n} events in groups of the batch size; answers the simulated time it took. */
    private Duration push(GoogleApiCalendar adapter, String prefix, int n) {
        Instant start = time.now();
        Seq<Either<CalendarFailure, Written>> all = List.empty();
        for (Seq<Write> group : List.range(0, n).<Write>map(i -> new Write.Create(meeting(prefix + " " + i), key(prefix + "-" + i))).grouped(adapter.batchSize()))
            all = all.appendAll(adapter.write(group));
        assertThat(all.filter(Either::isLeft).map(Either::getLeft)).as("failed writes").isEmpty();
        return Duration.between(start, time.now());
    }

    @Test
    void a_steady_5_percent_of_429s_costs_about_5_percent_more_time_not_a_slower_pace() {
        GoogleApiCalendar clean = start("clean@example.com");
        Duration baseline = push(clean, "Clean", WRITES);   // 600 at once, then one window after another
        long baselineWaits = quota.waits();
        google.close();

        GoogleApiCalendar adapter = start("faulty@example.com");
        google.emulator.faults().steady(new Faults.Steady(0.05, 0, 20261205L, java.util.List.of(429)));
        Duration faulty = push(adapter, "Faulty", WRITES);

        long injected = google.emulator.stats().injectedFaults();
        System.out.printf("pacing: %d writes, %d 429s injected: %s with faults vs %s without; waits %d vs %d; %d backoffs (%s); %d slow-downs%n",
                WRITES, injected, faulty, baseline, quota.waits(), baselineWaits, quota.backoffs(), quota.backedOff(), quota.slowDowns());
        assertThat(injected).as("429s injected").isGreaterThan(WRITES / 40);
        assertThat(google.user("faulty@example.com").events("faulty@example.com")).hasSize(WRITES);   // no duplicates
        assertThat(quota.slowDowns()).as("stray 429s are not quota pressure").isZero();
        assertThat(quota.allowance("faulty@example.com")).isEqualTo(600);
        // the refused calls are retried (≈ 5 % more calls) and back off; the pace stays at the limit
        assertThat(faulty).as("simulated time with 5 %% 429s vs %s without", baseline)
                .isLessThanOrEqualTo(Duration.ofMillis((long) (baseline.toMillis() * 1.2)));
        // bounded work: one wait for room at most per HTTP request, and at most two backoffs per group of 50 on average
        assertThat(quota.waits()).as("waits for quota room").isLessThanOrEqualTo(adapter.httpRequests());
        assertThat(quota.backoffs()).as("backoffs").isLessThanOrEqualTo(2L * WRITES / adapter.batchSize());
    }

    @Test
    void the_e2e_mix_5_percent_429_500_503_and_5_percent_lost_answers_keeps_the_pace_and_makes_no_duplicate() {
        GoogleApiCalendar clean = start("clean@example.com");
        Duration baseline = push(clean, "Clean", WRITES);
        google.close();

        GoogleApiCalendar adapter = start("mixed@example.com");
        google.emulator.faults().steady(new Faults.Steady(0.05, 0.05, 20261205L));
        Duration mixed = push(adapter, "Mixed", WRITES);

        long calls = adapter.apiCalls();
        // a batch whose answer is lost costs its 50 calls again (each meets 409) plus 50 gets: the time follows the
        // calls made; quota-optimal for them is 600 at once and 600 more every 61 s
        Duration optimal = Duration.ofSeconds(61 * ((calls - 1) / 600));
        System.out.printf("pacing, e2e mix: %d writes, %d faults injected, %d API calls: %s vs %s without, quota-optimal for these calls %s; %d backoffs (%s); %d slow-downs%n",
                WRITES, google.emulator.stats().injectedFaults(), calls, mixed, baseline, optimal, quota.backoffs(), quota.backedOff(), quota.slowDowns());
        assertThat(google.user("mixed@example.com").events("mixed@example.com")).hasSize(WRITES);
        assertThat(quota.slowDowns()).isZero();
        assertThat(mixed).as("within a window of the quota-optimal time for the %d calls made", calls)
                .isLessThanOrEqualTo(optimal.plusSeconds(61));
    }

    @Test
    void real_quota_pressure_a_burst_of_429s_still_backs_off_exponentially_and_slows_the_pace() {
        GoogleApiCalendar adapter = start("pressed@example.com");
        google.emulator.faults().arm(Faults.Fault.error(429).times(200));   // four whole batches refused

        Duration took = push(adapter, "Pressed", 400);

        assertThat(google.user("pressed@example.com").events("pressed@example.com")).hasSize(400);
        assertThat(quota.refusals()).isEqualTo(200);
        assertThat(quota.slowDowns()).as("each refused round lowered the pace").isEqualTo(4);
        // 600 × 0.8⁴ = 245 right after the burst, then growing back by 60 a minute (the push took a minute more)
        assertThat(quota.allowance("pressed@example.com")).isBetween(245, 599);
        assertThat(quota.backoffs()).isEqualTo(4);
        // 1 s, 2 s, 4 s, 8 s, each ±50 %
        assertThat(quota.backedOff()).isBetween(Duration.ofMillis(7_500), Duration.ofMillis(22_500));
        // at the full pace the 400 would have gone at once; at 245 a minute the last of them wait for the window
        assertThat(took).isGreaterThan(Duration.ofSeconds(60));
    }
}
