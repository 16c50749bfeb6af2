package dev.gsync.app.schedule;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.gsync.app.CoreSyncEngine;
import dev.gsync.app.EmbeddedMariaDb;
import dev.gsync.app.GoogleAccounts;
import dev.gsync.app.Outcome;
import dev.gsync.app.RunLog;
import dev.gsync.app.RunSummary;
import dev.gsync.app.SyncEngine;
import dev.gsync.app.UserSync;
import dev.gsync.app.db.DatabaseSyncLock;
import dev.gsync.app.db.RunnerDatabase;
import dev.gsync.core.memory.InMemoryCrmCalendar;
import dev.gsync.core.memory.InMemoryGoogleCalendar;
import dev.gsync.core.model.CalendarItem;
import dev.gsync.core.model.SyncSettings;
import dev.gsync.core.model.Timing;
import dev.gsync.core.model.UserId;
import dev.gsync.core.port.RunAuditStore;
import dev.gsync.core.port.SyncStateStore;
import dev.gsync.core.port.UserStatusStore;
import dev.gsync.core.run.RunOptions;
import dev.gsync.state.RunRetention;
import dev.gsync.state.StateConfig;
import dev.gsync.state.StateDatabase;
import dev.gsync.state.StateJpaModule;
import io.vavr.control.Either;
import io.vavr.control.Option;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * `gsync sync` by hand and `gsync serve`'s scheduler on one MariaDB, as two processes would be: each side has its own
 * connection pool and its own {@link UserSync}, both with the database lock. One user is never synced by both at
 * once, whichever started first: the one that comes second is told the user is busy (the command exits 7; the
 * scheduler tries again after retryAfter, without counting a failure).
 */
class ManualSyncLockTest {
    private static final UserId ANN = UserId.of("ann");
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final Clock clock = Clock.systemUTC();
    private Injector state;
    private SyncStateStore store;
    private RunLog runLog;
    private SyncEngine core;
    private InMemoryCrmCalendar crm;
    private InMemoryGoogleCalendar google;
    private RunnerDatabase serveDb;
    private RunnerDatabase cliDb;
    private final CopyOnWriteArrayList<String> runs = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        String url = EmbeddedMariaDb.newDatabase();
        state = Guice.createInjector(new StateJpaModule(new StateConfig(url, "root", "", StateConfig.DEFAULT_PREFIX,
                Option.none(), RunRetention.DEFAULT, 8)));
        store = state.getInstance(SyncStateStore.class);
        store.saveSettings(ANN, SyncSettings.defaults());
        runLog = new RunLog(state.getInstance(RunAuditStore.class), state.getInstance(UserStatusStore.class));
        core = new CoreSyncEngine(store, clock, RunOptions.DEFAULT);
        crm = new InMemoryCrmCalendar(clock);
        Instant start = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        crm.add(CalendarItem.event("Planning", new Timing.Timed(start, start.plus(1, ChronoUnit.HOURS), ZoneId.of("UTC"))));
        google = new InMemoryGoogleCalendar(clock);
        serveDb = RunnerDatabase.open(url, "root", "");
        cliDb = RunnerDatabase.open(url, "root", "");
    }

    @AfterEach
    void stop() {
        serveDb.close();
        cliDb.close();
        state.getInstance(StateDatabase.class).close();
    }

    private UserSync userSync(RunnerDatabase db, String who, SyncEngine engine) {
        SyncEngine recorded = (user, c, g, settings, dryRun) -> {
            runs.add(who + " start");
            RunSummary run = engine.run(user, c, g, settings, dryRun);
            runs.add(who + " end");
            return run;
        };
        return new UserSync(user -> Either.right(crm), (user, settings) -> google, new Linked(), store, recorded, runLog, clock,
                ZoneId.of("UTC"), new DatabaseSyncLock(db.dataSource()));
    }

    private UserSyncScheduler serve(UserSync userSync) {
        return new UserSyncScheduler(serveDb.dataSource(), userSync, store, "serve-node", 2,
                Duration.ofSeconds(2), Duration.ofMillis(500), Duration.ofMillis(200));
    }

    /** The real engine, but it waits at the start until released: a long run caught in the middle. */
    private SyncEngine slow(CountDownLatch started, CountDownLatch release) {
        return (user, c, g, settings, dryRun) -> {
            started.countDown();
            try {
                release.await(WAIT.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return core.run(user, c, g, settings, dryRun);
        };
    }

    @Test
    void a_sync_by_hand_during_a_scheduled_run_is_told_the_user_is_busy_and_does_nothing() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        UserSync byHand = userSync(cliDb, "cli", core);
        try (UserSyncScheduler scheduler = serve(userSync(serveDb, "serve", slow(started, release)))) {
            scheduler.scheduleKnownUsers(store);
            scheduler.start();
            assertThat(started.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the scheduled run started").isTrue();

            RunSummary busy = byHand.sync(ANN, false);

            assertThat(busy.outcome()).isEqualTo(Outcome.BUSY);
            assertThat(busy.outcome().exitCode()).isEqualTo(7);
            assertThat(busy.firstFailure()).contains("another gsync process is syncing ann right now");
            release.countDown();
            RunSummary later = awaitNotBusy(byHand);
            assertThat(later.outcome()).as(later.report()).isEqualTo(Outcome.OK);
        }
        assertThat(runs).startsWith("serve start", "serve end", "cli start", "cli end");
        assertThat(google.items().values().map(CalendarItem::title)).containsExactly("Planning");
    }

    @Test
    void a_scheduled_run_during_a_sync_by_hand_waits_for_it_without_counting_a_failure() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        UserSync byHand = userSync(cliDb, "cli", slow(started, release));
        ExecutorService cli = Executors.newSingleThreadExecutor();
        try (UserSyncScheduler scheduler = serve(userSync(serveDb, "serve", core))) {
            Future<RunSummary> manual = cli.submit(() -> byHand.sync(ANN, false));
            assertThat(started.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the run by hand started").isTrue();
            scheduler.scheduleKnownUsers(store);
            scheduler.start();
            // the scheduler comes to ann at least twice while the run by hand holds her (retryAfter is 500 ms)
            Instant until = Instant.now().plusSeconds(3);
            while (Instant.now().isBefore(until)) Thread.sleep(100);
            assertThat(runs).containsExactly("cli start");
            assertThat(consecutiveFailures()).isZero();

            release.countDown();
            assertThat(manual.get(WAIT.toSeconds(), TimeUnit.SECONDS).outcome()).isEqualTo(Outcome.OK);
            Instant deadline = Instant.now().plus(WAIT);
            while (Instant.now().isBefore(deadline) && !runs.contains("serve end")) Thread.sleep(100);
        } finally {
            cli.shutdownNow();
        }
        assertThat(runs).startsWith("cli start", "cli end", "serve start", "serve end");
    }

    private RunSummary awaitNotBusy(UserSync byHand) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        RunSummary run = byHand.sync(ANN, false);
        while (run.outcome() == Outcome.BUSY && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            run = byHand.sync(ANN, false);
        }
        return run;
    }

    private int consecutiveFailures() throws Exception {
        try (Connection c = serveDb.dataSource().getConnection();
             PreparedStatement st = c.prepareStatement("SELECT consecutive_failures FROM scheduled_tasks WHERE task_name = ? AND task_instance = ?")) {
            st.setString(1, UserSyncScheduler.SYNC_TASK);
            st.setString(2, ANN.value());
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getInt(1) : -1;
            }
        }
    }

    private static final class Linked implements GoogleAccounts {
        public Either<String, URI> consentUrl(UserId user) { throw new UnsupportedOperationException(); }
        public Either<String, UserId> complete(String state, String code) { throw new UnsupportedOperationException(); }
        public boolean isLinked(UserId user) { return true; }
        public void unlink(UserId user) { throw new UnsupportedOperationException(); }
    }
}
