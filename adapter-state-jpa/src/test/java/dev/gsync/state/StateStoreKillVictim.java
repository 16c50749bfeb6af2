package dev.gsync.state;

import dev.gsync.core.model.UserId;
import dev.gsync.core.port.RunAudit;
import io.vavr.collection.List;
import io.vavr.control.Option;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;

/**
 * The process {@link StateStoreKillTest} kills: it opens the state database as gsync does (migrations first), then
 * writes links, audits and credentials through the real stores while a second connection polls like db-scheduler,
 * and every so often closes and reopens the database as consecutive `gsync sync` commands do. Each write is
 * reported on stdout only after it returned, so every reported line is a commit the database must keep.
 * <p>
 * Arguments: JDBC URL, round number (makes the keys of this process unique).
 */
public final class StateStoreKillVictim {
    private StateStoreKillVictim() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String round = args[1];
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        StateConfig config = TestDatabase.config(url, "sa");
        UserId user = UserId.of("u" + (Integer.parseInt(round) % 3));
        out.println("MAIN");
        for (int session = 0; ; session++) {
            out.println("MIGRATING " + session);
            StateDatabase db = StateDatabase.open(config);
            out.println("OPEN " + session);
            java.util.concurrent.atomic.AtomicBoolean polling = new java.util.concurrent.atomic.AtomicBoolean(true);
            Thread poller = new Thread(() -> poll(Dialect.H2.connectionUrl(url), polling), "poller");
            poller.setDaemon(true);
            poller.start();
            JpaSyncStateStore links = new JpaSyncStateStore(db, Clock.systemUTC());
            JpaRunAuditStore audits = new JpaRunAuditStore(db, RunRetention.KEEP_ALL, Clock.systemUTC());
            JpaCredentialStore credentials = new JpaCredentialStore(db,
                    Option.some(SecretCipher.of(TestDatabase.KEY).get()), Clock.systemUTC());
            for (int i = 0; i < 12; i++) {
                String key = round + "-" + session + "-" + i;
                links.saveLink(user, Links.between("c" + key, "g" + key));
                out.println("LINK " + user.value() + " " + key);
                if (i % 4 == 0) {
                    Instant at = Instant.ofEpochMilli(System.currentTimeMillis() * 100 + i);
                    audits.record(new RunAudit(user, at, at.plusMillis(5), "ok", Option.none(),
                            List.range(0, 40).map(n -> RunAudit.Entry.done("created-google", "c" + key + "-" + n + " " + "x".repeat(400)))));
                    out.println("AUDIT " + user.value() + " " + at.toEpochMilli());
                }
                // the Google sync token, rewritten after every page of a listing: the churn that makes H2 compact
                links.saveCursor(user, dev.gsync.core.model.Side.GOOGLE, new dev.gsync.core.port.Cursor(key + "#" + "t".repeat(30_000)));
                out.println("CURSOR " + user.value() + " " + key);
                if (i % 7 == 0) {
                    credentials.save(user, "google-refresh-token", "token-" + key);
                    out.println("CRED " + user.value() + " token-" + key);
                }
            }
            polling.set(false);
            poller.join();
            out.println("CLOSING " + session);
            db.close();   // the last connection: H2 closes the file here (and compacts it), as at the end of a `gsync sync`
            out.println("CLOSED " + session);
        }
    }

    /** Like db-scheduler's poll: a row per task, read and updated every few milliseconds on its own connection. */
    private static void poll(String url, java.util.concurrent.atomic.AtomicBoolean polling) {
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS poll_tasks (name VARCHAR(100) PRIMARY KEY, picked BOOLEAN, heartbeat BIGINT)");
            s.execute("MERGE INTO poll_tasks KEY (name) VALUES ('sync', FALSE, 0)");
            while (polling.get()) {
                s.executeQuery("SELECT name FROM poll_tasks WHERE picked = FALSE").close();
                s.executeUpdate("UPDATE poll_tasks SET heartbeat = " + System.currentTimeMillis() + " WHERE name = 'sync'");
                Thread.sleep(10);
            }
        } catch (Exception e) {
            // the database was closed under us, or the process is going: polling just stops
        }
    }
}
