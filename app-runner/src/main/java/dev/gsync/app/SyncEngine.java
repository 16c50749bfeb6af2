package dev.gsync.app;

import dev.gsync.core.model.SyncSettings;
import dev.gsync.core.model.UserId;
import dev.gsync.core.port.CrmCalendar;
import dev.gsync.core.port.GoogleCalendar;

/** One run of the core's sync for one user, summed up for the runner. */
@FunctionalInterface
public interface SyncEngine {
    RunSummary run(UserId user, CrmCalendar crm, GoogleCalendar google, SyncSettings settings, boolean dryRun);
}
