package dev.gsync.state;

import dev.gsync.core.port.RunAudit;
import dev.gsync.core.port.UserStatus;
import dev.gsync.core.model.UserId;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.TreeMap;
import io.vavr.control.Option;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Per-user status and the run audit trail with its retention limits. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StatusAndRunAuditChecks {
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private StateConfig config;
    private StateDatabase db;
    private JpaUserStatusStore statuses;
    private UserId user;

    abstract TestDatabase database();

    @BeforeAll
    void open() {
        config = database().fresh();
        db = StateDatabase.open(config);
        statuses = new JpaUserStatusStore(db, Clock.systemUTC());
    }

    @AfterAll
    void close() {
        db.close();
    }

    @BeforeEach
    void newUser() {
        user = UserId.of("user-" + UUID.randomUUID());
    }

    private JpaRunAuditStore audits(RunRetention retention) {
        return new JpaRunAuditStore(db, retention, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private RunAudit runAt(Instant started, String item) {
        return new RunAudit(user, started, started.plusSeconds(3), "COMPLETED", Option.none(), List.of(RunAudit.Entry.done("create-google", item)));
    }

    // --- status

    @Test
    void a_status_records_the_last_run_and_a_needed_reauthorisation() {
        assertThat(statuses.status(user).isEmpty()).isTrue();

        statuses.update(user, s -> s.afterRun(NOW, TreeMap.of("created-google", 3, "failed", 1), Option.some("quota exceeded")));
        statuses.update(user, s -> s.needingReauthorisation("refresh token revoked"));

        UserStatus status = statuses.status(user).get();
        assertThat(status.lastRunAt()).isEqualTo(Option.some(NOW));
        assertThat(status.lastError()).isEqualTo(Option.some("quota exceeded"));
        assertThat(status.lastCounts()).isEqualTo(TreeMap.of("created-google", 3, "failed", 1));
        assertThat(status.needsReauthorisation()).isTrue();
        assertThat(status.reauthorisationReason()).isEqualTo(Option.some("refresh token revoked"));
        assertThat(statuses.statuses().get(user)).isEqualTo(Option.some(status));

        statuses.update(user, UserStatus::reauthorised);
        statuses.update(user, s -> s.afterRun(NOW.plusSeconds(60), TreeMap.empty(), Option.none()));

        assertThat(statuses.status(user).get()).isEqualTo(new UserStatus(Option.some(NOW.plusSeconds(60)), Option.none(), Option.none(), TreeMap.empty()));
    }

    @Test
    void an_overlong_error_is_clipped_not_refused() {
        statuses.update(user, s -> s.afterRun(NOW, TreeMap.empty(), Option.some("E".repeat(10_000))));

        assertThat(statuses.status(user).get().lastError().get()).hasSize(4000).startsWith("EEE");
    }

    @Test
    void concurrent_status_updates_of_one_user_are_never_lost() throws Exception {
        int threads = 4;
        int each = 15;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = List.range(0, threads).map(t -> pool.submit(() -> {
                for (int i = 0; i < each; i++) {
                    statuses.update(user, s -> s.afterRun(NOW, s.lastCounts().put("runs", s.lastCounts().get("runs").getOrElse(0) + 1), Option.none()));
                }
            }));
            for (Future<?> f : done) f.get(120, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        assertThat(statuses.status(user).get().lastCounts().get("runs")).isEqualTo(Option.some(threads * each));
    }

    // --- run audit

    @Test
    void a_run_comes_back_with_every_entry_and_reason() {
        RunAudit run = new RunAudit(user, NOW.minusSeconds(30), NOW, "PARTIAL", Option.some("1 item failed"), List.of(
                RunAudit.Entry.done("create-google", "CRM:12x1"),
                RunAudit.Entry.done("create-google", "CRM:12x2"),
                RunAudit.Entry.done("update-crm", "GOOGLE:abc"),
                RunAudit.Entry.skipped("create-google", "CRM:12x3", "private event, policy NONE"),
                RunAudit.Entry.failed("delete-google", "GOOGLE:def", "412 precondition failed: changed meanwhile")));

        audits(RunRetention.DEFAULT).record(run);

        Seq<RunAudit> back = audits(RunRetention.DEFAULT).recent(user, 10);
        assertThat(back).containsExactly(run);
        assertThat(back.head().counts()).isEqualTo(TreeMap.of("create-google", 2, "update-crm", 1,
                "create-google SKIPPED", 1, "delete-google FAILED", 1));
    }

    @Test
    void a_skip_or_failure_needs_its_reason() {
        assertThatThrownBy(() -> new RunAudit.Entry("create-google", "CRM:1", RunAudit.Outcome.SKIPPED, Option.none()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reason");
    }

    @Test
    void only_the_last_n_runs_of_a_user_are_kept() {
        JpaRunAuditStore store = audits(new RunRetention(Option.some(3), Option.none()));
        UserId other = UserId.of("other-" + UUID.randomUUID());
        store.record(new RunAudit(other, NOW.minusSeconds(999), NOW.minusSeconds(990), "FAILED", Option.some("CRM unreachable"), List.empty()));

        for (int i = 5; i >= 1; i--) store.record(runAt(NOW.minusSeconds(60L * i), "run " + i));

        assertThat(store.recent(user, 10).map(r -> r.entries().head().item())).containsExactly("run 1", "run 2", "run 3");
        assertThat(store.recent(other, 10)).hasSize(1);
    }

    @Test
    void runs_starting_at_the_same_instant_are_cut_to_exactly_n() {
        JpaRunAuditStore store = audits(new RunRetention(Option.some(2), Option.none()));

        for (int i = 0; i < 5; i++) store.record(runAt(NOW.minusSeconds(10), "same " + i));

        assertThat(store.recent(user, 10)).hasSize(2);
    }

    @Test
    void runs_older_than_the_age_limit_are_dropped() {
        JpaRunAuditStore keepAll = audits(RunRetention.KEEP_ALL);
        keepAll.record(runAt(NOW.minus(Duration.ofDays(40)), "too old"));
        keepAll.record(runAt(NOW.minus(Duration.ofDays(20)), "old"));
        assertThat(keepAll.recent(user, 10)).hasSize(2);
        JpaRunAuditStore month = audits(new RunRetention(Option.none(), Option.some(Duration.ofDays(30))));

        month.record(runAt(NOW.minusSeconds(60), "fresh"));

        assertThat(month.recent(user, 10).map(r -> r.entries().head().item())).containsExactly("fresh", "old");
        assertThat(month.prune(NOW.plus(Duration.ofDays(15)))).isGreaterThanOrEqualTo(1);
        assertThat(month.recent(user, 10).map(r -> r.entries().head().item())).containsExactly("fresh");
    }

    @Test
    void a_damaged_report_is_reported_with_run_and_user() throws Exception {
        JpaRunAuditStore store = audits(RunRetention.DEFAULT);
        store.record(runAt(NOW, "x"));
        Tables.update(config, "update t_run set report = '{\"format\":1,\"entries\":[{\"action\":\"a\"}]}' where user_id = ?", user.value());

        assertThatThrownBy(() -> store.recent(user, 1)).isInstanceOf(StoredStateException.class).hasMessageContaining(user.value());
    }
}
