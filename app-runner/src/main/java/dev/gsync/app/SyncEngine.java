package dev.gsync.app;

import dev.gsync.core.model.SyncSettings;
import dev.gsync.core.model.UserId;
import dev.gsync.core.port.CrmCalendar;
import dev.gsync.core.port.GoogleCalendar;
import dev.gsync.core.run.RunOptions;

/** One run of the core's sync for one user, summed up for the runner. */
@FunctionalInterface
public interface SyncEngine {
    RunSummary run(UserId user, CrmCalendar crm, GoogleCalendar google, SyncSettings settings, boolean dryRun);

    /** A run that carries the user's decision on a held deletion; engines that cannot hold deletions only take none. */
    default RunSummary run(UserId user, CrmCalendar crm, GoogleCalendar google, SyncSettings settings, boolean dryRun,
                           RunOptions.HeldDecision decision) {
        if (decision != RunOptions.HeldDecision.NONE) throw new UnsupportedOperationException("this engine holds no deletions");
        return run(user, crm, google, settings, dryRun);
    }
}
