package dev.gsync.app;

import dev.gsync.core.memory.InMemoryRunAuditStore;
import dev.gsync.core.memory.InMemoryUserStatusStore;
import dev.gsync.core.model.UserId;
import dev.gsync.core.port.RunAuditStore;
import io.vavr.collection.List;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The runner's view of runs kept in the status and audit ports: the last run, the last problem, dry runs. */
class RunLogTest {
    private static final UserId ALICE = UserId.of("alice");
    private static final Instant T0 = Instant.parse("2030-01-01T08:00:00Z");

    private final InMemoryUserStatusStore statuses = new InMemoryUserStatusStore();
    private final RunLog log = new RunLog(new InMemoryRunAuditStore(), statuses);

    @Test
    void an_unlinked_run_is_the_last_problem_until_a_later_problem_and_marks_the_user() {
        log.record(new RunSummary(ALICE, T0, T0.plusSeconds(1), Outcome.NOT_LINKED, false, "", List.of("Google is not linked"), "not linked"));
        log.record(new RunSummary(ALICE, T0.plusSeconds(60), T0.plusSeconds(61), Outcome.OK, true, "", List.empty(), "ok"));

        RunSummary last = log.last(ALICE).get();
        assertThat(last.outcome()).isEqualTo(Outcome.OK);
        assertThat(last.dryRun()).isTrue();
        assertThat(last.finished()).isEqualTo(T0.plusSeconds(61));
        RunSummary problem = log.lastProblem(ALICE).get();
        assertThat(problem.outcome()).isEqualTo(Outcome.NOT_LINKED);
        assertThat(problem.dryRun()).isFalse();
        assertThat(problem.firstFailure()).isEqualTo("Google is not linked");
        assertThat(statuses.status(ALICE).get().needsReauthorisation()).isTrue();
        assertThat(log.last(UserId.of("bob"))).isEmpty();
    }

    @Test
    void stored_outcomes_map_to_the_runners_outcomes() {
        assertThat(RunLog.outcome("COMPLETED")).isEqualTo(Outcome.OK);
        assertThat(RunLog.outcome("DRY_RUN PARTIAL")).isEqualTo(Outcome.PARTIAL);
        assertThat(RunLog.outcome("NEEDS_REAUTHORISATION")).isEqualTo(Outcome.NOT_LINKED);
        assertThat(RunLog.outcome("REFUSED")).isEqualTo(Outcome.FAILED);
        assertThat(RunLog.outcome("NOT_LINKED")).isEqualTo(Outcome.NOT_LINKED);
    }

    @Test
    void counts_read_as_before_per_direction() {
        var counts = io.vavr.collection.TreeMap.of("google.created", 3, "crm.updated", 1, "google.conflicts", 2);
        assertThat(RunLog.counts(counts)).isEqualTo("to google: 3 created, 0 updated, 0 deleted, 0 skipped, 2 conflicts, 0 failed; "
                + "to crm: 0 created, 1 updated, 0 deleted, 0 skipped, 0 conflicts, 0 failed");
        assertThat(RunLog.counts(io.vavr.collection.TreeMap.empty())).isEmpty();
    }

    @Test
    void a_failed_audit_write_is_answered_as_a_problem_and_the_status_is_still_updated() {
        RunAuditStore broken = new RunAuditStore() {
            @Override
            public void record(dev.gsync.core.port.RunAudit run) {
                throw new IllegalStateException("Data too long for column 'report'");
            }

            @Override
            public io.vavr.collection.Seq<dev.gsync.core.port.RunAudit> recent(UserId user, int limit) {
                return List.empty();
            }

            @Override
            public int prune(Instant now) {
                return 0;
            }
        };
        RunLog brokenLog = new RunLog(broken, statuses);
        RunSummary synced = new RunSummary(ALICE, T0, T0.plusSeconds(1), Outcome.OK, false, "", List.empty(), "ok");

        var problems = brokenLog.record(synced);

        assertThat(problems).singleElement().asString().contains("run audit was not stored", "Data too long");
        assertThat(statuses.status(ALICE).get().lastRunAt().get()).isEqualTo(T0.plusSeconds(1));
        RunSummary reported = synced.withNote(problems.head());
        assertThat(reported.outcome()).isEqualTo(Outcome.OK);
        assertThat(reported.report()).contains("ok", "note: the run audit was not stored");
    }
}
