package dev.gsync.app;

import dev.gsync.app.demo.BrowserlessConsent;
import dev.gsync.app.push.PushSettings;
import dev.gsync.app.push.PushSetup;
import dev.gsync.app.push.PushStore;
import dev.gsync.app.push.SyncMode;
import dev.gsync.app.schedule.UserSyncScheduler;
import dev.gsync.core.model.CalendarItem;
import dev.gsync.core.model.Timing;
import dev.gsync.core.model.UserId;
import dev.gsync.core.port.Change;
import dev.gsync.core.port.Cursor;
import dev.gsync.vtiger.jdbc.VtigerJdbcCalendars;
import io.javalin.Javalin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Google push in `serve`: channels kept per user and calendar, notifications verified and turned into syncs. */
class GooglePushTest {
    private final UserId alice = UserId.of("alice");
    private RunnerFixture runner;
    private Javalin hook;
    private UserSyncScheduler scheduler;

    @BeforeEach
    void start() throws Exception {
        runner = new RunnerFixture(true);
        BrowserlessConsent.follow(runner.web.links().connectLink(alice));
        hook = Javalin.create(config -> config.showJavalinBanner = false);
    }

    @AfterEach
    void stop() throws Exception {
        if (scheduler != null) scheduler.close();
        hook.stop();
        runner.close();
    }

    private PushSetup push(String baseUrl, Duration confirmWithin) {
        PushSettings settings = new PushSettings(true, baseUrl, true, Duration.ofDays(1), Duration.ofHours(2), Duration.ofMillis(100),
                confirmWithin, Duration.ofMinutes(15), Duration.ofHours(1), Duration.ofMinutes(1));
        PushSetup push = PushSetup.of(runner.services, settings);
        push.routes(hook);
        return push;
    }

    private PushSetup pushOnHook() {
        hook.start("127.0.0.1", 0);
        return push("http://127.0.0.1:" + hook.port(), Duration.ofMinutes(2));
    }

    /** Bounded wait for something that happens on other threads (a notification, a scheduled sync). */
    private static void await(String what, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(50);
        }
    }

    private boolean inCrm(String title) {
        var crm = runner.services.injector().getInstance(VtigerJdbcCalendars.class).forUser(alice).get();
        return crm.changesSince(Cursor.START).get().changes()
                .exists(c -> c instanceof Change.Upserted u && u.item().title().equals(title));
    }

    private SyncMode mode(PushSetup push) {
        return push.store().user(alice).map(PushStore.UserPush::mode).getOrElse(SyncMode.POLLING);
    }

    @Test
    void a_change_made_in_google_reaches_the_crm_through_a_push_notification() throws Exception {
        PushSetup push = pushOnHook();
        scheduler = new UserSyncScheduler(runner.services.stateDataSource(), runner.services.userSync(), runner.services.store(),
                "push-test", 2, Duration.ofMinutes(15), Duration.ofMinutes(1), Duration.ofMillis(100), push.cadence(), java.util.List.of());
        push.attach(scheduler);
        scheduler.start();
        scheduler.scheduleKnownUsers(runner.services.store());
        await("the first sync", () -> runner.services.runLog().last(alice).isDefined());

        push.keeper().maintain(alice);
        await("Google's sync message", () -> mode(push) == SyncMode.PUSH);
        var google = runner.emulator.user(RunnerFixture.GOOGLE_ACCOUNT);
        Instant start = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        google.seedEvent(google.primaryCalendarId(), "{\"summary\":\"Pushed from Google\",\"start\":{\"dateTime\":\"" + start
                + "\"},\"end\":{\"dateTime\":\"" + start.plus(1, ChronoUnit.HOURS) + "\"}}");

        await("the event in the CRM", () -> inCrm("Pushed from Google"));

        assertThat(runner.emulator.openChannels()).hasSize(1);
        assertThat(push.receiver().counts().accepted()).isGreaterThanOrEqualTo(2);   // sync + exists
        assertThat(push.modeOf(alice).get()).startsWith("Sync mode: push.");
    }

    @Test
    void a_channel_opened_by_one_instance_is_served_by_another() throws Exception {
        hook.start("127.0.0.1", 0);
        PushSettings settings = new PushSettings(true, "http://127.0.0.1:" + hook.port(), true, Duration.ofDays(1), Duration.ofHours(2),
                Duration.ofMillis(100), Duration.ofMinutes(2), Duration.ofMinutes(15), Duration.ofHours(1), Duration.ofMinutes(1));
        PushSetup opening = PushSetup.of(runner.services, settings);      // instance A keeps the channels
        PushSetup receiving = PushSetup.of(runner.services, settings);    // instance B gets the notifications (load balancer)
        receiving.routes(hook);
        scheduler = new UserSyncScheduler(runner.services.stateDataSource(), runner.services.userSync(), runner.services.store(),
                "instance-b", 2, Duration.ofMinutes(15), Duration.ofMinutes(1), Duration.ofMillis(100), receiving.cadence(), java.util.List.of());
        receiving.attach(scheduler);
        scheduler.start();
        scheduler.scheduleKnownUsers(runner.services.store());
        await("the first sync", () -> runner.services.runLog().last(alice).isDefined());

        opening.keeper().maintain(alice);
        await("Google's sync message, taken by B", () -> mode(opening) == SyncMode.PUSH);
        var google = runner.emulator.user(RunnerFixture.GOOGLE_ACCOUNT);
        Instant start = Instant.now().plus(4, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        google.seedEvent(google.primaryCalendarId(), "{\"summary\":\"Via instance B\",\"start\":{\"dateTime\":\"" + start
                + "\"},\"end\":{\"dateTime\":\"" + start.plus(1, ChronoUnit.HOURS) + "\"}}");

        await("the event in the CRM", () -> inCrm("Via instance B"));

        assertThat(receiving.receiver().counts().accepted()).isGreaterThanOrEqualTo(2);
        assertThat(opening.receiver().counts().accepted()).isZero();
    }

    @Test
    void forged_and_stale_notifications_are_refused_and_counted() throws Exception {
        PushSetup push = pushOnHook();
        push.keeper().maintain(alice);
        await("Google's sync message", () -> mode(push) == SyncMode.PUSH);
        PushStore.StoredChannel channel = push.store().channelsOf(alice).head();

        int forged = push.receiver().receive(Map.of("X-Goog-Channel-ID", channel.channelId(), "X-Goog-Channel-Token", "guessed",
                "X-Goog-Resource-ID", channel.resourceId(), "X-Goog-Resource-State", "exists")::get);
        int otherResource = push.receiver().receive(Map.of("X-Goog-Channel-ID", channel.channelId(), "X-Goog-Channel-Token", "guessed",
                "X-Goog-Resource-State", "exists")::get);
        int stale = push.receiver().receive(Map.of("X-Goog-Channel-ID", "gsync-long-gone", "X-Goog-Channel-Token", "x",
                "X-Goog-Resource-ID", channel.resourceId(), "X-Goog-Resource-State", "exists")::get);
        int headless = push.receiver().receive(Map.<String, String>of()::get);

        assertThat(forged).isEqualTo(403);
        assertThat(otherResource).isEqualTo(403);
        assertThat(stale).isEqualTo(404);
        assertThat(headless).isEqualTo(400);
        assertThat(push.receiver().counts().forged()).isEqualTo(3);
        assertThat(push.receiver().counts().stale()).isEqualTo(1);
        assertThat(push.status().get()).contains("3 refused as forged").contains("1 refused as stale");
        assertThat(push.store().user(alice).get().pendingSince()).as("nothing woke the user").isEmpty();
    }

    @Test
    void a_channel_close_to_its_end_is_replaced_and_the_old_one_stopped() throws Exception {
        hook.start("127.0.0.1", 0);
        // renewBefore longer than the lifetime: every upkeep finds the channel close to its end
        PushSettings settings = new PushSettings(true, "http://127.0.0.1:" + hook.port(), true, Duration.ofHours(1), Duration.ofHours(2),
                Duration.ofMillis(100), Duration.ofMinutes(2), Duration.ofMinutes(15), Duration.ofHours(1), Duration.ofMinutes(1));
        PushSetup push = PushSetup.of(runner.services, settings);
        push.routes(hook);
        push.keeper().maintain(alice);
        String first = push.store().channelsOf(alice).head().channelId();

        push.keeper().maintain(alice);

        assertThat(push.store().channelsOf(alice)).hasSize(1);
        String second = push.store().channelsOf(alice).head().channelId();
        assertThat(second).isNotEqualTo(first);
        assertThat(runner.emulator.openChannels()).singleElement().satisfies(json -> assertThat(json).contains(second));
        assertThat(push.store().channelsOf(alice).head().expiresAt()).isBefore(Instant.now().plus(Duration.ofMinutes(61)));
    }

    @Test
    void push_needs_a_public_https_address_unless_http_is_allowed() {
        PushSettings https = new PushSettings(true, "https://gsync.example.com/", false, Duration.ofDays(1), Duration.ofHours(2),
                Duration.ofSeconds(2), Duration.ofMinutes(2), Duration.ofMinutes(15), Duration.ofHours(1), Duration.ofSeconds(10));

        assertThat(https.webhook().get()).hasToString("https://gsync.example.com/push/google");
        assertThat(https.withBaseUrl("http://gsync.example.com").webhook().getLeft()).contains("not https");
        assertThat(https.withBaseUrl("").webhook().getLeft()).contains("no public web.baseUrl");
        assertThat(new PushSettings(false, "https://gsync.example.com", false, Duration.ofDays(1), Duration.ofHours(2),
                Duration.ofSeconds(2), Duration.ofMinutes(2), Duration.ofMinutes(15), Duration.ofHours(1), Duration.ofSeconds(10))
                .webhook().getLeft()).contains("push.enabled=false");
    }

    @Test
    void unlinking_stops_the_users_channels_while_the_token_still_works() throws Exception {
        PushSetup push = pushOnHook();
        push.keeper().maintain(alice);
        assertThat(runner.emulator.openChannels()).hasSize(1);

        runner.services.accounts().unlink(alice);

        assertThat(runner.emulator.openChannels()).isEmpty();
        assertThat(push.store().channelsOf(alice)).isEmpty();
        assertThat(push.modeOf(alice).get()).contains("polling").contains("not linked");
    }

    @Test
    void without_a_public_base_url_the_user_polls_and_the_status_says_why() {
        PushSetup push = push("", Duration.ofMinutes(2));

        push.keeper().maintain(alice);

        assertThat(runner.emulator.openChannels()).isEmpty();
        assertThat(mode(push)).isEqualTo(SyncMode.POLLING);
        assertThat(push.modeOf(alice).get()).contains("no public web.baseUrl");
    }

    @Test
    void an_unreachable_webhook_falls_back_to_polling() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        PushSetup push = push("http://127.0.0.1:" + closedPort, Duration.ofMillis(300));
        push.keeper().maintain(alice);
        assertThat(mode(push)).isEqualTo(SyncMode.PUSH_PENDING);
        Thread.sleep(400);   // past confirmWithin: Google's first message could not be delivered

        push.keeper().maintain(alice);

        assertThat(mode(push)).isEqualTo(SyncMode.POLLING);
        assertThat(push.modeOf(alice).get()).contains("webhook unreachable");
        assertThat(runner.emulator.openChannels()).as("no churn: the channel stays until it ends").hasSize(1);
    }

    @Test
    void a_crm_check_without_changes_costs_no_google_call_and_a_crm_change_syncs() throws Exception {
        PushSetup push = push("", Duration.ofMinutes(2));
        assertThat(push.cadence().fullSyncNow(alice)).as("first wake-up: Google was never polled").isTrue();
        runner.services.userSync().sync(alice, false);
        runner.emulator.resetStats();

        boolean idle = push.cadence().fullSyncNow(alice);
        Instant start = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        runner.addToCrm(alice, CalendarItem.event("Made in the CRM", new Timing.Timed(start, start.plus(1, ChronoUnit.HOURS), ZoneId.of("UTC"))));
        boolean changed = push.cadence().fullSyncNow(alice);

        assertThat(idle).isFalse();
        assertThat(runner.emulator.stats().apiCalls()).isZero();
        assertThat(changed).isTrue();
        assertThat(push.cadence().untilNextCheck(alice)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void a_failed_sync_makes_the_next_wake_up_poll_google_again() throws Exception {
        PushSetup push = push("", Duration.ofMinutes(2));
        push.cadence().fullSyncNow(alice);
        runner.services.userSync().sync(alice, false);
        boolean quiet = push.cadence().fullSyncNow(alice);

        push.cadence().failed(alice);

        assertThat(quiet).isFalse();
        assertThat(push.cadence().fullSyncNow(alice)).isTrue();
    }
}
