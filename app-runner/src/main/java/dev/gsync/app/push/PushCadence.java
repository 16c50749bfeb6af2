package dev.gsync.app.push;

import dev.gsync.app.schedule.SyncCadence;
import dev.gsync.app.UserSync;
import dev.gsync.core.model.ItemKind;
import dev.gsync.core.model.UserId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * When a user's scheduled wake-up runs a full sync: a push notification is waiting, or Google polling is due
 * (scheduler.interval; scheduler.pushPollInterval when events arrive by push and no tasks are synced, since Tasks
 * has no push), or the CRM feed has changes (checked every scheduler.crmInterval, a cheap read). Otherwise the
 * wake-up costs one CRM read and no Google call.
 */
public final class PushCadence implements SyncCadence {
    private static final Logger log = LoggerFactory.getLogger(PushCadence.class);

    private final PushStore store;
    private final PushSettings settings;
    private final CrmFeedProbe crm;
    private final UserSync userSync;
    private final Clock clock;

    public PushCadence(PushStore store, PushSettings settings, CrmFeedProbe crm, UserSync userSync, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.crm = crm;
        this.userSync = userSync;
        this.clock = clock;
    }

    @Override
    public boolean fullSyncNow(UserId user) {
        Instant now = clock.instant();
        var push = store.user(user);
        boolean pending = push.exists(p -> p.pendingSince().isDefined());
        boolean googleDue = push.flatMap(PushStore.UserPush::lastGooglePoll).forAll(last -> !now.isBefore(last.plus(googleInterval(user))));
        boolean crmChanged = !pending && !googleDue && crm.hasChanges(user);
        if (!(pending || googleDue || crmChanged)) return false;
        log.debug("full sync of {}: pending={} googleDue={} crmChanged={}", user, pending, googleDue, crmChanged);
        store.startingSync(user, true, now);   // a full sync reads Google too: it serves the waiting notifications
        return true;
    }

    @Override
    public void failed(UserId user) {
        store.googlePollFailed(user);
    }

    @Override
    public Duration untilNextCheck(UserId user) {
        Instant now = clock.instant();
        var push = store.user(user);
        if (push.exists(p -> p.pendingSince().isDefined())) return settings.debounce();   // arrived during the run
        Duration untilGoogle = push.flatMap(PushStore.UserPush::lastGooglePoll)
                .map(last -> Duration.between(now, last.plus(googleInterval(user))))
                .getOrElse(Duration.ZERO);
        Duration next = untilGoogle.compareTo(settings.crmInterval()) < 0 ? untilGoogle : settings.crmInterval();
        return next.isNegative() ? Duration.ZERO : next;
    }

    private Duration googleInterval(UserId user) {
        boolean pushed = store.user(user).exists(p -> p.mode() == SyncMode.PUSH);
        boolean tasks = userSync.settings(user).kinds().contains(ItemKind.TASK);
        return pushed && !tasks ? settings.pushPollInterval() : settings.googleInterval();
    }
}
