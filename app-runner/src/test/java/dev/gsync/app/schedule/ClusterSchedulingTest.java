package dev.gsync.app.schedule;

import dev.gsync.app.CoreSyncEngine;
import dev.gsync.app.EmbeddedMariaDb;
import dev.gsync.app.GoogleAccounts;
import dev.gsync.app.Outcome;
import dev.gsync.app.RunSummary;
import dev.gsync.app.SyncEngine;
import dev.gsync.app.UserSync;
import dev.gsync.app.RunLog;
import dev.gsync.core.port.RunAuditStore;
import dev.gsync.core.port.UserStatusStore;
import dev.gsync.app.db.RunnerDatabase;
import dev.gsync.core.memory.InMemoryCrmCalendar;
import dev.gsync.core.memory.InMemoryGoogleCalendar;
import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.gsync.core.port.SyncStateStore;
import dev.gsync.state.RunRetention;
import dev.gsync.state.StateConfig;
import dev.gsync.state.StateDatabase;
import dev.gsync.state.StateJpaModule;
import io.vavr.control.Option;
import dev.gsync.core.model.CalendarItem;
import dev.gsync.core.model.SyncSettings;
import dev.gsync.core.model.Timing;
import dev.gsync.core.model.UserId;
import dev.gsync.core.run.RunOptions;
import io.vavr.collection.List;
import io.vavr.control.Either;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two runner instances (two db-scheduler instances with their own names) share 50 users in one MariaDB (scheduler
 * table, run log and the JPA state store all there; the users' calendars are in memory): every
 * user is synced, by both instances between them, and never by two at once. A user whose syncs fail and a user
 * who has not linked Google do not hold the others up.
 */
class ClusterSchedulingTest {
    private static final int USERS = 50;
    private static final UserId BROKEN = UserId.of("user-00");      // every run fails (e.g. Google unreachable for them)
    private static final UserId UNLINKED = UserId.of("user-01");

    record Span(UserId user, String instance, Instant start, Instant end, Outcome outcome) {}

    @Test
    void two_instances_sync_fifty_users_each_user_by_one_instance_at_a_time() throws Exception {
        String url = EmbeddedMariaDb.newDatabase();
        Clock clock = Clock.systemUTC();
        // the real state store (JPA) on the same MariaDB: settings, links and cursors of all 50 users
        Injector state = Guice.createInjector(new StateJpaModule(new StateConfig(url, "root", "", StateConfig.DEFAULT_PREFIX,
                Option.none(), RunRetention.DEFAULT, 8)));
        SyncStateStore store = state.getInstance(SyncStateStore.class);
        Map<UserId, InMemoryCrmCalendar> crms = new ConcurrentHashMap<>();
        Map<UserId, InMemoryGoogleCalendar> googles = new ConcurrentHashMap<>();
        Instant start = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        for (int i = 0; i < USERS; i++) {
            UserId user = UserId.of(String.format("user-%02d", i));
            store.saveSettings(user, SyncSettings.defaults());
            InMemoryCrmCalendar crm = new InMemoryCrmCalendar(clock);
            crm.add(CalendarItem.event("Meeting of " + user, new Timing.Timed(start, start.plus(1, ChronoUnit.HOURS), ZoneId.of("UTC"))));
            crms.put(user, crm);
            googles.put(user, new InMemoryGoogleCalendar(clock));
        }
        CopyOnWriteArrayList<Span> spans = new CopyOnWriteArrayList<>();
        GoogleAccounts accounts = new AccountsLinkedExcept(UNLINKED);
        SyncEngine core = new CoreSyncEngine(store, clock, RunOptions.DEFAULT);
        RunLog runLog = new RunLog(state.getInstance(RunAuditStore.class), state.getInstance(UserStatusStore.class));

        try (RunnerDatabase db = RunnerDatabase.open(url, "root", "");
             UserSyncScheduler a = instance("node-a", db, store, crms, googles, accounts, recording("node-a", core, spans), runLog);
             UserSyncScheduler b = instance("node-b", db, store, crms, googles, accounts, recording("node-b", core, spans), runLog)) {
            assertThat(store.users()).hasSize(USERS);
            a.scheduleKnownUsers(store);
            a.start();
            b.start();
            Instant deadline = Instant.now().plusSeconds(60);
            while (Instant.now().isBefore(deadline) && !everyHealthyUserSyncedTwice(spans)) Thread.sleep(200);
        }

        state.getInstance(StateDatabase.class).close();
        List<Span> all = List.ofAll(spans);
        // each user synced, and really: the CRM meeting is in their Google calendar
        for (int i = 2; i < USERS; i++) {
            UserId user = UserId.of(String.format("user-%02d", i));
            assertThat(all.count(s -> s.user().equals(user) && s.outcome() == Outcome.OK)).as(user.value()).isGreaterThanOrEqualTo(2);
            assertThat(googles.get(user).items().values().map(CalendarItem::title)).containsExactly("Meeting of " + user);
        }
        // never two syncs of one user at once, whichever instances ran them
        for (var byUser : all.groupBy(Span::user)) {
            List<Span> sorted = byUser._2.sortBy(Span::start);
            for (int i = 1; i < sorted.size(); i++)
                assertThat(sorted.get(i).start()).as("%s overlaps: %s", byUser._1, sorted).isAfterOrEqualTo(sorted.get(i - 1).end());
        }
        // both instances took a share
        assertThat(all.map(Span::instance).distinct()).containsExactlyInAnyOrder("node-a", "node-b");
        // the broken user is retried with back-off, the unlinked one waits; neither took the others' turns
        assertThat(all.filter(s -> s.user().equals(BROKEN)).map(Span::outcome).distinct()).containsExactly(Outcome.FAILED);
        assertThat(all.count(s -> s.user().equals(BROKEN))).isBetween(1, 8);
        assertThat(googles.get(UNLINKED).items()).isEmpty();
    }

    private static boolean everyHealthyUserSyncedTwice(java.util.List<Span> spans) {
        var counts = List.ofAll(spans).filter(s -> s.outcome() == Outcome.OK).groupBy(Span::user).mapValues(List::size);
        return counts.size() >= USERS - 2 && counts.values().forAll(n -> n >= 2);
    }

    private static UserSyncScheduler instance(String name, RunnerDatabase db, SyncStateStore store,
                                              Map<UserId, InMemoryCrmCalendar> crms, Map<UserId, InMemoryGoogleCalendar> googles,
                                              GoogleAccounts accounts, SyncEngine engine, RunLog runLog) {
        UserSync userSync = new UserSync(user -> Either.right(crms.get(user)), (user, settings) -> googles.get(user), accounts, store, engine, runLog,
                Clock.systemUTC(), ZoneId.of("UTC"));
        return new UserSyncScheduler(db.dataSource(), userSync, store, name, 4,
                Duration.ofSeconds(2), Duration.ofMillis(500), Duration.ofMillis(200));
    }

    /** The real engine, with the span of each run recorded; the broken user fails as an unreachable Google would. */
    private static SyncEngine recording(String instance, SyncEngine core, java.util.List<Span> spans) {
        return (user, crm, google, settings, dryRun) -> {
            Instant begin = Instant.now();
            RunSummary run = user.equals(BROKEN)
                    ? new RunSummary(user, begin, Instant.now(), Outcome.FAILED, dryRun, "", List.of("unavailable: google is down"), "failed")
                    : core.run(user, crm, google, settings, dryRun);
            sleep(30);   // long enough that a second, overlapping pick would show
            spans.add(new Span(user, instance, begin, Instant.now(), run.outcome()));
            return run;
        };
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record AccountsLinkedExcept(UserId unlinked) implements GoogleAccounts {
        public Either<String, URI> consentUrl(UserId user) { throw new UnsupportedOperationException(); }
        public Either<String, UserId> complete(String state, String code) { throw new UnsupportedOperationException(); }
        public boolean isLinked(UserId user) { return !user.equals(unlinked); }
        public void unlink(UserId user) { throw new UnsupportedOperationException(); }
    }
}
