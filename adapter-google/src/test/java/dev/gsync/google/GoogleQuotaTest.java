package dev.gsync.google;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The sliding-window quota on a test clock: sleeping moves the clock, so nothing here waits for real. */
class GoogleQuotaTest {
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    /** A clock that only moves when someone sleeps (or a test says so); remembers every sleep. */
    static final class TestTime implements GoogleQuota.Time {
        Instant now = T0;
        final List<Duration> sleeps = new ArrayList<>();

        @Override
        public synchronized Instant now() {
            return now;
        }

        @Override
        public synchronized void sleep(Duration d) {
            sleeps.add(d);
            now = now.plus(d);
        }

        synchronized void advance(Duration d) {
            now = now.plus(d);
        }
    }

    private final TestTime time = new TestTime();
    private final GoogleQuota quota = new GoogleQuota(GoogleConfig.Rate.perMinute(600), GoogleConfig.Rate.perMinute(10_000),
            Duration.ofSeconds(1), Duration.ofSeconds(2), time);

    /** Sends {@code calls} calls in batches of 50 (one unit each) and answers how long that took on the test clock. */
    private Duration push(String user, int calls) {
        Instant start = time.now();
        for (int sent = 0; sent < calls; sent += 50) quota.acquire(user, Math.min(50, calls - sent));
        return Duration.between(start, time.now());
    }

    @Test
    void a_burst_within_the_windows_allowance_goes_out_at_once() {
        assertThat(push("alice", 300)).isZero();
        assertThat(push("alice", 300)).isZero();   // 600 in the first minute: still within the window
        assertThat(time.sleeps).isEmpty();
    }

    @Test
    void a_long_push_runs_at_the_limit_one_window_after_another() {
        Duration took = push("alice", 1_200);

        // 600 at once, the next 600 as soon as the first ones slide out of the window (plus the 1 s margin)
        assertThat(took).isBetween(Duration.ofSeconds(61), Duration.ofMillis(61_100));
        assertThat(push("bob", 10_000 - 1_200 - 100)).isLessThan(Duration.ofSeconds(17 * 61));
    }

    @Test
    void ten_thousand_calls_take_sixteen_windows_and_a_bit_and_never_exceed_600_in_any_minute() {
        List<Instant> charged = new ArrayList<>();
        GoogleQuota.Time recording = new GoogleQuota.Time() {
            @Override public Instant now() { return time.now(); }
            @Override public void sleep(Duration d) { time.sleep(d); }
        };
        GoogleQuota q = new GoogleQuota(GoogleConfig.Rate.perMinute(600), GoogleConfig.Rate.perMinute(10_000), Duration.ofSeconds(1), Duration.ofSeconds(2), recording);
        Instant start = time.now();
        for (int i = 0; i < 10_000; i += 50) {
            q.acquire("alice", 50);
            for (int k = 0; k < 50; k++) charged.add(time.now());
        }
        Duration took = Duration.between(start, time.now());

        // quota-optimal: 600 per minute from t=0, so the last of 10,000 goes in minute 16
        assertThat(took).isBetween(Duration.ofMinutes(16), Duration.ofMinutes(16).plusSeconds(17));
        for (int i = 600; i < charged.size(); i++)
            assertThat(Duration.between(charged.get(i - 600), charged.get(i))).as("call %d", i).isGreaterThan(Duration.ofMinutes(1));
    }

    @Test
    void users_have_their_own_windows_and_share_the_projects() {
        GoogleQuota small = new GoogleQuota(GoogleConfig.Rate.perMinute(600), GoogleConfig.Rate.perMinute(1_000), Duration.ofSeconds(1), Duration.ofSeconds(2), time);

        for (int i = 0; i < 12; i++) small.acquire("alice", 50);   // alice's 600
        for (int i = 0; i < 8; i++) small.acquire("bob", 50);      // bob's 400 fill the project's 1,000
        assertThat(time.sleeps).isEmpty();

        small.acquire("carol", 50);   // carol has her own window, but the project's is full: she waits for it
        assertThat(time.sleeps).hasSize(1);
        assertThat(time.sleeps.get(0)).isBetween(Duration.ofSeconds(60), Duration.ofSeconds(62));
    }

    @Test
    void a_refusal_holds_the_user_back_until_retry_after_and_a_burst_of_them_lowers_the_allowance() {
        quota.acquire("alice", 50);

        quota.answered("alice", 50, 50, 0, Optional.of(Duration.ofSeconds(30)));   // the whole batch refused
        assertThat(quota.allowance("alice")).isEqualTo(480);
        quota.acquire("alice", 50);
        quota.acquire("bob", 50);   // bob is not held back by alice's refusal

        assertThat(time.sleeps).containsExactly(Duration.ofSeconds(30));
        assertThat(quota.allowance("alice")).isEqualTo(510);   // growing back since: + 60 a minute
        assertThat(quota.allowance("bob")).isEqualTo(600);
        assertThat(quota.refusals()).isEqualTo(50);
        assertThat(quota.slowDowns()).isEqualTo(1);
    }

    @Test
    void a_stray_refusal_is_not_pressure_but_its_retry_after_is_still_honoured() {
        for (int round = 0; round < 40; round++) {
            quota.acquire("alice", 50);
            quota.answered("alice", 50, round % 2 == 0 ? 2 : 3, 0, Optional.empty());   // 5 % refused, round after round
        }
        assertThat(quota.allowance("alice")).isEqualTo(600);
        assertThat(quota.slowDowns()).isZero();
        assertThat(quota.refusals()).isEqualTo(100);

        time.advance(Duration.ofMinutes(2));
        quota.answered("alice", 50, 1, 0, Optional.of(Duration.ofSeconds(7)));   // Google named a pause: wait it
        quota.acquire("alice", 1);

        assertThat(time.sleeps).last().isEqualTo(Duration.ofSeconds(7));
        assertThat(quota.allowance("alice")).isEqualTo(600);
    }

    @Test
    void two_refusals_in_a_row_of_a_lone_call_are_pressure_one_is_not() {
        quota.refused("alice", Optional.empty(), false);
        assertThat(quota.allowance("alice")).isEqualTo(600);

        quota.refused("alice", Optional.empty(), false);   // 2 of 2 (of at least 20): a tenth
        assertThat(quota.allowance("alice")).isEqualTo(480);
    }

    @Test
    void under_pressure_a_refusal_without_retry_after_pauses_briefly_and_the_allowance_grows_back_additively() {
        quota.answered("alice", 50, 50, 0, Optional.empty());
        quota.answered("alice", 50, 50, 0, Optional.empty());
        assertThat(quota.allowance("alice")).isEqualTo(384);   // 600 × 0.8 × 0.8
        quota.acquire("alice", 1);
        assertThat(time.sleeps).containsExactly(Duration.ofSeconds(2));

        time.advance(Duration.ofSeconds(28));
        quota.answered("alice", 50, 2, 0, Optional.empty());   // a stray refusal does not stop the growth
        assertThat(quota.allowance("alice")).isBetween(410, 416);   // + 60 per minute, proportionally
        time.advance(Duration.ofSeconds(90));
        assertThat(quota.allowance("alice")).isEqualTo(504);
        time.advance(Duration.ofMinutes(5));
        assertThat(quota.allowance("alice")).isEqualTo(600);
    }

    @Test
    void a_long_running_quota_remembers_only_one_period_of_answers() {
        for (int i = 0; i < 7_200; i++) {   // two hours of one answered call a second, never refused
            quota.answered("alice", 1, 0, 0, Optional.empty());
            time.advance(Duration.ofSeconds(1));
        }

        assertThat(quota.rememberedAnswers("alice")).isBetween(59, 61);
    }

    @Test
    void a_lowered_allowance_paces_the_user_below_the_limit() {
        for (int i = 0; i < 5; i++) quota.answered("alice", 50, 50, 0, Optional.of(Duration.ZERO));   // 600 × 0.8^5 ≈ 196

        Duration took = push("alice", 400);

        assertThat(took).isGreaterThan(Duration.ofSeconds(60));   // would have gone at once at the full limit
    }

    @Test
    void a_project_wide_refusal_holds_every_user_back() {
        quota.refused("alice", Optional.of(Duration.ofSeconds(10)), true);

        quota.acquire("bob", 1);

        assertThat(time.sleeps).containsExactly(Duration.ofSeconds(10));
    }

    @Test
    void a_batch_bigger_than_a_whole_window_goes_alone_into_an_empty_window() {
        GoogleQuota perSecond = new GoogleQuota(GoogleConfig.Rate.perSecond(40), GoogleConfig.Rate.perMinute(10_000), Duration.ofSeconds(1), Duration.ofSeconds(2), time);

        perSecond.acquire("alice", 50);
        perSecond.acquire("alice", 50);

        // the second waits for the first to leave the 1 s window (margin scaled to a 60th of the window)
        assertThat(time.sleeps).hasSize(1);
        assertThat(time.sleeps.get(0)).isBetween(Duration.ofMillis(1_000), Duration.ofMillis(1_020));
    }

    @Test
    void retry_after_is_read_as_seconds_or_as_an_http_date() {
        assertThat(CallError.parseRetryAfter("17", T0)).contains(Duration.ofSeconds(17));
        assertThat(CallError.parseRetryAfter("Mon, 02 Mar 2026 09:00:30 GMT", T0)).contains(Duration.ofSeconds(30));
        assertThat(CallError.parseRetryAfter("soon", T0)).isEmpty();
    }
}
