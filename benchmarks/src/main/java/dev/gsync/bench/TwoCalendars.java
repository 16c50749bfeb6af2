package dev.gsync.bench;

import dev.gsync.core.memory.InMemoryCrmCalendar;
import dev.gsync.core.memory.InMemoryGoogleCalendar;
import dev.gsync.core.memory.InMemorySyncStateStore;
import dev.gsync.core.model.Link;
import dev.gsync.core.model.SyncSettings;
import dev.gsync.core.model.UserId;
import dev.gsync.core.run.RunOptions;
import dev.gsync.core.run.RunReport;
import dev.gsync.core.run.SyncRun;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Random;

/**
 * One user's CRM and Google calendars in memory, with the state store and the SyncRun that keeps them in step;
 * and the user's colleagues, who edit both calendars between runs.
 */
final class TwoCalendars {
    final Clock clock = Clock.fixed(Items.NOW, Items.ZONE);
    final InMemoryCrmCalendar crm = new InMemoryCrmCalendar(clock);
    final InMemoryGoogleCalendar google = new InMemoryGoogleCalendar(clock);
    final InMemorySyncStateStore store = new InMemorySyncStateStore();
    final UserId user = UserId.of("alice");
    final SyncSettings settings = SyncSettings.defaults(Items.ZONE);
    private final SyncRun syncRun = new SyncRun(crm, google, store, clock);
    private final int items;
    private int round;

    /** {@code items} items never synced yet, half of them in the CRM, half in Google. */
    TwoCalendars(int items) {
        this.items = items;
        for (int n = 0; n < items; n++) {
            if (n % 2 == 0) crm.add(Items.numbered(n));
            else google.add(Items.numbered(n));
        }
    }

    RunReport sync() {
        return syncRun.run(user, settings, RunOptions.DEFAULT);
    }

    SyncRun syncRun() {
        return syncRun;
    }

    /**
     * 1% of the items change on each side, spread over the linked pairs: per side 5% of those changes are new items,
     * 5% deletions, the rest edits; a fifth of them hit pairs the other side changes too (same field differently:
     * a conflict; different fields: a merge; deleted in the CRM but edited in Google: delete vs. edit).
     *
     * @return how many changes both sides made
     */
    int changeOnePercent() {
        round++;
        int perSide = Math.max(20, items / 100);
        int newItems = perSide / 20;
        int deletes = perSide / 20;
        int shared = perSide / 5;
        int edits = perSide - newItems - deletes - shared;
        ArrayList<Link> order = new ArrayList<>(store.allLinks(user).sortBy(Link::crmId).toJavaList());
        Collections.shuffle(order, new Random(round));   // spread like real edits, but the same every time
        Seq<Link> pairs = Vector.ofAll(order);
        if (pairs.size() < shared + 2 * (edits + deletes))
            throw new IllegalStateException("too few linked pairs (" + pairs.size() + ") for " + perSide + " changes per side");
        String tag = "round " + round;

        for (Link pair : pairs.take(shared).zipWithIndex().filter(p -> p._2 % 4 < 2).map(p -> p._1)) {
            crm.edit(pair.crmId(), item -> Items.edited(item, 0, "CRM " + tag));
            google.edit(pair.googleId(), item -> Items.edited(item, 0, "Google " + tag));
        }
        for (Link pair : pairs.take(shared).zipWithIndex().filter(p -> p._2 % 4 == 2).map(p -> p._1)) {
            crm.edit(pair.crmId(), item -> Items.edited(item, 0, "CRM " + tag));
            google.edit(pair.googleId(), item -> Items.edited(item, 2, "Google " + tag));
        }
        for (Link pair : pairs.take(shared).zipWithIndex().filter(p -> p._2 % 4 == 3).map(p -> p._1)) {
            crm.remove(pair.crmId());
            google.edit(pair.googleId(), item -> Items.edited(item, 1, "Google " + tag));
        }
        Seq<Link> rest = pairs.drop(shared);
        for (int k = 0; k < edits; k++) {
            int variant = k;
            crm.edit(rest.get(k).crmId(), item -> Items.edited(item, variant, "CRM " + tag));
            google.edit(rest.get(edits + k).googleId(), item -> Items.edited(item, variant, "Google " + tag));
        }
        for (Link pair : rest.drop(2 * edits).take(deletes)) crm.remove(pair.crmId());
        for (Link pair : rest.drop(2 * edits + deletes).take(deletes)) google.remove(pair.googleId());
        for (int k = 0; k < newItems; k++) {
            crm.add(Items.numbered(items + 2 * (round * newItems + k)));
            google.add(Items.numbered(items + 2 * (round * newItems + k) + 1));
        }
        return 2 * perSide;
    }
}
