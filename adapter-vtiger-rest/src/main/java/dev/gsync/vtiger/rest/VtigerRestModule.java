package dev.gsync.vtiger.rest;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;

/**
 * Binds {@link VtigerRestCalendars}, the per-user factory of the REST CrmCalendar. The settings are checked here,
 * so a bad URL or timeout stops start-up with every problem named.
 */
public final class VtigerRestModule extends AbstractModule {
    private final VtigerRestSettings settings;
    private final AccessKeySource keys;

    public VtigerRestModule(VtigerRestSettings settings, AccessKeySource keys) {
        var checked = VtigerRestSettings.validate(settings);
        if (checked.isInvalid()) throw new IllegalArgumentException("vtiger REST settings: " + checked.getError().mkString("; "));
        this.settings = checked.get();
        this.keys = keys;
    }

    @Provides
    @Singleton
    VtigerRestSettings settings() {
        return settings;
    }

    @Provides
    @Singleton
    VtigerRestCalendars calendars(VtigerRestSettings settings) {
        return new VtigerRestCalendars(settings, keys);
    }
}
