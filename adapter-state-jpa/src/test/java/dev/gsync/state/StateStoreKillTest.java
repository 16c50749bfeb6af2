package dev.gsync.state;

import dev.gsync.core.model.ExternalId;
import dev.gsync.core.model.UserId;
import io.vavr.collection.HashSet;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default state store (H2 in a file) killed with SIGKILL at random points, many times: while it migrates a new
 * file, saves links, writes audits and credentials, polls like the scheduler, and closes and reopens the file as
 * consecutive commands do. After each kill the file must open (no corruption), every write the killed process had
 * reported as returned must be there, and the next process carries on.
 * <p>
 * CI size: 8 kills (30 to 60 s on a busy 2-core machine). The size: {@code mvn -B -o -q verify -pl adapter-state-jpa -am -Dtest=StateStoreKillTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dgsync.kill.count=200}; {@code -Dgsync.kill.seed=N} repeats a run.
 * {@code -Dgsync.kill.perFile=N} starts a new file every N kills (default 10): small N aims more kills at migrations.
 * Figures are printed and written to target/state-kill-figures.txt.
 */
class StateStoreKillTest {
    private static final int KILLS = Integer.getInteger("gsync.kill.count", 8);
    private static final long SEED = Long.getLong("gsync.kill.seed", System.nanoTime());
    /** A new file every so many kills, so that kills also land in the migrations of a new database. */
    private static final int KILLS_PER_FILE = Integer.getInteger("gsync.kill.perFile", 10);

    @Test
    void the_default_store_survives_sigkill_at_random_points() throws Exception {
        Random random = new Random(SEED);
        List<String> problems = new ArrayList<>();
        int commitsChecked = 0;
        int killsDuringMigration = 0;
        int killsAfterClose = 0;
        long firstOpenMillis = 1500;   // how long opening a new file takes, measured as the run goes
        long started = System.nanoTime();
        StateConfig config = null;
        for (int kill = 0; kill < KILLS; kill++) {
            if (kill % KILLS_PER_FILE == 0) config = freshFile();
            Victim victim = Victim.start(config.jdbcUrl(), kill);
            // counted from the moment the JVM is up: one kill in four during start-up (migrations on a new file,
            // the interrupted close of the previous process's file), one in four while the file is being closed,
            // the others after a random number of writes (link, cursor, audit and credential saves, reopens)
            victim.awaitLines(1);
            int mode = random.nextInt(4);
            if (kill % KILLS_PER_FILE == 0 && random.nextBoolean()) {
                // a new file: half of these kills land while it is being opened for the first time (Flyway's
                // migrations, then EclipseLink), at a random point of the time that took in earlier processes
                victim.awaitLine("MIGRATING");
                Thread.sleep(random.nextLong(Math.max(50, firstOpenMillis)));
            } else if (mode == 0) {
                Thread.sleep(random.nextInt(2500));
            } else if (mode == 1) {
                // while H2 closes the file: its compaction on close moves chunks, the riskiest moment
                victim.awaitLine("CLOSING");
                Thread.sleep(random.nextInt(250));
            } else {
                victim.awaitLines(1 + random.nextInt(80));
                Thread.sleep(random.nextInt(20));
            }
            List<String> committed = victim.kill();
            if (kill % KILLS_PER_FILE == 0 && victim.firstOpenMillis() > 0) firstOpenMillis = victim.firstOpenMillis();
            if (committed.stream().noneMatch(line -> line.startsWith("OPEN"))) killsDuringMigration++;
            if (committed.stream().anyMatch(line -> line.startsWith("CLOSED"))) killsAfterClose++;
            try {
                commitsChecked += check(config, committed, problems, kill);
            } catch (RuntimeException e) {
                problems.add("kill " + kill + ": the state file no longer opens: " + rootMessage(e)
                        + " (stderr: " + victim.stderrTail() + ")");
                config = freshFile();   // count on with a new file, so one corruption doesn't hide the others
            }
        }
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        String figures = "StateStoreKillTest seed=" + SEED + " kills=" + KILLS + " perFile=" + KILLS_PER_FILE
                + " migrationsRepaired=" + InterruptedMigrations.REPAIRS.get() + " firstOpenMs=" + firstOpenMillis + " killsBeforeOpenReturned=" + killsDuringMigration
                + " killsAfterClose=" + killsAfterClose + " commitsChecked=" + commitsChecked + " problems=" + problems.size() + " seconds=" + seconds;
        System.out.println(figures);
        problems.forEach(System.out::println);
        Files.writeString(Path.of("target", "state-kill-figures.txt"), figures + "\n" + String.join("\n", problems) + "\n");
        assertThat(problems).as(figures).isEmpty();
    }

    /** A new file, with the URL options gsync's runner adds by default (state.jdbc.url). */
    private static StateConfig freshFile() {
        StateConfig plain = TestDatabase.H2.fresh();
        return TestDatabase.config(plain.jdbcUrl() + ";AUTO_SERVER=TRUE", "sa");
    }

    /** Opens the file as the next command would and looks for every write the killed process saw return. */
    private static int check(StateConfig config, List<String> committed, List<String> problems, int kill) {
        int checked = 0;
        try (StateDatabase db = StateDatabase.open(config)) {
            JpaSyncStateStore links = new JpaSyncStateStore(db, Clock.systemUTC());
            JpaCredentialStore credentials = new JpaCredentialStore(db, Option.some(SecretCipher.of(TestDatabase.KEY).get()), Clock.systemUTC());
            Map<String, String> lastToken = new LinkedHashMap<>();
            Map<String, String> lastCursor = new LinkedHashMap<>();
            for (String line : committed) {
                String[] part = line.split(" ");
                switch (part[0]) {
                    case "LINK" -> {
                        checked++;
                        if (links.links(UserId.of(part[1]), HashSet.of(ExternalId.of("c" + part[2])), HashSet.empty()).isEmpty()) {
                            problems.add("kill " + kill + ": link c" + part[2] + " was saved, then lost");
                        }
                    }
                    case "AUDIT" -> {
                        checked++;
                        long found = db.read(em -> ((Number) em.createNativeQuery(
                                "select count(*) from t_run where user_id = ?1 and started_at = ?2")
                                .setParameter(1, part[1]).setParameter(2, Long.parseLong(part[2])).getSingleResult()).longValue());
                        if (found != 1) problems.add("kill " + kill + ": run audit " + part[2] + " was recorded, then lost");
                    }
                    case "CRED" -> lastToken.put(part[1], part[2]);
                    case "CURSOR" -> lastCursor.put(part[1], part[2]);
                    default -> { }
                }
            }
            for (Map.Entry<String, String> token : lastToken.entrySet()) {
                checked++;
                String stored = credentials.load(UserId.of(token.getKey()), "google-refresh-token").getOrElse("(none)");
                // the process may have written a later token it had no time to report; never an older one
                boolean sameOrLater = stored.equals(token.getValue())
                        || stored.startsWith("token-" + kill + "-") && order(stored) > order(token.getValue());
                if (!sameOrLater) problems.add("kill " + kill + ": token " + token.getValue() + " was saved, the file has " + stored);
            }
            for (Map.Entry<String, String> cursor : lastCursor.entrySet()) {
                checked++;
                String stored = links.cursor(UserId.of(cursor.getKey()), dev.gsync.core.model.Side.GOOGLE)
                        .map(c -> c.value().substring(0, c.value().indexOf('#'))).getOrElse("(none)");
                boolean sameOrLater = stored.equals(cursor.getValue())
                        || stored.startsWith(kill + "-") && order("token-" + stored) > order("token-" + cursor.getValue());
                if (!sameOrLater) problems.add("kill " + kill + ": cursor " + cursor.getValue() + " was saved, the file has " + stored);
            }
            // every table readable from end to end
            for (String table : List.of("t_link", "t_run", "t_credential", "t_cursor", "t_settings", "t_pending", "t_user_status",
                    "t_held_deletion", "t_applied_scope")) {
                db.read(em -> em.createNativeQuery("select count(*) from " + table).getSingleResult());
            }
        }
        return checked;
    }

    private static long order(String token) {
        String[] p = token.split("-");   // token-<round>-<session>-<i>
        return Long.parseLong(p[2]) * 1000 + Long.parseLong(p[3]);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    /** The child JVM, its reported commits read as they come. */
    private record Victim(Process process, List<String> lines, Thread reader, Path stderr, long[] times) {
        /** How long the first open (migrations included) took; 0 if it did not finish. */
        long firstOpenMillis() {
            return times[0] > 0 && times[1] > 0 ? TimeUnit.NANOSECONDS.toMillis(times[1] - times[0]) : 0;
        }

        static Victim start(String url, int round) throws Exception {
            String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Path stderr = Files.createTempFile(Path.of("target"), "victim-", ".err");
            Process process = new ProcessBuilder(javaBin, "-Xmx128m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                    StateStoreKillVictim.class.getName(), url, String.valueOf(round))
                    .redirectError(stderr.toFile())
                    .start();
            List<String> lines = Collections.synchronizedList(new ArrayList<>());
            long[] times = new long[2];   // when "MIGRATING 0" and "OPEN 0" arrived
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        if (line.equals("MIGRATING 0")) times[0] = System.nanoTime();
                        if (line.equals("OPEN 0")) times[1] = System.nanoTime();
                        lines.add(line);
                    }
                } catch (java.io.IOException e) {
                    // the pipe closes when the process dies
                }
            });
            reader.start();
            return new Victim(process, lines, reader, stderr, times);
        }

        void awaitLine(String prefix) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (process.isAlive() && System.nanoTime() < deadline) {
                synchronized (lines) {
                    if (lines.stream().anyMatch(line -> line.startsWith(prefix))) return;
                }
                Thread.sleep(1);
            }
        }

        void awaitLines(int count) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (lines.size() < count && process.isAlive() && System.nanoTime() < deadline) Thread.sleep(1);
        }

        /** SIGKILL (destroyForcibly on Unix), then the complete lines it wrote before dying. */
        List<String> kill() throws Exception {
            process.destroyForcibly();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("killed process gone").isTrue();
            reader.join(10_000);
            synchronized (lines) {
                return new ArrayList<>(lines);
            }
        }

        String stderrTail() {
            try {
                String text = Files.readString(stderr);
                return text.length() > 600 ? text.substring(text.length() - 600) : text;
            } catch (java.io.IOException e) {
                return "?";
            }
        }
    }
}
