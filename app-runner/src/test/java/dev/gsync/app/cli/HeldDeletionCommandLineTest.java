package dev.gsync.app.cli;

import dev.gsync.app.ExitCode;
import dev.gsync.app.MassDeletion;
import dev.gsync.app.RunnerFixtureAccess;
import dev.gsync.app.Services;
import dev.gsync.app.SyncLock;
import dev.gsync.app.db.DatabaseSyncLock;
import dev.gsync.app.db.RunnerDatabase;
import dev.gsync.app.config.ConfigKey;
import dev.gsync.core.model.UserId;
import dev.gsync.core.port.RunAuditStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Held mass deletions (rule R12) and the per-user lock, on the command line: vtiger's tables and gsync's state on
 * MariaDB (the JDBC adapter), Google on the emulator. 20 of 21 linked events are deleted in the CRM.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HeldDeletionCommandLineTest {
    private RunnerFixtureAccess runner;

    @BeforeAll
    void start() {
        runner = RunnerFixtureAccess.startOnMariaDb(true);
    }

    @AfterAll
    void stop() throws Exception {
        if (runner != null) runner.close();
    }

    record Result(int exitCode, String out, String err) {}

    private Result run(String... args) {
        // the commands close the services they are given; this runner's stay open for the next command
        Services shared = runner.services();
        Services unclosable = new Services(shared.config(), shared.userSync(), shared.store(), shared.credentials(), shared.accounts(),
                shared.googleClient(), shared.runLog(), shared.stateDataSource(), shared.clock(), shared.webAddress(), shared.injector(), () -> {});
        CommandLine cli = new CommandLine(new GsyncCommand(config -> unclosable, Map.of()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream originalOut = System.out, originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = cli.execute(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }

    @Test
    void a_mass_deletion_is_held_listed_by_status_and_carried_out_exactly_when_confirmed() throws Exception {
        MassDeletion story = MassDeletion.prepare(runner, UserId.of("dave"));

        Result held = run("sync", "--user", "dave");
        Result again = run("sync", "--user", "dave");            // as the scheduler's next run would
        Result status = run("status", "--user", "dave");

        assertThat(held.exitCode()).as(held.out() + held.err()).isEqualTo(ExitCode.HELD);
        assertThat(held.out()).contains("HELD").contains("deletes 20 of 21").contains("--confirm-deletes");
        assertThat(again.exitCode()).isEqualTo(ExitCode.HELD);
        assertThat(story.googleTitles()).hasSize(21);               // nothing deleted yet
        assertThat(status.out()).contains("held:        20 deletion(s) (20 on GOOGLE)").contains("\"dave meeting 1\"")
                .contains("gsync sync --user dave --confirm-deletes");

        Result confirmed = run("sync", "--user", "dave", "--confirm-deletes");
        Result after = run("status", "--user", "dave");

        assertThat(confirmed.exitCode()).as(confirmed.out() + confirmed.err()).isZero();
        assertThat(confirmed.out()).contains("Confirming the deletion held for dave").contains("held deletion confirmed: 20 of 20 carried out");
        assertThat(story.googleTitles()).containsExactly(story.survivor());
        assertThat(story.crmTitles()).containsExactly(story.survivor());
        assertThat(after.out()).contains("held:        none");
        // the decision is in the audit trail, with where it was taken and each item it covered
        var audit = runner.services().injector().getInstance(RunAuditStore.class).recent(UserId.of("dave"), 10)
                .find(run -> run.outcome().equals("DELETIONS_CONFIRMED")).get();
        assertThat(audit.problem().get()).contains("via cli");
        assertThat(audit.entries()).hasSize(20).allMatch(e -> e.action().equals("confirm-delete-google"));
        assertThat(run("sync", "--user", "dave").exitCode()).isZero();
    }

    @Test
    void a_discarded_deletion_brings_the_deleted_events_back_into_the_crm_and_keeps_google_as_it_was() throws Exception {
        MassDeletion story = MassDeletion.prepare(runner, UserId.of("erin"));
        assertThat(run("sync", "--user", "erin").exitCode()).isEqualTo(ExitCode.HELD);

        Result discarded = run("sync", "--user", "erin", "--discard-deletes");

        assertThat(discarded.exitCode()).as(discarded.out() + discarded.err()).isZero();
        assertThat(discarded.out()).contains("Discarding the deletion held for erin").contains("restored");
        assertThat(story.crmTitles()).isEqualTo(story.allTitles());
        assertThat(story.googleTitles()).isEqualTo(story.allTitles());
        // settled: the next run has nothing to do, and nothing is held
        Result next = run("sync", "--user", "erin", "--dry-run");
        assertThat(next.out()).contains("(nothing to write)");
        assertThat(runner.services().store().heldDeletion(UserId.of("erin"))).isEmpty();
    }

    @Test
    void a_decision_needs_one_user_and_only_one_decision() {
        assertThat(run("sync", "--confirm-deletes").exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run("sync", "--user", "carol", "--confirm-deletes", "--discard-deletes").exitCode()).isEqualTo(ExitCode.USAGE);
        Result nothing = run("sync", "--user", "carol", "--discard-deletes");
        assertThat(nothing.exitCode()).isZero();
        assertThat(nothing.out()).contains("No deletion is held for carol");
    }

    @Test
    void a_sync_by_hand_while_another_process_syncs_the_user_exits_7_and_does_nothing() throws Exception {
        UserId bob = UserId.of("bob");
        var config = runner.services().config();
        // another process: its own pool on the same database, holding bob's lock as its running sync would
        try (RunnerDatabase other = RunnerDatabase.open(config.get(ConfigKey.STATE_JDBC_URL), config.get(ConfigKey.STATE_JDBC_USER), "")) {
            SyncLock otherProcess = new DatabaseSyncLock(other.dataSource());
            try (SyncLock.Held ignored = otherProcess.tryLock(bob).get()) {
                Result busy = run("sync", "--user", "bob");

                assertThat(busy.exitCode()).isEqualTo(ExitCode.BUSY);
                assertThat(busy.out()).contains("another gsync process is syncing bob right now");
                assertThat(runner.services().runLog().last(bob)).isEmpty();     // nothing ran, nothing recorded
            }
            Result free = run("sync", "--user", "bob");
            assertThat(free.exitCode()).isNotEqualTo(ExitCode.BUSY);        // bob has not linked Google: 4
            assertThat(otherProcess.tryLock(bob).map(held -> { held.close(); return true; })).contains(true);
        }
    }
}
