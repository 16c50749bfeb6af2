package dev.gsync.app.push;

import dev.gsync.app.CrmCalendars;
import dev.gsync.core.model.Side;
import dev.gsync.core.model.UserId;
import dev.gsync.core.port.Cursor;
import dev.gsync.core.port.SyncStateStore;

/**
 * Whether a user's CRM has something for a sync: one read of the CRM change feed from the saved cursor (one indexed
 * query with the JDBC adapter), or items waiting for a retry. It only reads: the cursor moves in the sync itself.
 * Errs towards "yes": no cursor yet, or a CRM that cannot answer, means a full sync decides.
 */
public final class CrmFeedProbe {
    private final CrmCalendars crm;
    private final SyncStateStore store;

    public CrmFeedProbe(CrmCalendars crm, SyncStateStore store) {
        this.crm = crm;
        this.store = store;
    }

    public boolean hasChanges(UserId user) {
        if (!store.pending(user).isEmpty()) return true;
        var cursor = store.cursor(user, Side.CRM);
        if (cursor.isEmpty() || cursor.get().equals(Cursor.START)) return true;
        return crm.forUser(user).fold(problem -> true, calendar -> calendar.changesSince(cursor.get())
                .fold(failure -> true, page -> !page.changes().isEmpty() || page.more()));
    }
}
