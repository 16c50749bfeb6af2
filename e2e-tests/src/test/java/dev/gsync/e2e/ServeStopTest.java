package dev.gsync.e2e;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * `systemctl stop` of `gsync serve` (SIGTERM) while a user's sync is writing: the running sync finishes and records
 * its run, then the scheduler, the web server and the state store close, and only then does the process end, as
 * docs/deploy/gsync.service promises. (Until decision D37 the JVM ended as soon as the signal's hook returned, in the
 * middle of the closing, with exit code 143; and H2's own shutdown hook closed the state file under the running sync.)
 */
class ServeStopTest {
    @Test
    void sigterm_lets_the_running_sync_finish_and_closes_everything_before_the_process_ends() throws Exception {
        try (Deployment d = Deployment.create("serve-stop", List.of("ivy"), Deployment.StateStore.H2_FILE)) {
            d.linkAndSeedCrmTasks(2);
            d.seedCrmEvents("ivy", 150);
            d.seedGoogle("ivy", 150, 4);
            int work = d.seeded();
            GsyncProcess serve = d.start("serve");
            long limit = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (serve.alive() && System.nanoTime() < limit && d.copied() < 10) Thread.sleep(5);
            int copiedAtStop = d.copied();

            GsyncProcess.Result stopped = serve.stop(Duration.ofSeconds(150));
            String output = stopped.out() + stopped.err();
            int shutdown = output.indexOf("Shutting down Scheduler");
            String afterSignal = shutdown < 0 ? "" : output.substring(shutdown);
            GsyncProcess.Result next = d.run(Duration.ofMinutes(3), "sync", "--user", "ivy");
            Census.Count count = Census.of(d.expected.get("ivy"), d.census("ivy"));

            assertThat(copiedAtStop).as("a sync was writing when the signal came").isBetween(10, work - 1);
            assertThat(afterSignal).as("the scheduler was stopped by the signal\n%s", stopped).isNotEmpty();
            assertThat(afterSignal).as("the running sync ended by itself and recorded its run\n%s", stopped)
                    .contains("synced user=ivy outcome=OK");
            assertThat(afterSignal).as("everything closed before the process ended\n%s", stopped).contains("gsync serve stopped");
            assertThat(afterSignal).as("nothing failed while stopping\n%s", stopped).doesNotContain("ERROR").doesNotContain("Database is already closed");
            assertThat(stopped.exitCode()).as("a stop asked for is a clean end (not 143, which systemd counts as a failure)").isZero();
            assertThat(next.exitCode()).as(next.toString()).isZero();
            assertThat(count.clean()).as("%s", count).isTrue();
        }
    }
}
