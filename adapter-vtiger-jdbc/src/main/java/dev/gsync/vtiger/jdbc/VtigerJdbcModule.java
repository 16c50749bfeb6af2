package dev.gsync.vtiger.jdbc;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;

import java.time.Clock;

/**
 * Binds the vtiger database adapter: {@link VtigerJdbcCalendars} hands out one CrmCalendar per vtiger user.
 * The clock is the system's (UTC); vtiger's modifiedtime comes from the vtiger server's clock, which the feed's
 * overlap window tolerates.
 */
public final class VtigerJdbcModule extends AbstractModule {
    private final VtigerJdbcConfig config;

    public VtigerJdbcModule(VtigerJdbcConfig config) {
        this.config = config;
    }

    @Override
    protected void configure() {
        bind(VtigerJdbcConfig.class).toInstance(config);
    }

    @Provides
    @Singleton
    VtigerJdbcCalendars calendars(VtigerJdbcConfig config) {
        return new VtigerJdbcCalendars(config, Clock.systemUTC());
    }
}
