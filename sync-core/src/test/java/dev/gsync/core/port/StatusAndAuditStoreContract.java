package dev.gsync.core.port;

import dev.gsync.core.model.UserId;
import io.vavr.collection.List;
import io.vavr.collection.TreeMap;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link UserStatusStore} and {@link RunAuditStore} must do. Extend it with fresh, empty stores that keep
 * at least 10 runs per user and no age limit shorter than a day.
 */
public abstract class StatusAndAuditStoreContract {
    private static final Instant T0 = Instant.parse("2030-01-01T08:00:00Z");

    protected abstract UserStatusStore statuses();

    protected abstract RunAuditStore audits();

    private static UserId user(String name) {
        return UserId.of(name + "-" + System.nanoTime());   // stores may be shared between tests
    }

    @Test
    void a_status_round_trips_and_unknown_users_have_none() {
        UserStatusStore store = statuses();
        UserId alice = user("alice");
        assertThat(store.status(alice)).isEmpty();
        UserStatus written = store.update(alice, s -> s.afterRun(T0, TreeMap.of("google.created", 2), Option.some("boom"))
                .needingReauthorisation("grant revoked"));
        assertThat(store.status(alice)).contains(written);
        assertThat(written.lastRunAt()).contains(T0);
        assertThat(written.lastError()).contains("boom");
        assertThat(written.lastCounts()).isEqualTo(TreeMap.of("google.created", 2));
        assertThat(store.statuses().get(alice)).contains(written);
        UserStatus cleared = store.update(alice, UserStatus::reauthorised);
        assertThat(cleared.needsReauthorisation()).isFalse();
        assertThat(cleared.lastError()).contains("boom");
    }

    @Test
    void concurrent_updates_of_one_user_never_undo_each_other() throws Exception {
        UserStatusStore store = statuses();
        UserId bob = user("bob");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int i = 0; i < 20; i++) {
            pool.submit(() -> store.update(bob, s -> s.afterRun(T0, s.lastCounts().put("n", s.lastCounts().get("n").getOrElse(0) + 1), Option.none())));
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        assertThat(store.status(bob).get().lastCounts().get("n")).contains(20);
    }

    @Test
    void recent_runs_come_newest_first_per_user_within_the_limit() {
        RunAuditStore store = audits();
        UserId carol = user("carol");
        UserId dave = user("dave");
        for (int i = 0; i < 3; i++) {
            Instant started = T0.plusSeconds(60L * i);
            store.record(new RunAudit(carol, started, started.plusSeconds(5), "COMPLETED", Option.none(),
                    List.of(RunAudit.Entry.done("created-google", "CRM:" + i))));
        }
        store.record(new RunAudit(dave, T0, T0, "FAILED", Option.some("google unreachable"), List.empty()));

        assertThat(store.recent(carol, 10).map(r -> r.entries().head().item())).containsExactly("CRM:2", "CRM:1", "CRM:0");
        assertThat(store.recent(carol, 2).map(RunAudit::started)).containsExactly(T0.plusSeconds(120), T0.plusSeconds(60));
        RunAudit daves = store.recent(dave, 10).single();
        assertThat(daves.outcome()).isEqualTo("FAILED");
        assertThat(daves.problem()).contains("google unreachable");
        assertThat(store.recent(user("nobody"), 10)).isEmpty();
    }

    @Test
    void a_run_keeps_its_entries_with_their_reasons() {
        RunAuditStore store = audits();
        UserId erin = user("erin");
        List<RunAudit.Entry> entries = List.of(RunAudit.Entry.done("created-google", "CRM:1"),
                RunAudit.Entry.skipped("skipped-crm", "GOOGLE:a", "private event"),
                RunAudit.Entry.failed("failed-google", "CRM:2", "quota exceeded"));
        store.record(new RunAudit(erin, T0, T0.plusSeconds(3), "PARTIAL", Option.none(), entries));
        RunAudit back = store.recent(erin, 1).single();
        assertThat(back.entries()).containsExactlyElementsOf(entries);
        assertThat(back.finished()).isEqualTo(T0.plusSeconds(3));
        assertThat(back.counts()).isEqualTo(TreeMap.of("created-google", 1, "skipped-crm SKIPPED", 1, "failed-google FAILED", 1));
    }

    @Test
    void a_run_keeps_its_skip_groups_and_its_omitted_count() {
        RunAuditStore store = audits();
        UserId fay = user("fay");
        List<RunAudit.Skipped> skipped = List.of(new RunAudit.Skipped("skipped-google", "it lies outside the sync horizon [R7 out of scope]",
                100_000, List.of("CRM:1", "CRM:2")));
        store.record(new RunAudit(fay, T0, T0.plusSeconds(3), "COMPLETED", Option.none(),
                List.of(RunAudit.Entry.done("created-google", "CRM:7")), skipped, 0));

        RunAudit back = store.recent(fay, 1).single();

        assertThat(back.skipped()).containsExactlyElementsOf(skipped);
        assertThat(back.omitted()).isZero();
        assertThat(back.counts()).isEqualTo(TreeMap.of("created-google", 1, "skipped-google SKIPPED", 100_000));
    }
}
