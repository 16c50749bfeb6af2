package dev.gsync.core.run;

import dev.gsync.core.model.ExternalId;
import dev.gsync.core.model.Fingerprints;
import dev.gsync.core.model.IdempotencyKey;
import dev.gsync.core.model.Link;
import dev.gsync.core.model.Side;
import dev.gsync.core.model.SyncDirection;
import dev.gsync.core.model.SyncSettings;
import dev.gsync.core.model.UserId;
import dev.gsync.core.plan.Capabilities;
import dev.gsync.core.plan.LinkIndex;
import dev.gsync.core.plan.Planner;
import dev.gsync.core.plan.Scope;
import dev.gsync.core.plan.SyncAction;
import dev.gsync.core.plan.SyncPlan;
import dev.gsync.core.port.AppliedScope;
import dev.gsync.core.port.CalendarFailure;
import dev.gsync.core.port.CalendarSide;
import dev.gsync.core.port.Change;
import dev.gsync.core.port.ChangePage;
import dev.gsync.core.port.CrmCalendar;
import dev.gsync.core.port.Cursor;
import dev.gsync.core.port.GoogleCalendar;
import dev.gsync.core.port.HeldDeletion;
import dev.gsync.core.port.ItemRef;
import dev.gsync.core.port.Notice;
import dev.gsync.core.port.SyncStateStore;
import dev.gsync.core.port.Write;
import dev.gsync.core.port.Written;
import io.vavr.Tuple;
import io.vavr.Tuple2;
import io.vavr.collection.HashMap;
import io.vavr.collection.HashSet;
import io.vavr.collection.LinkedHashSet;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.collection.Seq;
import io.vavr.collection.Set;
import io.vavr.collection.Vector;
import io.vavr.control.Either;
import io.vavr.control.Option;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;

/**
 * One user's sync: read both change feeds, plan, carry the plan out through the ports, remember the result.
 *
 * <p>Crash safety comes from the order of things. Cursors and the retry list are saved only at the very end, so an
 * interrupted run is simply read again; each link is saved as soon as all writes of its step succeeded; creates
 * carry a stable idempotency key, so a create whose answer was lost finds its earlier copy (or the planner adopts
 * it, rule R8) instead of making a second one. A failing item is reported, put on the retry list if trying again
 * can help, and does not stop the others.
 *
 * <p>Safety (rule R12, {@link DeletionGuard}): the deletions of a plan that would delete more than the user's share of
 * linked items are held back for the user to confirm or discard ({@link RunOptions.HeldDecision}); everything else is
 * synced meanwhile. Held deletions are kept in the state store and their deleted partners read again every run.
 */
public final class SyncRun {
    private static final Logger log = LoggerFactory.getLogger(SyncRun.class);
    static final String READ_ONLY_RULE = "R13 read-only calendar";
    static final String READ_ONLY_EDIT = "its Google calendar is read-only for this user: the CRM edit is not sent (the CRM copy keeps it until the event changes in Google)";
    static final String READ_ONLY_DELETE = "its Google calendar is read-only for this user: the CRM deletion is not sent (the Google event stays, no longer linked)";

    /** Held deletions beyond this many are listed without their titles (each title costs a read). */
    static final int TITLES_READ = 200;

    private final CrmCalendar crm;
    private final GoogleCalendar google;
    private final SyncStateStore store;
    private final Clock clock;

    public SyncRun(CrmCalendar crm, GoogleCalendar google, SyncStateStore store, Clock clock) {
        this.crm = crm;
        this.google = google;
        this.store = store;
        this.clock = clock;
    }

    public RunReport run(UserId user, SyncSettings settings, RunOptions options) {
        Instant started = clock.instant();
        List<String> notes = List.empty();

        Either<CalendarFailure, Feed> crmFeed = readFeed(crm, user, options);
        Either<CalendarFailure, Feed> googleFeed = crmFeed.isLeft() ? Either.left(crmFeed.getLeft()) : readFeed(google, user, options);
        if (googleFeed.isLeft()) return failedBeforeWriting(user, started, options, googleFeed.getLeft());
        Feed crmChanges = crmFeed.get();
        Feed googleChanges = googleFeed.get();
        if (crmChanges.restarted) notes = notes.append("CRM change feed restarted with a full listing");
        if (googleChanges.restarted) notes = notes.append("Google change feed restarted with a full listing");
        notes = notes.appendAll(crm.notes()).appendAll(google.notes());
        notes = notes.appendAll(notices());

        // R9 and R11: what the settings and the horizon bring in that the change feeds do not list.
        AppliedScope applying = AppliedScope.of(settings, clock.instant());
        Option<AppliedScope> applied = store.appliedScope(user);
        boolean settling = applied.forAll(before -> !before.settings().equals(applying.settings()));
        Either<CalendarFailure, Tuple2<Feed, Feed>> widened = settling
                ? everything(crmChanges, googleChanges, options)
                : enteredHorizon(crmChanges, googleChanges, applied.get().horizonEnd(), applying.horizonEnd(), settings);
        if (widened.isLeft()) return failedBeforeWriting(user, started, options, widened.getLeft());
        int before = crmChanges.changes.size() + googleChanges.changes.size();
        crmChanges = widened.get()._1;
        googleChanges = widened.get()._2;
        if (settling && applied.isDefined()) notes = notes.append("settings changed since the last run: every item and link examined again (R9)");
        else if (!settling && crmChanges.changes.size() + googleChanges.changes.size() > before)
            notes = notes.append((crmChanges.changes.size() + googleChanges.changes.size() - before) + " item(s) entered the horizon (R11)");

        // Items that failed last time are read again, whether or not they changed since; so are the deleted partners of
        // held deletions (rule R12), and, to restore them, the items a discarded one would have deleted.
        Option<HeldDeletion> held = store.heldDeletion(user);
        boolean discarding = options.decision() == RunOptions.HeldDecision.DISCARD && held.isDefined() && !options.dryRun();
        Set<ItemRef> reread = store.pending(user).addAll(held.map(h -> h.items().map(HeldDeletion.Item::deleted)).getOrElse(List.empty()));
        if (discarding) reread = reread.addAll(held.get().doomed());
        Set<ItemRef> unreadable = HashSet.empty();
        for (ItemRef ref : reread) {
            Feed feed = ref.side() == Side.CRM ? crmChanges : googleChanges;
            if (feed.has(ref.id())) continue;
            Either<CalendarFailure, Change> now = current(side(ref.side()), ref.id());
            if (now.isLeft()) unreadable = unreadable.add(ref);
            else if (ref.side() == Side.CRM) crmChanges = crmChanges.with(now.get());
            else googleChanges = googleChanges.with(now.get());
        }

        Seq<Link> knownLinks = settling ? store.allLinks(user)
                : store.links(user, idsToLookUp(Side.CRM, crmChanges, googleChanges), idsToLookUp(Side.GOOGLE, googleChanges, crmChanges));
        LinkIndex links = LinkIndex.of(knownLinks);
        if (settling) {   // every link is settled, so both of its ends must be read (a listing may leave some out)
            for (Link link : knownLinks) {
                for (Side side : List.of(Side.CRM, Side.GOOGLE)) {
                    Feed feed = side == Side.CRM ? crmChanges : googleChanges;
                    if (feed.has(link.id(side)) || !side(side).covers(link.id(side))) continue;
                    Either<CalendarFailure, Change> now = current(side(side), link.id(side));
                    if (now.isLeft()) continue;
                    if (side == Side.CRM) crmChanges = crmChanges.with(now.get());
                    else googleChanges = googleChanges.with(now.get());
                }
            }
        }
        // The planner needs the other end beside: a mirror whose link was lost (to adopt it, rule R8), and, one-way,
        // a mirror that was edited or deleted (to put the source's content back, rules R3 and R4), and a mirror
        // edited out of scope (to put its original's values back, R6).
        Scope scope = new Scope(settings, clock.instant());
        Set<ItemRef> goneBefore = HashSet.empty();
        for (Side side : List.of(Side.CRM, Side.GOOGLE)) {
            Feed mine = side == Side.CRM ? crmChanges : googleChanges;
            for (Change change : mine.changes) {
                boolean unlinked = change instanceof Change.Upserted && links.find(side, change.id()).isEmpty();
                Option<ExternalId> original = change instanceof Change.Upserted u && links.find(side, u.id()).isEmpty()
                        ? u.origin().flatMap(k -> k.sourceOn(side.other()))
                        : !settings.direction().writesTo(side.other())      // one-way, a mirror was edited or deleted
                        ? links.find(side, change.id()).map(l -> l.id(side.other()))
                        : change instanceof Change.Upserted u && scope.excludes(u.item(), side.other()).isDefined()
                        ? links.find(side, u.id()).filter(l -> l.origin() != side).map(l -> l.id(side.other()))
                        : Option.none();
                Feed theirs = side == Side.CRM ? googleChanges : crmChanges;
                if (original.isEmpty() || theirs.has(original.get())) continue;
                Either<CalendarFailure, Change> now = current(side(side.other()), original.get());
                if (unlinked && now.exists(c -> c instanceof Change.Removed)) {
                    // R8: an original deleted before the last run (its deletion is not in this run's feeds) has no
                    // lost mirror: a lost mirror is met in the same feeds as its original's deletion. The item is one
                    // an edit kept (R4) or whose own copy went (R6); it is kept as it is, never deleted for it.
                    goneBefore = goneBefore.add(new ItemRef(side.other(), original.get()));
                    continue;
                }
                if (now.isRight()) {
                    if (side == Side.CRM) googleChanges = googleChanges.with(now.get());
                    else crmChanges = crmChanges.with(now.get());
                }
            }
        }

        Capabilities capabilities = Capabilities.of(crm, google);   // read once: planner and executor fingerprint the same fields
        Planner planner = new Planner(settings, capabilities, clock.instant(), settling, ref -> side(ref.side()).covers(ref.id()), goneBefore);
        Seq<SyncAction> restore = List.empty();
        if (discarding) {
            // The held items leave the ordinary plan: their deleted originals come back from the mirrors instead.
            Set<ExternalId> heldIds = held.get().items().flatMap(i -> List.of(i.id(), i.gone())).toSet();
            restore = restoration(held.get(), crmChanges.only(heldIds), googleChanges.only(heldIds), links, capabilities, settings);
            crmChanges = crmChanges.without(heldIds);
            googleChanges = googleChanges.without(heldIds);
            notes = notes.append("held deletion of " + held.get().items().size() + " item(s) discarded: the deleted items are restored from the other side");
        }
        SyncPlan plan = new SyncPlan(restore.appendAll(planner.plan(crmChanges.changes, googleChanges.changes, links).actions()));
        if (log.isDebugEnabled()) log.debug("plan for {}:\n{}", user, plan.describe());

        if (options.dryRun())
            return new RunReport(user, started, clock.instant(), true, RunReport.Outcome.COMPLETED, Option.none(),
                    planned(plan), skipped(plan), Option.some(plan), notes);

        DeletionGuard.Verdict verdict = new DeletionGuard(settings.maxDeleteShare(), options.massDeleteFloor()).judge(
                plan.actions().filter(a -> a instanceof SyncAction.Delete).map(a -> (SyncAction.Delete) a)
                        .filter(d -> !d.rule().contains("R6")), store.linkCount(user),   // a mirror whose original left scope: nothing is lost
                discarding ? Option.none() : held, discarding ? RunOptions.HeldDecision.NONE : options.decision(), options.confirmMassDelete());
        notes = notes.appendAll(verdict.notes());
        // Kept before anything is written: a crash after the writes must not lose the user's pending decision.
        keepHeld(user, held, verdict);
        if (verdict.holds()) {
            log.warn("holding deletions for {}: {}", user, verdict.reason().getOrElse(""));
            plan = withholding(plan, verdict.withheld());
        }
        if (options.decision() != RunOptions.HeldDecision.NONE)
            log.info("held deletion of {} {}: {}", user, options.decision() == RunOptions.HeldDecision.CONFIRM ? "confirmed" : "discarded",
                    held.map(HeldDeletion::counts).getOrElse("nothing was held"));

        Execution execution = new Execution(user, capabilities);
        execution.carryOut(plan);
        if (!execution.changedMeanwhile.isEmpty()) {
            // Someone edited these items between our read and our write (Google's 412): never overwrite blindly;
            // read them again and let the planner merge once more, in this same run.
            Set<ItemRef> again = execution.changedMeanwhile;
            execution.changedMeanwhile = LinkedHashSet.empty();
            notes = notes.append(again.size() + " item(s) changed while being synced: read again and merged");
            execution.carryOut(replan(user, again, planner));
        }

        if (discarding) notes = notes.appendAll(keepUnrestored(user, held.get(), execution));
        notes = notes.appendAll(notices());
        store.savePending(user, execution.retry.addAll(unreadable));
        store.saveCursor(user, Side.CRM, crmChanges.next);
        store.saveCursor(user, Side.GOOGLE, googleChanges.next);
        store.saveAppliedScope(user, applying);

        RunReport.Outcome outcome = execution.needsReauthorisation ? RunReport.Outcome.NEEDS_REAUTHORISATION
                : verdict.holds() ? RunReport.Outcome.HELD
                : execution.entries.exists(e -> e.action() == RunReport.Action.FAILED) ? RunReport.Outcome.PARTIAL
                : RunReport.Outcome.COMPLETED;
        RunReport report = new RunReport(user, started, clock.instant(), false, outcome,
                execution.needsReauthorisation ? Option.some("the Google account must be linked again") : verdict.reason(),
                execution.entries, execution.skips.groups(), Option.some(plan), notes);
        log.info("sync done: {} (counts are created/updated/deleted/skipped/conflicts/failed)", report.oneLine());
        return report;
    }

    /** What the sides changed on the way (normalised values), as report notes naming the record. */
    private Seq<String> notices() {
        return crm.notices().appendAll(google.notices()).map(Notice::describe);
    }

    // ---- rule R12: held deletions

    /**
     * A discarded deletion: each deleted original is made again from the mirror that was to be deleted, as the
     * planner restores a deleted mirror in a one-way mode (the mirror's side is the source here), and linked anew.
     */
    private Seq<SyncAction> restoration(HeldDeletion held, Seq<Change> crmChanges, Seq<Change> googleChanges, LinkIndex links,
                                        Capabilities capabilities, SyncSettings settings) {
        Seq<SyncAction> actions = List.empty();
        for (Side deleter : List.of(Side.CRM, Side.GOOGLE)) {
            Seq<HeldDeletion.Item> items = held.items().filter(i -> i.deleted().side() == deleter);
            if (items.isEmpty()) continue;
            Set<ExternalId> ids = items.flatMap(i -> List.of(i.id(), i.gone())).toSet();
            SyncSettings towardsDeleter = settings.with(deleter == Side.CRM ? SyncDirection.GOOGLE_TO_CRM : SyncDirection.CRM_TO_GOOGLE);
            SyncPlan plan = new Planner(towardsDeleter, capabilities, clock.instant()).plan(
                    crmChanges.filter(c -> ids.contains(c.id())), googleChanges.filter(c -> ids.contains(c.id())), links);
            actions = actions.appendAll(plan.actions().map(SyncRun::asRestoration));
        }
        return actions;
    }

    private static SyncAction asRestoration(SyncAction action) {
        String rule = DeletionGuard.RULE + " discarded: restored from the other side";
        if (action instanceof SyncAction.Create c)
            return new SyncAction.Create(c.target(), c.source(), c.item(), c.key(), c.replaces(), c.conflicts(), rule);
        return action;
    }

    /** The plan without the withheld deletions, each reported as a skip. */
    private static SyncPlan withholding(SyncPlan plan, Set<ItemRef> withheld) {
        return new SyncPlan(plan.actions().map(a -> a instanceof SyncAction.Delete d && withheld.contains(DeletionGuard.doomed(d))
                ? new SyncAction.Skip(new ItemRef(d.target().other(), d.link().id(d.target().other())),
                "deletion held: waiting for the user to confirm or discard it", false, DeletionGuard.RULE)
                : a));
    }

    /** Stores what stays held (with the titles of newly held items), or forgets it when nothing does. */
    private void keepHeld(UserId user, Option<HeldDeletion> held, DeletionGuard.Verdict verdict) {
        if (!verdict.holds()) {
            if (held.isDefined()) store.releaseHeldDeletion(user);
            return;
        }
        if (verdict.newlyHeld().isEmpty() && held.exists(h -> h.items().equals(verdict.stillHeld()))) return;   // unchanged
        Seq<HeldDeletion.Item> added = verdict.newlyHeld().zipWithIndex().map(t -> new HeldDeletion.Item(t._1.target(), t._1.id(),
                t._1.link().id(t._1.target().other()), t._2 < TITLES_READ ? title(t._1.target(), t._1.id()) : Option.none()));
        store.holdDeletion(new HeldDeletion(user, verdict.newlyHeld().isEmpty() ? held.get().heldAt() : clock.instant(),
                verdict.reason().get(), verdict.stillHeld().appendAll(added)));
    }

    /**
     * A discarded deletion whose restore failed for some items stays held for those: the cursors have moved past the
     * deletions, so only the held list keeps them in view. The user discards (or confirms) again.
     */
    private Seq<String> keepUnrestored(UserId user, HeldDeletion discarded, Execution execution) {
        Set<ItemRef> failed = execution.retry.addAll(execution.entries.filter(e -> e.action() == RunReport.Action.FAILED).flatMap(RunReport.Entry::items));
        Seq<HeldDeletion.Item> left = discarded.items().filter(i -> failed.contains(i.doomed()));
        if (left.isEmpty()) return List.empty();
        Seq<HeldDeletion.Item> heldNow = store.heldDeletion(user).map(HeldDeletion::items).getOrElse(List.empty());
        store.holdDeletion(new HeldDeletion(user, discarded.heldAt(), discarded.reason(), left.appendAll(heldNow)));
        return List.of(left.size() + " discarded deletion(s) could not be restored yet: still held, discard them again");
    }

    /** The title of an item about to be held, so that people see what they decide on; none when it cannot be read. */
    private Option<String> title(Side side, ExternalId id) {
        return side(side).get(id).toOption().flatMap(found -> found).map(u -> u.item().title());
    }

    /** A plan for a few items only, read afresh. */
    private SyncPlan replan(UserId user, Set<ItemRef> items, Planner planner) {
        List<Change> crmNow = List.empty();
        List<Change> googleNow = List.empty();
        for (ItemRef ref : items) {
            Either<CalendarFailure, Change> now = current(side(ref.side()), ref.id());
            if (now.isLeft()) continue;                       // stays on the retry list via the caller
            if (ref.side() == Side.CRM) crmNow = crmNow.append(now.get());
            else googleNow = googleNow.append(now.get());
        }
        Seq<Link> links = store.links(user, HashSet.ofAll(crmNow.map(Change::id)), HashSet.ofAll(googleNow.map(Change::id)));
        return planner.plan(crmNow, googleNow, LinkIndex.of(links));
    }

    // ---- reading

    /** A whole change feed, read page by page. */
    private record Feed(Seq<Change> changes, Set<ExternalId> ids, Cursor next, boolean restarted, boolean full) {
        boolean has(ExternalId id) {
            return ids.contains(id);
        }

        Feed with(Change change) {
            return new Feed(changes.append(change), ids.add(change.id()), next, restarted, full);
        }

        /** With a later full listing: its entries come last, so they win; this feed's cursor stays. */
        Feed withAll(Feed listing) {
            return new Feed(changes.appendAll(listing.changes), ids.addAll(listing.ids), next, restarted, true);
        }

        /** With the items this feed does not list yet. */
        Feed withNew(Seq<? extends Change> more) {
            Feed feed = this;
            for (Change change : more) if (!feed.has(change.id())) feed = feed.with(change);
            return feed;
        }

        Seq<Change> only(Set<ExternalId> some) {
            return changes.filter(c -> some.contains(c.id()));
        }

        Feed without(Set<ExternalId> some) {
            return new Feed(changes.filter(c -> !some.contains(c.id())), ids.removeAll(some), next, restarted, full);
        }
    }

    /**
     * R9: both feeds plus a full listing of each side (unless the feed already was one), so every item is planned
     * again. The listing's own cursor is dropped: the feeds' cursors stay, and the deletions they report stand
     * (a listing shows no deletions, and absence from it never means one).
     */
    private Either<CalendarFailure, Tuple2<Feed, Feed>> everything(Feed crmFeed, Feed googleFeed, RunOptions options) {
        Either<CalendarFailure, Feed> crmAll = crmFeed.full ? Either.right(crmFeed) : readFeed(crm, Cursor.START, options).map(crmFeed::withAll);
        if (crmAll.isLeft()) return Either.left(crmAll.getLeft());
        Either<CalendarFailure, Feed> googleAll = googleFeed.full ? Either.right(googleFeed) : readFeed(google, Cursor.START, options).map(googleFeed::withAll);
        return googleAll.map(g -> Tuple.of(crmAll.get(), g));
    }

    /**
     * R11: the items that begin on the days that entered the horizon since the last run, read from each side with a
     * range query, so the cost follows what entered, not the size of the calendars.
     */
    private Either<CalendarFailure, Tuple2<Feed, Feed>> enteredHorizon(Feed crmFeed, Feed googleFeed, LocalDate lastEnd, LocalDate newEnd,
                                                                       SyncSettings settings) {
        if (!newEnd.isAfter(lastEnd)) return Either.right(Tuple.of(crmFeed, googleFeed));
        Instant from = lastEnd.plusDays(1).atStartOfDay(settings.zone()).toInstant();
        Instant until = newEnd.plusDays(1).atStartOfDay(settings.zone()).toInstant();
        Either<CalendarFailure, Seq<Change.Upserted>> crmEntered = crm.startingBetween(from, until);
        if (crmEntered.isLeft()) return Either.left(crmEntered.getLeft());
        Either<CalendarFailure, Seq<Change.Upserted>> googleEntered = google.startingBetween(from, until);
        if (googleEntered.isLeft()) return Either.left(googleEntered.getLeft());
        return Either.right(Tuple.of(crmFeed.withNew(crmEntered.get()), googleFeed.withNew(googleEntered.get())));
    }

    private Either<CalendarFailure, Feed> readFeed(CalendarSide side, UserId user, RunOptions options) {
        return readFeed(side, store.cursor(user, side.side()).getOrElse(Cursor.START), options).flatMap(feed -> withLinkedRemovals(side, user, feed));
    }

    private Either<CalendarFailure, Feed> readFeed(CalendarSide side, Cursor from, RunOptions options) {
        Cursor cursor = from;
        List<Change> changes = List.empty();
        boolean restarted = false;
        for (int page = 0; page < options.maxPages(); page++) {
            Either<CalendarFailure, ChangePage> answer = side.changesSince(cursor);
            if (answer.isLeft() && answer.getLeft() instanceof CalendarFailure.CursorExpired && !restarted && !cursor.isStart()) {
                log.info("{} cursor expired: starting over with a full listing", side.side());
                cursor = Cursor.START;
                changes = List.empty();
                restarted = true;
                page = -1;
                continue;
            }
            if (answer.isLeft()) return Either.left(answer.getLeft());
            changes = changes.appendAll(answer.get().changes());
            cursor = answer.get().next();
            if (!answer.get().more())
                return Either.right(new Feed(changes, HashSet.ofAll(changes.map(Change::id)), cursor, restarted, restarted || from.isStart()));
        }
        return Either.left(new CalendarFailure.Unavailable(side.side() + " change feed did not end after " + options.maxPages() + " pages"));
    }

    /** For a side whose feed misses some deletions: asks which linked items the feed did not mention are gone or changed unseen (D35). */
    private Either<CalendarFailure, Feed> withLinkedRemovals(CalendarSide side, UserId user, Feed feed) {
        if (side.reportsAllRemovals()) return Either.right(feed);
        Set<ExternalId> unmentioned = store.linkedIds(user, side.side()).removeAll(feed.ids);
        if (unmentioned.isEmpty()) return Either.right(feed);
        return side.missedAmong(unmentioned).map(missed -> {
            Feed out = feed;
            for (Change c : missed) if (unmentioned.contains(c.id()) && !out.has(c.id())) out = out.with(c);
            return out;
        });
    }

    private static Either<CalendarFailure, Change> current(CalendarSide side, ExternalId id) {
        return side.get(id).map(found -> found.<Change>map(u -> u).getOrElse(() -> Change.Removed.of(id)));
    }

    /** Ids of {@code side} whose links the planner may need: changed items, originals named by mirrors, series. */
    private static Set<ExternalId> idsToLookUp(Side side, Feed mine, Feed theirs) {
        Set<ExternalId> ids = mine.ids;
        for (Change c : mine.changes) {
            if (c instanceof Change.Upserted u) ids = ids.addAll(u.item().series().map(s -> s.series()));
        }
        for (Change c : theirs.changes) {
            if (c instanceof Change.Upserted u) ids = ids.addAll(u.origin().flatMap(k -> k.sourceOn(side)));
        }
        return ids;
    }


    private CalendarSide side(Side side) {
        return side == Side.CRM ? crm : google;
    }

    private RunReport failedBeforeWriting(UserId user, Instant started, RunOptions options, CalendarFailure failure) {
        boolean reauth = failure instanceof CalendarFailure.AuthorizationRequired;
        log.warn("sync of {} stopped before writing anything: {}", user, failure.describe());
        return new RunReport(user, started, clock.instant(), options.dryRun(),
                reauth ? RunReport.Outcome.NEEDS_REAUTHORISATION : RunReport.Outcome.FAILED,
                Option.some(failure.describe()), List.empty(), List.empty(), Option.none(), List.empty());
    }

    private static Seq<RunReport.Entry> planned(SyncPlan plan) {
        return plan.actions().flatMap(Execution::plannedEntries);
    }

    private static Seq<RunReport.SkipGroup> skipped(SyncPlan plan) {
        SkipTally tally = new SkipTally();
        for (SyncAction a : plan.actions())
            if (a instanceof SyncAction.Skip s) tally.add(s.item().side().other(), s.rule(), s.reason(), s.item());
        return tally.groups();
    }

    // ---- writing

    /** Carries out one plan: bookkeeping first, then creates and updates (Google, then CRM), then deletes. */
    private final class Execution {
        private final UserId user;
        private final Capabilities capabilities;
        private Vector<RunReport.Entry> entries = Vector.empty();
        private final SkipTally skips = new SkipTally();
        private Set<ItemRef> retry = LinkedHashSet.empty();
        private Set<ItemRef> changedMeanwhile = LinkedHashSet.empty();
        private boolean retryingStale;
        private boolean needsReauthorisation;

        Execution(UserId user, Capabilities capabilities) {
            this.user = user;
            this.capabilities = capabilities;
        }

        /** A step in flight: the writes it still waits for and what they answered. */
        private final class Step {
            final SyncAction action;
            int waiting;
            Map<Side, Written.Saved> saved = HashMap.empty();
            Option<CalendarFailure> failure = Option.none();

            Step(SyncAction action, int waiting) {
                this.action = action;
                this.waiting = waiting;
            }
        }

        private record Pending(Step step, Side target, Write write) {}

        /** Runs the plan; a second call is the re-plan of items that changed meanwhile, whose Stale answers then count as failures. */
        void carryOut(SyncPlan plan) {
            carryOutOnce(plan);
            retryingStale = true;
        }

        private void carryOutOnce(SyncPlan plan) {
            Vector<Pending> upserts = Vector.empty();
            Vector<Pending> deletes = Vector.empty();
            for (SyncAction planned : plan.actions()) {
                SyncAction action = respectReadOnly(planned);
                if (action instanceof SyncAction.Skip skip) {
                    skips.add(skip.item().side().other(), skip.rule(), skip.reason(), skip.item());
                    if (skip.retryLater()) retry = retry.add(skip.item());
                } else if (action instanceof SyncAction.Unlink unlink) {
                    store.removeLink(user, unlink.link());
                    entries = entries.append(new RunReport.Entry(RunReport.Action.UNLINKED, unlink.link().origin().other(),
                            unlink.items(), unlink.rule(), Option.none(), 0, Option.none()));
                } else if (action instanceof SyncAction.Update update && update.patches().isEmpty()) {
                    store.saveLink(user, linkAfter(update, HashMap.empty()));
                    entries = entries.append(new RunReport.Entry(RunReport.Action.RELINKED, update.link().origin().other(),
                            update.items(), update.rule(), Option.none(), update.conflicts().size(), titleOf(update)));
                } else if (action instanceof SyncAction.Update update) {
                    Step step = new Step(update, update.patches().size());
                    upserts = upserts.appendAll(update.patches().map(p ->
                            new Pending(step, p.target(), new Write.Update(p.id(), p.expected(), p.item(), p.fields()))));
                } else if (action instanceof SyncAction.Create create) {
                    upserts = upserts.append(new Pending(new Step(create, 1), create.target(), new Write.Create(create.item(), create.key())));
                } else if (action instanceof SyncAction.Delete delete) {
                    deletes = deletes.append(new Pending(new Step(delete, 1), delete.target(), new Write.Delete(delete.id(), delete.expected())));
                } else {
                    throw new AssertionError("unknown action " + action);
                }
            }
            for (Side target : List.of(Side.GOOGLE, Side.CRM)) send(target, upserts.filter(p -> p.target() == target));
            for (Side target : List.of(Side.GOOGLE, Side.CRM)) send(target, deletes.filter(p -> p.target() == target));
        }

        /**
         * Rule R13: a side that may not write an item (a Google calendar shared read-only) gets no write for it. An update
         * loses its patch for that side (the link takes the other side's state as seen, so the edit is reported once,
         * not every run); a delete becomes an unlink (the original stays where it is, no longer linked).
         */
        private SyncAction respectReadOnly(SyncAction action) {
            if (action instanceof SyncAction.Update update) {
                Seq<SyncAction.Patch> refused = update.patches().filter(p -> !side(p.target()).mayWrite(p.id()));
                if (refused.isEmpty()) return action;
                refused.forEach(p -> readOnly(p.target(), update.link().id(p.target().other()), READ_ONLY_EDIT));
                return new SyncAction.Update(update.link(), update.patches().removeAll(refused), update.seen(), update.conflicts(), update.rule());
            }
            if (action instanceof SyncAction.Delete delete && !side(delete.target()).mayWrite(delete.id())) {
                readOnly(delete.target(), delete.link().id(delete.target().other()), READ_ONLY_DELETE);
                return new SyncAction.Unlink(delete.link(), READ_ONLY_RULE);
            }
            return action;
        }

        private void readOnly(Side target, ExternalId source, String reason) {
            skips.add(target, READ_ONLY_RULE, reason, new ItemRef(target.other(), source));
        }

        /** A write refused because the item became read-only during this run: handled as rule R13, not as a failure. */
        private boolean refusedAsReadOnly(Step step) {
            if (step.action instanceof SyncAction.Update update) {
                Seq<SyncAction.Patch> refused = update.patches().filter(p -> !side(p.target()).mayWrite(p.id()));
                if (refused.isEmpty()) return false;
                refused.forEach(p -> readOnly(p.target(), update.link().id(p.target().other()), READ_ONLY_EDIT));
                store.saveLink(user, linkAfter(update, step.saved));
                return true;
            }
            if (step.action instanceof SyncAction.Delete delete && !side(delete.target()).mayWrite(delete.id())) {
                readOnly(delete.target(), delete.link().id(delete.target().other()), READ_ONLY_DELETE);
                store.removeLink(user, delete.link());
                return true;
            }
            return false;
        }

        private void send(Side target, Seq<Pending> pending) {
            CalendarSide side = side(target);
            for (Seq<Pending> batch : pending.grouped(Math.max(1, side.batchSize()))) {
                Seq<Either<CalendarFailure, Written>> answers = writeBatch(side, batch.map(Pending::write));
                for (var answer : batch.zip(answers)) settle(answer._1, answer._2);
            }
        }

        /** A side that throws instead of answering has broken its contract: its writes count as failed, the run goes on. */
        private Seq<Either<CalendarFailure, Written>> writeBatch(CalendarSide side, Seq<Write> writes) {
            try {
                Seq<Either<CalendarFailure, Written>> answers = side.write(writes);
                if (answers.size() != writes.size())
                    throw new IllegalStateException(side.side() + " answered " + answers.size() + " results for " + writes.size() + " writes");
                return answers;
            } catch (RuntimeException e) {
                log.error("{} calendar failed a batch of {} writes", side.side(), writes.size(), e);
                return writes.map(w -> Either.left(new CalendarFailure.Unavailable(e.toString())));
            }
        }

        private void settle(Pending pending, Either<CalendarFailure, Written> answer) {
            Step step = pending.step();
            step.waiting--;
            if (answer.isLeft()) step.failure = step.failure.orElse(Option.some(answer.getLeft()));
            else if (answer.get() instanceof Written.Saved saved) step.saved = step.saved.put(pending.target(), saved);
            if (step.waiting > 0) return;

            if (step.failure.isDefined()) {
                CalendarFailure failure = step.failure.get();
                if (failure instanceof CalendarFailure.Rejected && refusedAsReadOnly(step)) return;
                if (failure instanceof CalendarFailure.Stale && !retryingStale) {
                    changedMeanwhile = changedMeanwhile.addAll(step.action.items());
                    return;
                }
                if (failure instanceof CalendarFailure.AuthorizationRequired) needsReauthorisation = true;
                if (failure.retryable()) retry = retry.addAll(step.action.items());
                entries = entries.append(new RunReport.Entry(RunReport.Action.FAILED, pending.target(), step.action.items(),
                        step.action.rule(), Option.some(failure.describe()), 0, titleOf(step.action)));
                log.warn("{}: {} failed: {}", user, step.action.items().mkString(", "), failure.describe());
                return;
            }
            SyncAction action = step.action;
            if (action instanceof SyncAction.Create create) {
                Written.Saved saved = step.saved.get(create.target()).get();
                create.replaces().forEach(old -> store.removeLink(user, old));
                store.saveLink(user, linkAfter(create, saved));
                entries = entries.append(new RunReport.Entry(RunReport.Action.CREATED, create.target(),
                        List.of(create.items().head(), new ItemRef(create.target(), saved.id())), create.rule(), Option.none(), create.conflicts().size(),
                        titleOf(create)));
            } else if (action instanceof SyncAction.Update update) {
                store.saveLink(user, linkAfter(update, step.saved));
                for (SyncAction.Patch patch : update.patches())
                    entries = entries.append(new RunReport.Entry(RunReport.Action.UPDATED, patch.target(), update.items(),
                            update.rule(), Option.some(patch.fields().toSortedSet().mkString(",")), patch == update.patches().head() ? update.conflicts().size() : 0,
                            Option.some(patch.item().title())));
            } else if (action instanceof SyncAction.Delete delete) {
                store.removeLink(user, delete.link());
                entries = entries.append(new RunReport.Entry(RunReport.Action.DELETED, delete.target(), delete.items(),
                        delete.rule(), Option.none(), delete.conflicts().size()));
            } else {
                throw new AssertionError("no writes expected for " + action);
            }
        }

        private Link linkAfter(SyncAction.Create create, Written.Saved saved) {
            Side source = create.target().other();
            Change.Upserted original = create.source();
            return Link.between(original.item().kind(), source,
                    original.id(), original.version(), Fingerprints.of(original.item(), capabilities.held(source, original.item().kind())),
                    saved.id(), saved.version(), Fingerprints.of(saved.stored(), capabilities.held(create.target(), saved.stored().kind())));
        }

        private Link linkAfter(SyncAction.Update update, Map<Side, Written.Saved> saved) {
            Link link = update.link();
            for (Side side : List.of(Side.CRM, Side.GOOGLE)) {
                Option<Written.Saved> written = saved.get(side);
                Option<Change.Upserted> seen = update.seen().get(side);
                if (written.isDefined())
                    link = link.with(side, written.get().id(), written.get().version(), Fingerprints.of(written.get().stored(), capabilities.held(side, link.kind())));
                else if (seen.isDefined())
                    link = link.with(side, seen.get().id(), seen.get().version(), Fingerprints.of(seen.get().item(), capabilities.held(side, link.kind())));
            }
            return link;
        }

        /** The title the report names an action's item by: what it wrote, else what it saw; a deletion has none at hand. */
        static Option<String> titleOf(SyncAction a) {
            if (a instanceof SyncAction.Create c) return Option.some(c.source().item().title());
            if (a instanceof SyncAction.Update u)
                return u.patches().headOption().map(p -> p.item().title())
                        .orElse(u.seen().get(u.link().origin()).orElse(u.seen().values().headOption()).map(s -> s.item().title()));
            return Option.none();
        }

        static Seq<RunReport.Entry> plannedEntries(SyncAction a) {
            if (a instanceof SyncAction.Create c)
                return List.of(new RunReport.Entry(RunReport.Action.CREATED, c.target(), c.items(), c.rule(), Option.some("planned"), c.conflicts().size(), titleOf(c)));
            if (a instanceof SyncAction.Update u)
                return u.patches().isEmpty()
                        ? List.of(new RunReport.Entry(RunReport.Action.RELINKED, u.link().origin().other(), u.items(), u.rule(), Option.some("planned"), 0, titleOf(u)))
                        : u.patches().map(p -> new RunReport.Entry(RunReport.Action.UPDATED, p.target(), u.items(), u.rule(), Option.some("planned"),
                        p == u.patches().head() ? u.conflicts().size() : 0, Option.some(p.item().title())));
            if (a instanceof SyncAction.Delete d)
                return List.of(new RunReport.Entry(RunReport.Action.DELETED, d.target(), d.items(), d.rule(), Option.some("planned"), d.conflicts().size()));
            if (a instanceof SyncAction.Unlink u)
                return List.of(new RunReport.Entry(RunReport.Action.UNLINKED, u.link().origin().other(), u.items(), u.rule(), Option.some("planned"), 0));
            if (a instanceof SyncAction.Skip)
                return List.empty();   // tallied by skipped(plan)
            throw new AssertionError("unknown action " + a);
        }
    }
}
