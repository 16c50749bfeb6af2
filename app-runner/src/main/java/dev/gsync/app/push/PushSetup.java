package dev.gsync.app.push;

import dev.gsync.app.CrmCalendars;
import dev.gsync.app.GoogleSide;
import dev.gsync.app.Services;
import dev.gsync.app.schedule.SyncCadence;
import dev.gsync.app.schedule.UserSyncScheduler;
import dev.gsync.core.model.UserId;
import io.javalin.Javalin;
import io.vavr.control.Option;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Push and the cadence wired for `serve`: the shared store, the channel keeper (a cluster-wide recurring task),
 * the webhook route, the cadence the scheduler follows, the unlink hook and the status line.
 */
public final class PushSetup {
    private final PushSettings settings;
    private final PushStore store;
    private final ChannelKeeper keeper;
    private final PushReceiver receiver;
    private final PushCadence cadence;
    private final Services services;
    private final Clock clock;
    private final AtomicReference<UserSyncScheduler> scheduler = new AtomicReference<>();

    private PushSetup(Services services, GoogleSide google, CrmCalendars crm, PushSettings settings) {
        this.settings = settings;
        this.services = services;
        this.clock = services.clock();
        this.store = new PushStore(services.stateDataSource());
        this.keeper = new ChannelKeeper(store, settings, google::watches, services.userSync(), google, clock);
        this.receiver = new PushReceiver(store, keeper, this::wake, clock);
        this.cadence = new PushCadence(store, settings, new CrmFeedProbe(crm, services.store()), services.userSync(), clock);
        google.beforeUnlink(keeper::stopAll);
    }

    public static PushSetup of(Services services, PushSettings settings) {
        return new PushSetup(services, services.injector().getInstance(GoogleSide.class),
                services.injector().getInstance(CrmCalendars.class), settings);
    }

    public SyncCadence cadence() { return cadence; }

    public List<UserSyncScheduler.Maintenance> maintenance(java.time.Duration every) {
        return List.of(new UserSyncScheduler.Maintenance("push-channels", every, () -> keeper.maintain(services.users())));
    }

    /** The scheduler whose user tasks a notification wakes. */
    public void attach(UserSyncScheduler userScheduler) { scheduler.set(userScheduler); }

    public void routes(Javalin app) {
        app.post(PushSettings.WEBHOOK_PATH, ctx -> ctx.status(receiver.receive(ctx::header)));
    }

    public Option<String> modeOf(UserId user) {
        return store.user(user).map(p -> switch (p.mode()) {
            case PUSH -> "Sync mode: push. " + p.reason();
            case PUSH_PENDING -> "Sync mode: polling until push is confirmed. " + p.reason();
            case POLLING -> "Sync mode: polling. " + p.reason();
        });
    }

    /** For the admin page: where notifications arrive (or why not) and this instance's counts since it started. */
    public Option<String> status() {
        PushReceiver.Counts counts = receiver.counts();
        String webhook = settings.webhook().fold(why -> "off (" + why + ")", url -> "notifications at " + url);
        return Option.some("Push " + webhook + ". This instance since its start: " + counts.accepted() + " accepted, "
                + counts.forged() + " refused as forged (wrong token or resource), " + counts.stale()
                + " refused as stale (unknown, stopped or expired channel).");
    }

    public PushReceiver receiver() { return receiver; }

    public ChannelKeeper keeper() { return keeper; }

    public PushStore store() { return store; }

    public PushSettings settings() { return settings; }

    private void wake(UserId user) {
        Instant now = clock.instant();
        if (!store.markPending(user, now)) return;   // already waiting: its wake-up is set
        UserSyncScheduler target = scheduler.get();
        if (target != null) target.wake(user, now.plus(settings.debounce()));
    }
}
