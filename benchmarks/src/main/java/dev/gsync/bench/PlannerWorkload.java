package dev.gsync.bench;

import dev.gsync.core.memory.InMemoryCrmCalendar;
import dev.gsync.core.memory.InMemoryGoogleCalendar;
import dev.gsync.core.model.CalendarItem;
import dev.gsync.core.model.ExternalId;
import dev.gsync.core.model.Fingerprints;
import dev.gsync.core.model.Link;
import dev.gsync.core.model.Side;
import dev.gsync.core.model.SyncSettings;
import dev.gsync.core.model.Version;
import dev.gsync.core.model.Visibility;
import dev.gsync.core.plan.Capabilities;
import dev.gsync.core.plan.LinkIndex;
import dev.gsync.core.port.Change;
import io.vavr.collection.LinkedHashSet;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Random;

/**
 * What the planner gets in one incremental run of a user with {@code links} synced pairs, when each side reports
 * {@code changes} changes. Per side: 5% new items, 5% deletions, 10% echoes (the feed repeats an item as it was
 * synced, as Google does after gsync's own writes), the rest edits. A fifth of each side's changes hit pairs the
 * other side changed too: half edit the title on both sides differently (a conflict), a quarter edit different
 * fields (a clean merge), a quarter delete in the CRM what Google edited (delete vs. edit).
 *
 * <p>The links carry the fingerprints of the items as last synced, read with each side's held fields (the
 * in-memory calendars hold what vtiger and Google hold), exactly as SyncRun stores them.
 */
final class PlannerWorkload {
    final SyncSettings settings = SyncSettings.defaults(Items.ZONE);
    final Capabilities capabilities;
    final Seq<Link> links;
    final LinkIndex allLinks;
    final Seq<Change> crmChanges;
    final Seq<Change> googleChanges;
    /** The links touching a change: what SyncRun reads from the state store in production. */
    final Seq<Link> touchedLinks;

    private final ArrayList<CalendarItem> crmItems = new ArrayList<>();
    private final ArrayList<CalendarItem> googleItems = new ArrayList<>();

    PlannerWorkload(int linkCount, int changesPerSide) {
        if (changesPerSide % 20 != 0) throw new IllegalArgumentException("changes per side must be a multiple of 20, got " + changesPerSide);
        int newItems = changesPerSide / 20;
        int deletes = changesPerSide / 20;
        int echoes = changesPerSide / 10;
        int shared = changesPerSide / 5;
        int edits = changesPerSide - newItems - deletes - echoes - shared;
        int pairsTouched = shared + 2 * (deletes + echoes + edits);
        if (pairsTouched > linkCount) throw new IllegalArgumentException(changesPerSide + " changes per side need " + pairsTouched + " links, have " + linkCount);

        Clock clock = Clock.fixed(Items.NOW, Items.ZONE);
        capabilities = Capabilities.of(new InMemoryCrmCalendar(clock), new InMemoryGoogleCalendar(clock));
        ArrayList<Link> built = new ArrayList<>(linkCount);
        for (int n = 0; n < linkCount; n++) built.add(syncedPair(n));
        links = List.ofAll(built);
        allLinks = LinkIndex.of(links);

        // Which pairs change: spread over all links, as real edits are, but the same every run.
        int[] order = shuffled(linkCount, new Random(42));
        int next = 0;
        ArrayList<Change> crm = new ArrayList<>();
        ArrayList<Change> google = new ArrayList<>();
        for (int k = 0; k < shared; k++) {
            int n = order[next++];
            if (k % 4 < 2) {              // both rename it, differently: a conflict
                crm.add(edit(Side.CRM, n, 0, "renamed in the CRM"));
                google.add(edit(Side.GOOGLE, n, 0, "renamed in Google"));
            } else if (k % 4 == 2) {      // different fields on each side: both are kept
                crm.add(edit(Side.CRM, n, 0, "renamed in the CRM"));
                google.add(edit(Side.GOOGLE, n, 2, "noted in Google"));
            } else {                      // deleted in the CRM, edited in Google
                crm.add(new Change.Removed(id(Side.CRM, n), Option.some(Items.NOW.minus(Duration.ofMinutes(5)))));
                google.add(edit(Side.GOOGLE, n, 1, "moved in Google"));
            }
        }
        for (Side side : List.of(Side.CRM, Side.GOOGLE)) {
            ArrayList<Change> mine = side == Side.CRM ? crm : google;
            for (int k = 0; k < edits; k++) {
                int n = order[next++];
                mine.add(edit(side, n, k, "edit " + k));
            }
            for (int k = 0; k < echoes; k++) {
                int n = order[next++];
                mine.add(new Change.Upserted(id(side, n), version(side, n), item(side, n), Items.NOW.minus(Duration.ofDays(1)), Option.none()));
            }
            for (int k = 0; k < deletes; k++) mine.add(new Change.Removed(id(side, order[next++]), Option.none()));
            for (int k = 0; k < newItems; k++) {
                int n = linkCount + k;   // numbers no pair uses
                CalendarItem item = Items.numbered(n);
                mine.add(Change.Upserted.of(ExternalId.of(prefix(side) + "new-" + n), Version.of("1"), item, Items.NOW.minus(Duration.ofMinutes(k))));
            }
        }
        crmChanges = List.ofAll(crm);
        googleChanges = List.ofAll(google);

        LinkedHashSet<Link> touched = LinkedHashSet.empty();
        for (Change c : crmChanges) touched = touched.addAll(allLinks.find(Side.CRM, c.id()));
        for (Change c : googleChanges) touched = touched.addAll(allLinks.find(Side.GOOGLE, c.id()));
        touchedLinks = touched.toList();
    }

    /** Pair n after the last sync; half started in the CRM, half in Google. A private Google item lands public in the CRM. */
    private Link syncedPair(int n) {
        CalendarItem original = Items.numbered(n);
        Side origin = n % 2 == 0 ? Side.CRM : Side.GOOGLE;
        CalendarItem inCrm = origin == Side.GOOGLE && original.isPrivate() ? original.withVisibility(Visibility.PUBLIC) : original;
        crmItems.add(inCrm);
        googleItems.add(original);
        return new Link(original.kind(), origin, id(Side.CRM, n), id(Side.GOOGLE, n), version(Side.CRM, n), version(Side.GOOGLE, n),
                Fingerprints.of(inCrm, capabilities.held(Side.CRM, original.kind())),
                Fingerprints.of(original, capabilities.held(Side.GOOGLE, original.kind())));
    }

    private Change.Upserted edit(Side side, int n, int variant, String tag) {
        return new Change.Upserted(id(side, n), Version.of(version(side, n).value() + "-2"),
                Items.edited(item(side, n), variant, tag), Items.NOW.minus(Duration.ofMinutes(side == Side.CRM ? 10 : 3)), Option.none());
    }

    private CalendarItem item(Side side, int n) {
        return side == Side.CRM ? crmItems.get(n) : googleItems.get(n);
    }

    private static ExternalId id(Side side, int n) {
        return ExternalId.of(prefix(side) + n);
    }

    private static Version version(Side side, int n) {
        return Version.of(prefix(side) + n + "-1");
    }

    private static String prefix(Side side) {
        return side == Side.CRM ? "crm-" : "g-";
    }

    private static int[] shuffled(int count, Random random) {
        int[] order = new int[count];
        for (int i = 0; i < count; i++) order[i] = i;
        for (int i = count - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
