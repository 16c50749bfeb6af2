package dev.gsync.e2e;

import dev.gsync.state.StateDatabase;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenario 2b: the default state store (the H2 file) under SIGKILLs of the real `gsync serve`, with db-scheduler
 * syncing two users every 3 s. Each kill lands at one of these points, drawn at random (the first five kills take
 * each point once, so the CI size covers them all):
 * <ul>
 *   <li>{@code NEW_FILE}: start-up on a new state file, every other time a random 0–150 ms after Flyway starts its
 *   first script, else a random moment of the time serve takes to open the file (Flyway's migrations, EclipseLink,
 *   the scheduler's tables): then the file must open, and a later `gsync users`
 *   on it must start (repairing an interrupted migration) and exit 0;</li>
 *   <li>{@code STARTUP}: a random moment of start-up on the deployment's file (migrations already done);</li>
 *   <li>{@code POLLING}: a random 0–4 s after serve says it is serving (the scheduler polling, runs starting);</li>
 *   <li>{@code AUDIT}: a random 0–3 s after serve logged a finished run (its audit row written), when the next
 *   scheduled runs read, write their audit rows and cursors;</li>
 *   <li>{@code LINKS}: after a random 1–20 more items were copied (links being saved), plus 0–20 ms.</li>
 * </ul>
 * After every kill the file must open (plain JDBC, the URL gsync uses, every table read) and hold at least as many
 * links as after the previous kill: nothing here deletes an item, so a link once saved must stay. New work is seeded
 * on both sides whenever little is left. At the end serve runs until both sides hold every seeded title once
 * (no duplicate, nothing lost), then is stopped with SIGTERM.
 * <p>
 * CI: 5 kills. The long run: {@code -De2e.serveKills=200} (docs/reliability.md); {@code -De2e.seed=N} repeats one.
 */
class ServeStateKillTest {
    enum Point { NEW_FILE, STARTUP, AUDIT, LINKS, POLLING }

    private static final String SERVING = "serving as ";
    private static final String RUN_DONE = "synced user=";
    private static final String MIGRATING = "Migrating schema";           // Flyway, before each script
    private static final String MIGRATED = "state tables 'gsync_";        // StateDatabase, after the last one

    @Test
    void sigkills_of_gsync_serve_never_leave_the_state_file_unopenable_and_serve_converges() throws Exception {
        Size size = Size.current();
        int kills = Integer.getInteger("e2e.serveKills", size.isSmall() ? 5 : 200);
        long seed = Long.getLong("e2e.seed", System.nanoTime());
        Random random = new Random(seed);
        List<String> users = List.of("gina", "hal");
        long began = System.nanoTime();
        long deadline = began + Duration.ofMinutes(15).plusSeconds(60L * kills).toNanos();
        Map<Point, Integer> landed = new EnumMap<>(Point.class);
        List<String> problems = new ArrayList<>();
        int newFileRepairs = 0, newFilesChecked = 0, killedInMigrations = 0, rounds = 0, copiedUnderKills = 0;
        long startupMillis = 6000, newFileMillis = 8000;   // measured as we go
        long maxLinks = 0;

        try (Deployment d = Deployment.create("serve-kills", users, Deployment.StateStore.H2_FILE)) {
            Path stateFile = d.dir.resolve("gsync-data/state");
            d.linkAndSeedCrmTasks(3);
            seedRound(d, users, rounds++);

            int total = 0;
            for (int attempt = 0; total < kills && attempt < kills * 3 && System.nanoTime() < deadline; attempt++) {
                Point point = total < Point.values().length ? Point.values()[total] : draw(random);
                if (point == Point.LINKS && d.seeded() - d.copied() < 30) {
                    seedRound(d, users, rounds++);
                }
                int copiedBefore = d.copied();
                if (point == Point.NEW_FILE) {
                    Path scratch = d.dir.resolve("new-state-" + attempt + "/state");
                    Path config = d.configWithStateFile("new-state-" + attempt, scratch);
                    long started = System.nanoTime();
                    GsyncProcess serve = d.startWith(config, "serve");
                    // every other one aimed at the migrations (they take ≈ 0.1–0.3 s of a start-up of several seconds)
                    boolean aimed = landed.getOrDefault(Point.NEW_FILE, 0) % 2 == 0;
                    long at;
                    if (aimed) {
                        waitForLog(serve, MIGRATING, 1, System.nanoTime() + Duration.ofSeconds(120).toNanos());
                        at = millisSince(started) + random.nextInt(150);
                    } else {
                        at = (long) (random.nextDouble() * newFileMillis);
                    }
                    sleepWhileAlive(serve, at - millisSince(started));
                    if (!serve.kill9()) throw new AssertionError("gsync serve ended by itself\n" + serve.output());
                    if (serve.logged(MIGRATING) > 0 && serve.logged(MIGRATED) == 0) killedInMigrations++;
                    if (serve.logged(SERVING) > 0) newFileMillis = Math.max(1000, millisSince(started) - 200);
                    landed.merge(point, 1, Integer::sum);
                    total++;
                    if (Files.exists(Path.of(scratch + ".mv.db"))) {
                        String opened = opens(scratch);
                        if (opened.startsWith("!")) problems.add("kill " + total + " (new file, " + at + " ms): " + opened);
                    }
                    GsyncProcess.Result after = d.startWith(config, "users").await(Duration.ofMinutes(2));
                    newFilesChecked++;
                    if (after.exitCode() != 0) problems.add("kill " + total + " (new file, " + at + " ms): `gsync users` on it exit "
                            + after.exitCode() + "\n" + after);
                    if ((after.out() + after.err()).contains("had been interrupted")) newFileRepairs++;
                    continue;
                }

                long started = System.nanoTime();
                GsyncProcess serve = d.start("serve");
                long limit = System.nanoTime() + Duration.ofSeconds(120).toNanos();
                switch (point) {
                    case STARTUP -> sleepWhileAlive(serve, (long) (random.nextDouble() * startupMillis));
                    case POLLING -> {
                        waitForLog(serve, SERVING, 1, limit);
                        startupMillis = Math.max(1000, millisSince(started));
                        sleepWhileAlive(serve, random.nextInt(4000));
                    }
                    case AUDIT -> {
                        waitForLog(serve, RUN_DONE, 1, limit);
                        sleepWhileAlive(serve, random.nextInt(3000));
                    }
                    case LINKS -> {
                        int target = copiedBefore + 1 + random.nextInt(20);
                        while (serve.alive() && System.nanoTime() < limit && d.copied() < target) Thread.sleep(5);
                        sleepWhileAlive(serve, random.nextInt(21));
                    }
                    case NEW_FILE -> throw new AssertionError("handled above");
                }
                if (!serve.kill9()) throw new AssertionError("gsync serve ended by itself\n" + serve.output());
                landed.merge(point, 1, Integer::sum);
                total++;
                copiedUnderKills += d.copied() - copiedBefore;
                String opened = opens(stateFile);
                if (opened.startsWith("!")) {
                    problems.add("kill " + total + " (" + point + "): " + opened);
                    break;   // serve could not go on from this file: the rest would only repeat it
                }
                long links = Long.parseLong(opened);
                if (links < maxLinks) problems.add("kill " + total + " (" + point + "): " + (maxLinks - links) + " saved link(s) gone");
                maxLinks = Math.max(maxLinks, links);
            }
            int copiedBeforeLast = d.copied();
            int work = d.seeded();

            GsyncProcess serve = d.start("serve");
            long converge = System.nanoTime() + Duration.ofMinutes(size.isSmall() && kills < 50 ? 3 : 10).toNanos();
            Census.Count count = census(d, users);
            while (System.nanoTime() < converge && !count.clean() && serve.alive()) {
                Thread.sleep(1000);
                count = census(d, users);
            }
            Thread.sleep(4000);   // a few more scheduled runs: they must not add anything
            count = census(d, users);
            GsyncProcess.Result stopped = serve.stop(Duration.ofSeconds(60));
            String finalFile = opens(stateFile);
            if (finalFile.startsWith("!")) problems.add("after SIGTERM: " + finalFile);
            long seconds = millisSince(began) / 1000;
            String detail = "seed " + seed + "; kills by point " + landed + "; " + newFilesChecked + " new files checked with `gsync users` ("
                    + killedInMigrations + " killed between Flyway's first script and the end of the migrations, "
                    + newFileRepairs + " interrupted migration(s) repaired); " + copiedUnderKills + " copies made while being killed, "
                    + copiedBeforeLast + "/" + work + " before the last start; " + rounds + " seed rounds; " + maxLinks + " links at most; "
                    + problems.size() + " problem(s); SIGTERM exit " + stopped.exitCode() + "; " + seconds + " s; load " + load();
            Figures.row("SIGKILL of gsync serve (scheduler every 3 s, two users, default H2 file state) at start-up, migrations of a new file, "
                    + "scheduler polling, audit writes and link saves (" + d.summary() + ")", total + " kills", count.duplicates(), count.lost(),
                    problems.size() + (count.clean() ? 0 : 1), detail);

            assertThat(problems).as("seed %d", seed).isEmpty();
            assertThat(count.clean()).as("seed %d: %s\n%s", seed, count, stopped).isTrue();
            assertThat(stopped.exitCode()).as("SIGTERM: a clean stop\n%s", stopped).isZero();
            assertThat(total).as("kills landed, seed %d", seed).isEqualTo(kills);
        }
    }

    private static Point draw(Random random) {
        int r = random.nextInt(10);
        if (r == 0) return Point.NEW_FILE;
        if (r <= 2) return Point.STARTUP;
        if (r <= 4) return Point.POLLING;
        if (r <= 6) return Point.AUDIT;
        return Point.LINKS;
    }

    /** Each user: 20 new CRM events, 20 new Google events and 2 Google tasks (titles unique per round). */
    private static void seedRound(Deployment d, List<String> users, int round) throws Exception {
        for (String user : users) {
            d.seedCrmEvents(user, 20);
            d.seedGoogle(user, 20, 2, "r" + round);
        }
    }

    /**
     * Opens the H2 file as gsync does (its URL, in this JVM, after the kill) and reads every table: the number of
     * links, or "!" and what went wrong.
     */
    private static String opens(Path file) {
        String url = StateDatabase.connectionUrl("jdbc:h2:file:" + file + ";AUTO_SERVER=TRUE");
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC'")) {
                while (rs.next()) tables.add(rs.getString(1));
            }
            long links = 0;
            for (String table : tables) {
                try (ResultSet rs = s.executeQuery("SELECT * FROM \"" + table + "\"")) {
                    long rows = 0;
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= columns; i++) rs.getObject(i);
                        rows++;
                    }
                    if (table.equalsIgnoreCase("gsync_link")) links = rows;
                }
            }
            return Long.toString(links);
        } catch (Exception e) {
            return "! the state file does not open or read: " + e;
        }
    }

    private static void waitForLog(GsyncProcess p, String text, int times, long limitNanos) throws Exception {
        while (p.alive() && System.nanoTime() < limitNanos && p.logged(text) < times) Thread.sleep(10);
    }

    private static void sleepWhileAlive(GsyncProcess p, long millis) throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000L;
        while (p.alive() && System.nanoTime() < end) Thread.sleep(Math.min(5, Math.max(1, (end - System.nanoTime()) / 1_000_000L)));
    }

    private static long millisSince(long nanos) { return (System.nanoTime() - nanos) / 1_000_000L; }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (Exception e) {
            return "?";
        }
    }

    private static Census.Count census(Deployment d, List<String> users) throws Exception {
        Census.Count total = Census.Count.ZERO;
        for (String user : users) total = total.plus(Census.of(d.expected.get(user), d.census(user)));
        return total;
    }
}
