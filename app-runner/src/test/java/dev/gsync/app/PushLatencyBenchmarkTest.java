package dev.gsync.app;

import dev.gsync.app.config.ConfigKey;
import dev.gsync.app.demo.BrowserlessConsent;
import dev.gsync.app.push.PushSettings;
import dev.gsync.app.push.PushSetup;
import dev.gsync.app.push.PushStore;
import dev.gsync.app.push.SyncMode;
import dev.gsync.app.schedule.UserSyncScheduler;
import dev.gsync.core.model.CalendarItem;
import dev.gsync.core.model.Timing;
import dev.gsync.core.model.UserId;
import dev.gsync.emulator.EmulatedUser;
import io.javalin.Javalin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Change-to-mirror latency of the whole `serve` stack (vtiger JDBC on H2, state on H2, the Google emulator, push
 * webhook, db-scheduler with a 1 s poll as in serve): Google→CRM with push and with polling, CRM→Google through the
 * JDBC feed, and the Google calls an idle user costs. Changes are spread over the 5 users, one every
 * {@code gsync.benchmark.paceMillis}. Not a unit test: it runs only with -Dgsync.benchmark=true.
 *
 * <pre>
 * mvn -B -q -pl app-runner -am verify -Dtest='dev.gsync.app.PushLatencyBenchmarkTest' \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dgsync.benchmark=true [-Dgsync.benchmark.changes=200]
 * </pre>
 */
@EnabledIfSystemProperty(named = "gsync.benchmark", matches = "true")
class PushLatencyBenchmarkTest {
    private static final int CHANGES = Integer.getInteger("gsync.benchmark.changes", 200);
    private static final int PACE_MILLIS = Integer.getInteger("gsync.benchmark.paceMillis", 200);
    private static final Duration POLL_INTERVAL = Duration.parse(System.getProperty("gsync.benchmark.pollInterval", "PT30S"));
    private static final Duration CRM_INTERVAL = Duration.parse(System.getProperty("gsync.benchmark.crmInterval", "PT10S"));
    private final StringBuilder report = new StringBuilder();

    private void line(String format, Object... args) {
        String text = String.format(java.util.Locale.ROOT, format, args);
        System.out.println(text);
        report.append(text).append('\n');
    }

    @Test
    void latency_and_idle_cost() throws Exception {
        line("# push latency benchmark, %d cores, load average %.1f at start, Java %s, %d changes over %d users, one every %d ms",
                Runtime.getRuntime().availableProcessors(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                System.getProperty("java.version"), CHANGES, RunnerFixture.CRM_USERS.length, PACE_MILLIS);
        try (Stack push = new Stack(true, Duration.ofMinutes(15))) {
            line("google->crm, push (debounce %s): %s", push.settings.debounce(), push.googleToCrm("push"));
            line("crm->google, jdbc feed every %s: %s", CRM_INTERVAL, push.crmToGoogle("c2g"));
            push.idleCost();
        }
        try (Stack polling = new Stack(false, POLL_INTERVAL)) {
            line("google->crm, polling every %s: %s", POLL_INTERVAL, polling.googleToCrm("poll"));
            line("crm->google, jdbc feed every %s, no push: %s", CRM_INTERVAL, polling.crmToGoogle("pc2g"));
        }
        line("load average at end %.1f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        Files.writeString(Path.of("target", "push-latency.txt"), report.toString());
    }

    /** One `serve`-like runner with push on or off. */
    private final class Stack implements AutoCloseable {
        final RunnerFixture runner = new RunnerFixture(true);
        final Javalin hook = Javalin.create(config -> config.showJavalinBanner = false);
        final PushSettings settings;
        final PushSetup push;
        final UserSyncScheduler scheduler;
        final List<UserId> users = new ArrayList<>();

        Stack(boolean pushOn, Duration googleInterval) throws Exception {
            hook.start("127.0.0.1", 0);
            settings = new PushSettings(pushOn, "http://127.0.0.1:" + hook.port(), true, Duration.ofDays(1), Duration.ofHours(2),
                    Duration.ofSeconds(2), Duration.ofMinutes(2), googleInterval, Duration.ofHours(1), CRM_INTERVAL);
            push = PushSetup.of(runner.services, settings);
            push.routes(hook);
            for (String name : RunnerFixture.CRM_USERS) {
                UserId user = UserId.of(name);
                URI consent = runner.services.accounts().consentUrl(user).get();
                BrowserlessConsent.follow(URI.create(consent + "&login_hint=" + name + "%40example.com"));
                users.add(user);
            }
            scheduler = new UserSyncScheduler(runner.services.stateDataSource(), runner.services.userSync(), runner.services.store(),
                    "bench", 4, googleInterval, Duration.ofSeconds(5), Duration.ofSeconds(1), push.cadence(), List.of());
            push.attach(scheduler);
            scheduler.start();
            scheduler.scheduleKnownUsers(runner.services.store());
            await("first syncs", Duration.ofMinutes(2), () -> users.stream().allMatch(u -> runner.services.runLog().last(u).isDefined()));
            users.forEach(u -> push.keeper().maintain(u));
            if (pushOn) await("push confirmed", Duration.ofMinutes(1), () -> users.stream().allMatch(u ->
                    push.store().user(u).exists(p -> p.mode() == SyncMode.PUSH)));
        }

        EmulatedUser google(UserId user) { return runner.emulator.user(user.value() + "@example.com"); }

        String googleToCrm(String tag) throws Exception {
            Map<String, Long> made = new ConcurrentHashMap<>();
            Map<String, Long> seen = new ConcurrentHashMap<>();
            Thread watcher = watch(() -> crmTitles(tag).forEach(t -> seen.putIfAbsent(t, System.nanoTime())), made, seen);
            for (int i = 0; i < CHANGES; i++) {
                UserId user = users.get(i % users.size());
                String title = tag + "-" + i;
                Instant start = Instant.now().plus(1 + i % 20, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
                EmulatedUser account = google(user);
                made.put(title, System.nanoTime());
                account.seedEvent(account.primaryCalendarId(), "{\"summary\":\"" + title + "\",\"start\":{\"dateTime\":\"" + start
                        + "\"},\"end\":{\"dateTime\":\"" + start.plus(1, ChronoUnit.HOURS) + "\"}}");
                Thread.sleep(PACE_MILLIS);
            }
            watcher.join();
            return percentiles(made, seen);
        }

        String crmToGoogle(String tag) throws Exception {
            Map<String, Long> made = new ConcurrentHashMap<>();
            Map<String, Long> seen = new ConcurrentHashMap<>();
            Thread watcher = watch(() -> users.forEach(u -> google(u).events(u.value() + "@example.com").forEach(json -> {
                int at = json.indexOf("\"" + tag + "-");
                if (at >= 0) seen.putIfAbsent(json.substring(at + 1, json.indexOf('"', at + 1)), System.nanoTime());
            })), made, seen);
            for (int i = 0; i < CHANGES; i++) {
                UserId user = users.get(i % users.size());
                String title = tag + "-" + i;
                Instant start = Instant.now().plus(1 + i % 20, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS).plus(2, ChronoUnit.HOURS);
                made.put(title, System.nanoTime());
                runner.addToCrm(user, CalendarItem.event(title, new Timing.Timed(start, start.plus(1, ChronoUnit.HOURS), ZoneId.of("UTC"))));
                Thread.sleep(PACE_MILLIS);
            }
            watcher.join();
            return percentiles(made, seen);
        }

        /** Google calls of idle users: a quiet period of CRM checks, then one safety-net poll (a full sync). */
        void idleCost() throws Exception {
            await("quiet", Duration.ofMinutes(1), () -> users.stream().allMatch(u -> push.store().user(u).exists(p -> p.pendingSince().isEmpty())));
            Thread.sleep(3_000);
            runner.emulator.resetStats();
            long quietMillis = 30_000;
            Thread.sleep(quietMillis);
            long quietCalls = runner.emulator.stats().apiCalls();
            scheduler.close();   // no scheduled runs while full syncs are counted
            runner.emulator.resetStats();
            runner.services.userSync().sync(users.get(0), false);
            long withTasks = runner.emulator.stats().apiCalls();
            UserId eventsOnly = users.get(1);
            runner.services.store().saveSettings(eventsOnly, runner.services.userSync().settings(eventsOnly)
                    .withKinds(io.vavr.collection.HashSet.of(dev.gsync.core.model.ItemKind.EVENT)));
            runner.services.userSync().sync(eventsOnly, false);
            runner.emulator.resetStats();
            runner.services.userSync().sync(eventsOnly, false);
            long eventsOnlyCalls = runner.emulator.stats().apiCalls();
            double renewalPerHour = 2.0 / (settings.channelTtl().toMinutes() / 60.0);   // watch + stop per channel lifetime
            double quietPerHour = quietCalls * 3_600_000.0 / quietMillis / users.size();
            double pushEvents = quietPerHour + eventsOnlyCalls * (60.0 / settings.pushPollInterval().toMinutes()) + renewalPerHour;
            // Tasks has no push: a user who syncs tasks keeps full syncs every scheduler.interval (PT15M)
            double pushWithTasks = quietPerHour + withTasks * 4.0 + renewalPerHour;
            line("idle: %d Google calls by %d users in %d s of CRM checks (every %s); one idle full sync = %d call(s) with tasks, %d events only",
                    quietCalls, users.size(), quietMillis / 1000, CRM_INTERVAL, withTasks, eventsOnlyCalls);
            line("idle user, Google calls per hour with push: events only %.2f (safety-net poll every %s + renewal %.2f), events + tasks %.2f (poll every PT15M)",
                    pushEvents, settings.pushPollInterval(), renewalPerHour, pushWithTasks);
            line("idle user, Google calls per hour polling every PT15M: events only %.2f, events + tasks %.2f", eventsOnlyCalls * 4.0, withTasks * 4.0);
            double pushPerHour = pushWithTasks;
            line("1,000 idle users with push (events + tasks): %.1f calls/min = %.2f %% of 10,000/min; events only: %.1f calls/min = %.2f %%",
                    pushPerHour * 1000 / 60, pushPerHour * 1000 / 60 / 100, pushEvents * 1000 / 60, pushEvents * 1000 / 60 / 100);
        }

        private Thread watch(Runnable scan, Map<String, Long> made, Map<String, Long> seen) {
            Thread watcher = new Thread(() -> {
                long deadline = System.nanoTime() + Duration.ofMillis((long) CHANGES * PACE_MILLIS).plus(Duration.ofMinutes(3)).toNanos();
                while ((made.size() < CHANGES || seen.size() < CHANGES) && System.nanoTime() < deadline) {
                    scan.run();
                    try {
                        Thread.sleep(25);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "bench-watcher");
            watcher.start();
            return watcher;
        }

        private List<String> crmTitles(String tag) {
            List<String> titles = new ArrayList<>();
            try (Connection c = DriverManager.getConnection(runner.services.config().get(ConfigKey.CRM_JDBC_URL), "sa", "");
                 Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT subject FROM vtiger_activity WHERE subject LIKE '" + tag + "-%'")) {
                while (r.next()) titles.add(r.getString(1));
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
            return titles;
        }

        @Override
        public void close() throws Exception {
            scheduler.close();
            hook.stop();
            runner.close();
        }
    }

    private static String percentiles(Map<String, Long> made, Map<String, Long> seen) {
        List<Double> seconds = new ArrayList<>();
        made.forEach((title, at) -> {
            Long arrived = seen.get(title);
            if (arrived != null) seconds.add((arrived - at) / 1e9);
        });
        Collections.sort(seconds);
        assertThat(seconds).as("every change arrived").hasSize(made.size());
        return String.format(java.util.Locale.ROOT, "n=%d p50 %.2f s, p99 %.2f s, max %.2f s", seconds.size(),
                seconds.get((int) Math.floor(0.50 * (seconds.size() - 1))), seconds.get((int) Math.floor(0.99 * (seconds.size() - 1))),
                seconds.get(seconds.size() - 1));
    }

    private static void await(String what, Duration limit, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(100);
        }
    }
}
