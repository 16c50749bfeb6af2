package dev.gsync.app;

import dev.gsync.core.model.SyncSettings;
import dev.gsync.core.model.UserId;
import dev.gsync.core.port.CrmCalendar;
import dev.gsync.core.port.GoogleCalendar;
import dev.gsync.core.port.SyncStateStore;
import dev.gsync.core.run.RunOptions;
import dev.gsync.core.run.RunReport;
import dev.gsync.core.run.SyncRun;

import java.time.Clock;
import java.time.ZoneId;
import java.util.Objects;
import java.util.function.Function;

/**
 * gsync for a Java application that brings its own calendars and state store (see docs/embedding.md):
 * <pre>{@code
 * GSync gsync = GSync.builder().crm(crmFor).google(googleFor).stateStore(store).build();
 * RunReport report = gsync.sync(UserId.of("alice"));
 * }</pre>
 * No web server, scheduler or database of its own: the application decides when and for whom to sync.
 */
public final class GSync {
    private final Function<UserId, ? extends CrmCalendar> crm;
    private final Function<UserId, ? extends GoogleCalendar> google;
    private final SyncStateStore store;
    private final Clock clock;
    private final ZoneId defaultZone;

    private GSync(Builder b) {
        this.crm = Objects.requireNonNull(b.crm, "crm calendars");
        this.google = Objects.requireNonNull(b.google, "google calendars");
        this.store = Objects.requireNonNull(b.store, "state store");
        this.clock = b.clock;
        this.defaultZone = b.defaultZone;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Syncs the user with their saved settings (or the defaults, until they save some). */
    public RunReport sync(UserId user) {
        return sync(user, store.settings(user).getOrElse(() -> SyncSettings.defaults(defaultZone)), RunOptions.DEFAULT);
    }

    /** Plans only: the report carries the plan, nothing is written. */
    public RunReport dryRun(UserId user) {
        return sync(user, store.settings(user).getOrElse(() -> SyncSettings.defaults(defaultZone)), RunOptions.DEFAULT.withDryRun(true));
    }

    public RunReport sync(UserId user, SyncSettings settings, RunOptions options) {
        return new SyncRun(crm.apply(user), google.apply(user), store, clock).run(user, settings, options);
    }

    public static final class Builder {
        private Function<UserId, ? extends CrmCalendar> crm;
        private Function<UserId, ? extends GoogleCalendar> google;
        private SyncStateStore store;
        private Clock clock = Clock.systemUTC();
        private ZoneId defaultZone = ZoneId.of("UTC");

        private Builder() {}

        /** One user's CRM calendar, e.g. from the vtiger adapter's per-user factory. */
        public Builder crm(Function<UserId, ? extends CrmCalendar> crm) { this.crm = crm; return this; }
        /** One user's Google side, e.g. from the Google adapter's per-user factory. */
        public Builder google(Function<UserId, ? extends GoogleCalendar> google) { this.google = google; return this; }
        public Builder stateStore(SyncStateStore store) { this.store = store; return this; }
        public Builder clock(Clock clock) { this.clock = clock; return this; }
        public Builder defaultZone(ZoneId zone) { this.defaultZone = zone; return this; }

        public GSync build() {
            return new GSync(this);
        }
    }
}
