package dev.gsync.e2e;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenario 2: `kill -9` of `gsync serve` (the db-scheduler syncing every few seconds, state in the default H2 file)
 * at random points of two users' initial syncs both ways; restarted each time; finally left running until it has
 * converged, then stopped as systemd would (SIGTERM): no duplicate and no lost item on either side.
 */
class KillServeTest {
    @Test
    void kill_9_of_gsync_serve_at_random_points_then_serve_converges_with_no_duplicate_and_nothing_lost() throws Exception {
        Size.assumeEveryScenario();
        Size size = Size.current();
        long seed = Long.getLong("e2e.seed", System.nanoTime());
        Random random = new Random(seed);
        int events = size.isSmall() ? 120 : size.events() / 2;
        int kills = size.isSmall() ? 2 : size.kills();
        List<String> users = List.of("erin", "frank");
        try (Deployment d = Deployment.create("kill-serve", users, Deployment.StateStore.H2_FILE)) {
            d.linkAndSeedCrmTasks(size.tasks() / 4);
            for (String user : users) {
                d.seedCrmEvents(user, events / 4);
                d.seedGoogle(user, events / 4, size.tasks() / 4);
            }
            int work = d.seeded();

            int landed = 0;
            for (int attempt = 0; landed < kills && attempt < kills * 3; attempt++) {
                int before = d.copied();
                if (before >= work) break;
                GsyncProcess serve = d.start("serve");
                boolean early = random.nextInt(5) == 0;
                long deadline = System.nanoTime() + (early ? 500 + random.nextInt(5000) : 120_000) * 1_000_000L;
                // spread the kills over the whole run: on average the remaining work shared by the remaining kills
                int target = before + 1 + random.nextInt(Math.max(1, 2 * (work - before) / (kills - landed + 1)));
                while (serve.alive() && System.nanoTime() < deadline && (early || d.copied() < target)) Thread.sleep(10);
                if (serve.kill9()) landed++;
                else throw new AssertionError("gsync serve ended by itself\n" + serve.output());
            }
            int copiedBeforeLast = d.copied();

            GsyncProcess serve = d.start("serve");
            long deadline = System.nanoTime() + Duration.ofMinutes(size.isSmall() ? 2 : 10).toNanos();
            Census.Count count = census(d, users);
            while (System.nanoTime() < deadline && !count.clean()) {
                Thread.sleep(1000);
                count = census(d, users);
            }
            Thread.sleep(4000);   // a few more scheduled runs: they must not add anything
            count = census(d, users);
            GsyncProcess.Result stopped = serve.stop(Duration.ofSeconds(60));
            Figures.row("kill -9 of gsync serve (scheduler every 3 s) during two users' initial syncs both ways (" + d.summary() + ", H2 file state)",
                    landed + " kills", count.duplicates(), count.lost(), count.clean() ? 0 : 1,
                    "seed " + seed + "; copied before the last start: " + copiedBeforeLast + "/" + work + "; SIGTERM exit " + stopped.exitCode());

            assertThat(count.clean()).as("seed %d: %s\n%s", seed, count, stopped).isTrue();
            assertThat(landed).isGreaterThanOrEqualTo(Math.min(kills, 2));
        }
    }

    private static Census.Count census(Deployment d, List<String> users) throws Exception {
        Census.Count total = Census.Count.ZERO;
        for (String user : users) total = total.plus(Census.of(d.expected.get(user), d.census(user)));
        return total;
    }
}
