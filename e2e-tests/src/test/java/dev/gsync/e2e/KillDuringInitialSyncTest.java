package dev.gsync.e2e;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenario 1: `kill -9` of `gsync sync` at random points of an initial sync that copies events and tasks both ways
 * (JDBC adapter, state in the default H2 file), then runs to the end: no duplicate and no lost item on either side.
 * A kill lands either early (start-up, migrations, first listing: a random time after the start) or at a random
 * point of the copying (a random count of items copied so far).
 */
class KillDuringInitialSyncTest {
    private static final Duration RUN_LIMIT = Duration.ofMinutes(10);

    @Test
    void kill_9_at_random_points_of_an_initial_sync_both_ways_then_run_to_the_end_leaves_no_duplicate_and_nothing_lost() throws Exception {
        Size size = Size.current();
        killsThenRunToTheEnd(Deployment.Crm.JDBC, size.events(), size.tasks(), size.kills(), 4000);
    }

    /**
     * Seeds half the events and tasks in the CRM and half in Google, kills {@code gsync sync} {@code kills} times
     * (each a fresh process), then runs it to the end and counts both sides. An early kill lands 300 ms plus up to
     * {@code earlyWindowMs} after the start. A kill counts only when the process had not yet logged the end of its run.
     */
    static void killsThenRunToTheEnd(Deployment.Crm adapter, int events, int tasks, int kills, int earlyWindowMs) throws Exception {
        long seed = Long.getLong("e2e.seed", System.nanoTime());
        Random random = new Random(seed);
        String name = adapter == Deployment.Crm.JDBC ? "kill-sync" : "kill-sync-rest";
        try (Deployment d = Deployment.create(name, List.of("alice"), Deployment.StateStore.H2_FILE, adapter)) {
            d.linkAndSeedCrmTasks(tasks / 2);
            d.seedCrmEvents("alice", events / 2);
            d.seedGoogle("alice", events - events / 2, tasks - tasks / 2);
            int work = d.seeded();   // every seeded item is copied once to the other side

            int landed = 0, attempts = 0;
            for (int kill = 0; kill < kills && attempts < kills * 3; attempts++) {
                int before = d.copied();
                if (before >= work) break;
                GsyncProcess p = d.start("sync", "--user", "alice");
                boolean early = random.nextInt(5) == 0;
                long deadline = System.nanoTime() + (early ? 300 + random.nextInt(earlyWindowMs) : 120_000) * 1_000_000L;
                // spread the kills over the whole run: on average the remaining work shared by the remaining kills
                int target = before + 1 + random.nextInt(Math.max(1, 2 * (work - before) / (kills - kill + 1)));
                while (p.alive() && System.nanoTime() < deadline && (early || d.copied() < target)) Thread.sleep(10);
                if (p.kill9() && !p.loggedEndOfRun()) {
                    landed++;
                    kill++;
                }
            }
            int after = d.copied();
            GsyncProcess.Result last = null;
            int finishingRuns = 0;
            for (; finishingRuns < 3; finishingRuns++) {
                last = d.run(RUN_LIMIT, "sync", "--user", "alice");
                if (last.exitCode() == 0) break;
            }
            Census.Count count = Census.of(d.expected.get("alice"), d.census("alice"));
            Figures.row("kill -9 of gsync sync during an initial sync both ways (" + d.summary() + ", " + adapter + ", H2 file state)",
                    landed + " kills", count.duplicates(), count.lost(), last.exitCode() == 0 && finishingRuns < 3 ? 0 : 1,
                    "seed " + seed + "; copied before the last runs: " + after + "/" + work + "; runs to finish: " + (finishingRuns + 1));

            assertThat(count.clean()).as("seed %d: %s", seed, count).isTrue();
            assertThat(last.exitCode()).as(last.toString()).isZero();
            assertThat(landed).as("kills that hit a running process (seed %d)", seed).isGreaterThanOrEqualTo(Math.min(kills, 3));
        }
    }
}
