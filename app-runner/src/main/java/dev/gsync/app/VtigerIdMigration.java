package dev.gsync.app;

import dev.gsync.core.model.Link;
import dev.gsync.core.model.Side;
import dev.gsync.core.model.UserId;
import dev.gsync.core.port.ItemRef;
import dev.gsync.core.port.SyncStateStore;
import dev.gsync.vtiger.mapping.VtigerIds;
import io.vavr.collection.Set;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Links stored before both vtiger transports shared one id scheme name a record by its webservice id ("18x4711",
 * the REST adapter's old ids); the shared scheme names it by its crmid ("4711"). This rewrites a user's stored CRM
 * ids (links and the retry list) once, keeping versions and fingerprints, so a switch of transport or an upgrade
 * neither duplicates nor re-creates anything. Idempotent; checked once per user per process.
 */
public final class VtigerIdMigration {
    private final SyncStateStore store;
    private final java.util.Set<UserId> done = ConcurrentHashMap.newKeySet();

    public VtigerIdMigration(SyncStateStore store) {
        this.store = store;
    }

    /** Migrates the user's ids if that was not yet checked in this process; answers how many links were rewritten. */
    int ensureMigrated(UserId user) {
        if (!done.add(user)) return 0;
        return migrate(user);
    }

    public int migrate(UserId user) {
        int rewritten = 0;
        for (Link link : store.allLinks(user)) {
            if (!VtigerIds.isLegacyWebserviceId(link.crmId())) continue;
            store.removeLink(user, link);
            store.saveLink(user, link.with(Side.CRM, VtigerIds.canonical(link.crmId()), link.crmVersion(), link.crmBase()));
            rewritten++;
        }
        Set<ItemRef> pending = store.pending(user);
        if (pending.exists(r -> r.side() == Side.CRM && VtigerIds.isLegacyWebserviceId(r.id())))
            store.savePending(user, pending.map(r -> r.side() == Side.CRM ? new ItemRef(Side.CRM, VtigerIds.canonical(r.id())) : r));
        return rewritten;
    }
}
