package dev.gsync.e2e;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenario 4: Google unreachable (the port closed: connections refused) for a while, Google's connections cut in the
 * middle of a run (as when its front end restarts), and MariaDB (vtiger's and gsync's state) restarted in the middle
 * of a run, and the emulator (Google) restarted in the middle of a run: its HTTP server stopped and started again
 * on the same port with its data kept. A run hit by an outage ends by itself with an exit code that says it failed (never 0 with work left
 * undone, never a hang); the next runs converge: no duplicate, nothing lost.
 */
class OutagesTest {
    private static final Duration LIMIT = Duration.ofMinutes(5);

    @Test
    void runs_during_outages_fail_clearly_and_the_next_runs_converge() throws Exception {
        Size.assumeEveryScenario();
        Size size = Size.current();
        int events = size.isSmall() ? 120 : 1000;
        List<String> log = new ArrayList<>();
        int unrecovered = 0;
        try (Deployment d = Deployment.create("outages", List.of("carol"), Deployment.StateStore.MARIADB)) {
            d.linkAndSeedCrmTasks(4);
            d.seedCrmEvents("carol", events / 2);
            d.seedGoogle("carol", events / 2, 4);
            int work = d.seeded();

            // 1. the network to Google is down for the whole run: connections refused
            d.network.cut();
            long started = System.nanoTime();
            GsyncProcess.Result refused = d.run(LIMIT, "sync", "--user", "carol");
            long seconds = (System.nanoTime() - started) / 1_000_000_000L;
            log.add("Google refused: exit " + refused.exitCode() + " after " + seconds + " s");
            assertThat(refused.exitCode()).as(refused.toString()).isIn(3, 5);
            assertThat(refused.out()).as(refused.toString()).containsIgnoringCase("carol");
            Thread.sleep(size.isSmall() ? 1000 : 60_000);   // "for a while": a minute in the large size
            d.network.restore();

            // 2. Google's connections cut in the middle of a run, back two seconds later
            GsyncProcess cutRun = d.start("sync", "--user", "carol");
            waitForProgress(d, cutRun, Math.max(1, work / 5));
            d.network.cut();
            Thread.sleep(2000);
            d.network.restore();
            GsyncProcess.Result cut = cutRun.await(LIMIT);
            log.add("Google cut mid-run: exit " + cut.exitCode());
            assertThat(cut.exitCode()).as(cut.toString()).isIn(0, 3, 5);

            // 3. MariaDB (vtiger and gsync's state) restarted in the middle of a run
            d.seedCrmEvents("carol", events / 4);   // fresh work for the run to be in the middle of
            work = d.seeded();
            GsyncProcess dbRun = d.start("sync", "--user", "carol");
            waitForProgress(d, dbRun, d.copied() + 1);
            MariaDbServer.get().stop();
            Thread.sleep(2000);
            MariaDbServer.get().restart();
            GsyncProcess.Result db = dbRun.await(LIMIT);
            log.add("MariaDB restarted mid-run: exit " + db.exitCode());
            assertThat(db.exitCode()).as(db.toString()).isIn(0, 1, 3, 5);

            // 4. the emulator (Google) restarted in the middle of a run: its HTTP server stopped as the run makes its
            //    first API call (open connections closed, new ones refused), a new one on the same port 3 s later over
            //    the same data
            d.seedCrmEvents("carol", events / 2);
            d.seedGoogle("carol", events / 2, 2, "restart");
            long requestsBefore = d.emulator.stats().httpRequests();
            GsyncProcess restartRun = d.start("sync", "--user", "carol");
            long limit = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (restartRun.alive() && System.nanoTime() < limit && d.emulator.stats().httpRequests() <= requestsBefore) Thread.sleep(1);
            boolean midRun = restartRun.alive() && !restartRun.loggedEndOfRun();
            d.emulator.restartHttp(Duration.ofSeconds(3));
            GsyncProcess.Result restarted = restartRun.await(LIMIT);
            log.add("emulator restarted at the run's first Google call: exit " + restarted.exitCode());
            assertThat(midRun).as("the run was going when the emulator stopped: %s", restarted).isTrue();
            assertThat(restarted.exitCode()).as(restarted.toString()).isIn(0, 3, 5);

            // the next runs converge
            GsyncProcess.Result next = null;
            int runs = 0;
            while (runs < 3) {
                runs++;
                next = d.run(LIMIT, "sync", "--user", "carol");
                if (next.exitCode() == 0) break;
            }
            log.add("then " + runs + " run(s) to converge, last exit " + next.exitCode());
            if (next.exitCode() != 0) unrecovered++;
            Census.Count count = Census.of(d.expected.get("carol"), d.census("carol"));
            Figures.row("outages: Google refused for a whole run, Google's connections cut mid-run, MariaDB (vtiger + state) restarted mid-run, "
                    + "the emulator's HTTP server restarted mid-run (" + d.summary() + ", state on MariaDB)", "4 outages", count.duplicates(), count.lost(), unrecovered, String.join("; ", log));

            assertThat(next.exitCode()).as(next.toString()).isZero();
            assertThat(count.clean()).as("%s", count).isTrue();
        }
    }

    private static void waitForProgress(Deployment d, GsyncProcess p, int target) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (p.alive() && System.nanoTime() < deadline && d.copied() < target) Thread.sleep(20);
    }
}
