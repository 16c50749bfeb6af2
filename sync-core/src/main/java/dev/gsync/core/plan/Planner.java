package dev.gsync.core.plan;

import dev.gsync.core.model.CalendarItem;
import dev.gsync.core.model.ExternalId;
import dev.gsync.core.model.Field;
import dev.gsync.core.model.Fingerprints;
import dev.gsync.core.model.IdempotencyKey;
import dev.gsync.core.model.ItemStatus;
import dev.gsync.core.model.Link;
import dev.gsync.core.model.SeriesOrigin;
import dev.gsync.core.model.Side;
import dev.gsync.core.model.SyncDirection;
import dev.gsync.core.model.SyncSettings;
import dev.gsync.core.model.Timing;
import dev.gsync.core.model.Version;
import dev.gsync.core.port.Change;
import dev.gsync.core.port.ItemRef;
import io.vavr.Tuple;
import io.vavr.Tuple2;
import io.vavr.collection.HashMap;
import io.vavr.collection.LinkedHashSet;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.collection.Seq;
import io.vavr.collection.Set;
import io.vavr.collection.TreeMap;
import io.vavr.collection.Vector;
import io.vavr.control.Either;
import io.vavr.control.Option;

import java.time.Instant;
import java.util.function.Predicate;
import java.util.Locale;

/**
 * Decides what to write where. Pure: the same changes, links and settings give the same plan; no I/O, no clock
 * (the caller passes "now"). Its cost grows with the number of changes, not the number of links. Rules, quoted
 * in plans and reports:
 * <pre>
 *   R1  new in the CRM                -> create on Google, if the direction writes Google and it is in scope
 *   R2  new in Google                 -> create in the CRM, likewise
 *   R3  changed on one or both sides  -> three-way merge per field against each side's last synced fingerprints:
 *                                        a field changed on one side is taken from it; changed on both to
 *                                        different values is a conflict settled by the policy (one-way: the
 *                                        source); a field a side cannot hold never overwrites the other side
 *   R4  deleted on one side           -> delete the other, if the direction writes it (one-way: a deleted mirror
 *                                        is restored from its source); edited on the other side -> delete vs. edit
 *                                        conflict
 *   R5  deleted on both sides         -> unlink
 *   R6  the original left scope       -> (private under the policy, outside the hour window, all-day excluded)
 *                                        remove the mirror; only ageing out of the horizon is left alone;
 *                                        a mirror that leaves scope is not carried back to its original
 *   R7  out of scope                  -> skip with the reason
 *   R8  a mirror gsync made whose link was lost (a crash) -> adopt it: link the pair, no copy; a mirror of an
 *                                        original out of scope is removed as R6 would
 *   R9  settings changed              -> (the caller re-reads everything) every linked pair is settled as if it
 *                                        were adopted afresh: R6 for an original now out of scope, the mirror
 *                                        brought in line where the new settings make it differ
 *   R10 an end no longer synced       -> (an event of a deselected or vanished Google calendar) the link is
 *                                        released, both items stay; the other end is then planned as new (R1)
 *   R14 a value one side cannot hold  -> statuses: Google holds only the coarse form of the CRM's status
 *                                        (ItemStatus.coarse); a Google status that folds to the CRM's is no
 *                                        change for the CRM, which keeps its finer one (Held, In Progress, ...),
 *                                        and a CRM status whose coarse form Google already holds is not written.
 *                                        Undated tasks: a Google task without a due date reaches the CRM with a
 *                                        stand-in date (the day first seen); its fingerprint stays "no date", so
 *                                        the stand-in is never written to Google, and a date set later in Google
 *                                        replaces it
 * </pre>
 * One-way modes never write to the source side; edits made to mirrors are not carried back but undone, and
 * deleted mirrors are restored: the target shows the source.
 */
public final class Planner {
    private final SyncSettings settings;
    private final Capabilities capabilities;
    private final Scope scope;
    private final Privacy privacy;
    private final boolean settling;
    private final Predicate<ItemRef> covered;
    private final Set<ItemRef> goneBefore;

    public Planner(SyncSettings settings, Capabilities capabilities, Instant now) {
        this(settings, capabilities, now, false, ref -> true);
    }

    /**
     * @param settling after a settings change: unchanged linked pairs are settled too (R9)
     * @param covered  whether a side still syncs an item (false: an event of a deselected Google calendar, R10)
     */
    public Planner(SyncSettings settings, Capabilities capabilities, Instant now, boolean settling, Predicate<ItemRef> covered) {
        this(settings, capabilities, now, settling, covered, LinkedHashSet.empty());
    }

    /** @param goneBefore originals read and not found, whose deletion is not in this run's changes (R8 keeps their "mirrors") */
    public Planner(SyncSettings settings, Capabilities capabilities, Instant now, boolean settling, Predicate<ItemRef> covered,
                   Set<ItemRef> goneBefore) {
        this.goneBefore = goneBefore;
        this.settings = settings;
        this.capabilities = capabilities;
        this.scope = new Scope(settings, now);
        this.privacy = new Privacy(settings.privateGoogleLandsAs());
        this.settling = settling;
        this.covered = covered;
    }

    public SyncPlan plan(Seq<Change> crmChanges, Seq<Change> googleChanges, LinkIndex knownLinks) {
        Map<ExternalId, Change> crm = latest(crmChanges).filterKeys(id -> covered.test(new ItemRef(Side.CRM, id)));
        Map<ExternalId, Change> google = latest(googleChanges).filterKeys(id -> covered.test(new ItemRef(Side.GOOGLE, id)));
        Vector<SyncAction> actions = Vector.empty();   // appended to per item: Vector appends in effectively constant time

        // R10: a link whose end its side no longer syncs is released; its other end is then free (and planned as new).
        Seq<Link> released = knownLinks.all().filter(l -> !covered.test(new ItemRef(Side.CRM, l.crmId())) || !covered.test(new ItemRef(Side.GOOGLE, l.googleId())));
        for (Link link : released)
            actions = actions.append(new SyncAction.Unlink(link, "R10 no longer synced on " + (covered.test(new ItemRef(Side.GOOGLE, link.googleId())) ? Side.CRM : Side.GOOGLE)
                    + " (calendar deselected or gone): link released, both items stay"));
        LinkIndex links = released.isEmpty() ? knownLinks : knownLinks.without(released);

        // Linked pairs: group each side's change with its link.
        Map<ExternalId, Tuple2<Link, Tuple2<Option<Change>, Option<Change>>>> pairs = TreeMap.empty();
        for (Change c : crm.values()) {
            for (Link link : links.find(Side.CRM, c.id())) {
                pairs = pairs.put(link.crmId(), Tuple.of(link, Tuple.of(Option.some(c), Option.none())));
            }
        }
        for (Change g : google.values()) {
            for (Link link : links.find(Side.GOOGLE, g.id())) {
                Option<Change> crmSide = pairs.get(link.crmId()).flatMap(p -> p._2._1);
                pairs = pairs.put(link.crmId(), Tuple.of(link, Tuple.of(crmSide, Option.some(g))));
            }
        }
        for (var pair : pairs.values()) {
            actions = actions.appendAll(planLinked(pair._1, pair._2._1, pair._2._2, links));
        }
        // A link this plan drops while an end of it stays (R4: a one-way mirror deleted while its source is out of
        // scope) frees that end. A mirror of it whose link a crash lost (made by an earlier run's restore) is adopted
        // now (R8), as a fresh sync would; without this, it was skipped as "could not be read" and adopted one run later.
        Map<ItemRef, Change.Upserted> unlinkedHere = HashMap.empty();
        for (SyncAction action : actions)
            if (action instanceof SyncAction.Unlink unlink)
                for (Side side : List.of(Side.CRM, Side.GOOGLE))
                    for (Change.Upserted end : upserted((side == Side.CRM ? crm : google).get(unlink.link().id(side))))
                        unlinkedHere = unlinkedHere.put(new ItemRef(side, end.id()), end);

        // Unlinked items: first recognise mirrors whose link was lost, then mirror the rest.
        Map<ExternalId, Change> freeCrm = crm.filterKeys(id -> links.find(Side.CRM, id).isEmpty());
        Map<ExternalId, Change> freeGoogle = google.filterKeys(id -> links.find(Side.GOOGLE, id).isEmpty());
        Set<ItemRef> adopted = LinkedHashSet.empty();
        // A restore (R4: an edit won over a deletion; one-way: a deleted mirror put back) whose copy a run that died
        // had already made (its link lost): that copy is in the feed, carrying the restore's key. It is adopted (R8),
        // brought in line with the original as it is now, instead of a second create with the same key, which
        // answers with the earlier copy as it was (law 10: it kept the title of the edit before last).
        Vector<SyncAction> planned = Vector.empty();
        for (SyncAction action : actions) {
            Option<Change.Upserted> copy = Option.none();
            if (action instanceof SyncAction.Create restore && restore.replaces().isDefined())
                copy = List.ofAll((restore.target() == Side.CRM ? freeCrm : freeGoogle).values())
                        .flatMap(c -> upserted(Option.some(c))).find(c -> c.origin().contains(restore.key()));
            if (copy.isEmpty()) {
                planned = planned.append(action);
                continue;
            }
            SyncAction.Create restore = (SyncAction.Create) action;
            adopted = adopted.add(new ItemRef(restore.target(), copy.get().id())).add(new ItemRef(restore.target().other(), restore.source().id()));
            planned = planned.appendAll(planAdoption(restore.target(), copy.get(), restore.source().id(), Option.some(restore.source()), links));
        }
        actions = planned;
        // An item restored from its mirror (R4, an edit won over a deletion) still names its deleted original, yet
        // is the original of that restored copy now: it is claimed by the copy, not removed with its first original.
        Set<ItemRef> claimed = LinkedHashSet.empty();
        for (Side side : List.of(Side.CRM, Side.GOOGLE))
            for (Change c : (side == Side.CRM ? freeCrm : freeGoogle).values())
                if (c instanceof Change.Upserted u)
                    claimed = claimed.addAll(u.origin().flatMap(k -> k.sourceOn(side.other())).map(id -> new ItemRef(side.other(), id)));
        for (Side side : List.of(Side.CRM, Side.GOOGLE)) {
            Map<ExternalId, Change> mine = side == Side.CRM ? freeCrm : freeGoogle;
            Map<ExternalId, Change> theirs = side == Side.CRM ? freeGoogle : freeCrm;
            for (Change change : mine.values()) {
                if (!(change instanceof Change.Upserted mirror) || adopted.contains(new ItemRef(side, mirror.id()))) continue;
                Option<ExternalId> originalId = mirror.origin().flatMap(k -> k.sourceOn(side.other()));
                if (originalId.isEmpty()) continue;
                if (!covered.test(new ItemRef(side.other(), originalId.get()))) {
                    // R10: the mirror of an event in a calendar no longer synced stays as it is, and is not copied
                    // anywhere (a copy would be a duplicate once that calendar is selected again)
                    adopted = adopted.add(new ItemRef(side, mirror.id()));
                    actions = actions.append(new SyncAction.Skip(new ItemRef(side, mirror.id()),
                            "its original " + originalId.get() + " is no longer synced (calendar deselected or gone): left as it is", false, "R10"));
                    continue;
                }
                if (theirs.get(originalId.get()).exists(c -> c instanceof Change.Removed) && claimed.contains(new ItemRef(side, mirror.id()))) continue;
                Option<Change> original = theirs.get(originalId.get())
                        .orElse(unlinkedHere.get(new ItemRef(side.other(), originalId.get())).map(c -> (Change) c));
                if (original.isEmpty() && goneBefore.contains(new ItemRef(side.other(), originalId.get()))) {
                    adopted = adopted.add(new ItemRef(side, mirror.id()));
                    actions = actions.append(new SyncAction.Skip(new ItemRef(side, mirror.id()), "its original " + originalId.get()
                            + " was deleted before the last run: kept as it is, not taken for a lost mirror", false, "R8"));
                    continue;
                }
                if (original.isEmpty() && !links.find(side.other(), originalId.get()).isEmpty()) {
                    // a second copy of an original that has its linked mirror (a calendar selected again after its
                    // items were copied to another one meanwhile, R10): left as it is, not read again every run
                    adopted = adopted.add(new ItemRef(side, mirror.id()));
                    actions = actions.append(new SyncAction.Skip(new ItemRef(side, mirror.id()), "its original " + originalId.get()
                            + " already has a linked copy (a calendar selected again): left as it is", false, "R10"));
                    continue;
                }
                adopted = adopted.add(new ItemRef(side, mirror.id())).add(new ItemRef(side.other(), originalId.get()));
                actions = actions.appendAll(planAdoption(side, mirror, originalId.get(), original, links));
            }
        }
        for (Side side : List.of(Side.CRM, Side.GOOGLE)) {
            for (Change change : (side == Side.CRM ? freeCrm : freeGoogle).values()) {
                if (change instanceof Change.Upserted item && !adopted.contains(new ItemRef(side, item.id())))
                    actions = actions.appendAll(planNew(side, item, links));
            }
        }
        return new SyncPlan(actions);
    }

    // ---- R1, R2, R7: an item with no mirror yet

    private Seq<SyncAction> planNew(Side side, Change.Upserted item, LinkIndex links) {
        Side target = side.other();
        String rule = side == Side.CRM ? "R1 new in the CRM" : "R2 new in Google";
        if (!settings.direction().writesTo(target)) return List.empty();      // a one-way target: not ours to copy
        if (item.item().status() == ItemStatus.CANCELLED) return List.empty();
        Option<Scope.Exclusion> exclusion = scope.excludes(item.item(), target);
        if (exclusion.isDefined())
            return List.of(new SyncAction.Skip(new ItemRef(side, item.id()), exclusion.get().reason, false, "R7 out of scope"));
        Either<String, CalendarItem> translated = translateSeries(crossing(item.item(), target), side, links);
        if (translated.isLeft())
            return List.of(new SyncAction.Skip(new ItemRef(side, item.id()), translated.getLeft(), true, rule));
        return List.of(new SyncAction.Create(target, item, translated.get(), IdempotencyKey.mirrorOf(side, item.id()),
                Option.none(), List.empty(), rule));
    }

    // ---- R8: a mirror gsync created whose link was lost

    private Seq<SyncAction> planAdoption(Side mirrorSide, Change.Upserted mirror, ExternalId originalId,
                                         Option<Change> original, LinkIndex links) {
        Side originSide = mirrorSide.other();
        String rule = "R8 adopt a mirror whose link was lost";
        if (original.isEmpty())
            return List.of(new SyncAction.Skip(new ItemRef(mirrorSide, mirror.id()), "its original " + originalId + " could not be read", true, rule));
        if (original.get() instanceof Change.Removed) {
            Link orphan = newLink(originSide, originalId, mirror.id(), mirror.item(), Version.of(""), mirror.version());
            if (!settings.direction().writesTo(mirrorSide)) return List.of(new SyncAction.Unlink(orphan, rule + "; original deleted"));
            return List.of(new SyncAction.Delete(orphan, mirrorSide, mirror.version(), List.empty(), rule + "; original deleted"));
        }
        Change.Upserted source = (Change.Upserted) original.get();
        Link link = newLink(originSide, source.id(), mirror.id(), source.item(), source.version(), mirror.version());
        Option<Scope.Exclusion> exclusion = removingExclusion(source.item(), mirrorSide);
        if (exclusion.isDefined())
            return List.of(new SyncAction.Delete(link, mirrorSide, mirror.version(), List.empty(), rule + "; R6 the original is out of scope (" + exclusion.get().reason + "): mirror removed"));
        Set<Field> differing = capabilities.held(originSide, source.item().kind())
                .intersect(capabilities.held(mirrorSide, source.item().kind()))
                .filter(f -> !sameAcross(f, originSide, source.item(), mirror.item()));
        Map<Side, Change.Upserted> seen = HashMap.of(originSide, source, mirrorSide, mirror);
        if (differing.isEmpty() || !settings.direction().writesTo(mirrorSide) || scope.excludes(source.item(), mirrorSide).isDefined())
            return List.of(new SyncAction.Update(link, List.empty(), seen, List.empty(), rule));   // aged out, kind off: left alone
        Either<String, CalendarItem> item = translateSeries(crossing(source.item(), mirrorSide), originSide, links);
        if (item.isLeft()) return List.of(new SyncAction.Skip(new ItemRef(mirrorSide, mirror.id()), item.getLeft(), true, rule));
        var patch = new SyncAction.Patch(mirrorSide, mirror.id(), mirror.version(), item.get(), differing);
        return List.of(new SyncAction.Update(link, List.of(patch), seen, List.empty(), rule));
    }

    /** A link for a pair found without one: no base yet, so the adoption compares the two items directly. */
    private static Link newLink(Side originSide, ExternalId originalId, ExternalId mirrorId, CalendarItem item,
                                Version originVersion, Version mirrorVersion) {
        return Link.between(item.kind(), originSide, originalId, originVersion, Fingerprints.NONE, mirrorId, mirrorVersion, Fingerprints.NONE);
    }


    // ---- R3 to R6: a linked pair

    private Seq<SyncAction> planLinked(Link link, Option<Change> crm, Option<Change> google, LinkIndex links) {
        boolean crmGone = crm.exists(c -> c instanceof Change.Removed);
        boolean googleGone = google.exists(c -> c instanceof Change.Removed);
        if (crmGone && googleGone) return List.of(new SyncAction.Unlink(link, "R5 deleted on both sides"));
        if (crmGone) return planRemoval(link, Side.CRM, (Change.Removed) crm.get(), upserted(google), links);
        if (googleGone) return planRemoval(link, Side.GOOGLE, (Change.Removed) google.get(), upserted(crm), links);
        return planEdit(link, upserted(crm), upserted(google), links);
    }

    private Seq<SyncAction> planRemoval(Link link, Side deleter, Change.Removed removed, Option<Change.Upserted> other,
                                        LinkIndex links) {
        Side otherSide = deleter.other();
        Version expected = other.map(Change.Upserted::version).getOrElse(link.version(otherSide));
        boolean editedThere = other.exists(o -> !changedFields(otherSide, link, o.item()).isEmpty());
        String rule = "R4 deleted on " + deleter;
        if (!editedThere) {
            if (settings.direction().writesTo(otherSide))
                return List.of(new SyncAction.Delete(link, otherSide, expected, List.empty(), rule));
            return restoreMirror(link, deleter, other, links, rule + "; one-way: the source still has it, the mirror is restored");
        }
        Change.Upserted edited = other.get();
        Side winner = deleteVsEditWinner(deleter, removed, edited);
        Conflict conflict = new Conflict(Conflict.DELETE_VS_EDIT, winner, conflictRule());
        if (winner == deleter) {
            if (settings.direction().writesTo(otherSide))
                return List.of(new SyncAction.Delete(link, otherSide, expected, List.of(conflict), rule + ", edited on " + otherSide));
            return List.of(new SyncAction.Unlink(link, rule + ", edited on " + otherSide + "; one-way: not carried back"));
        }
        // The edit wins: the deleted side gets the item back as a new mirror.
        if (!settings.direction().writesTo(deleter) || scope.excludes(edited.item(), deleter).isDefined())
            return List.of(new SyncAction.Unlink(link, rule + ", edited on " + otherSide + "; the edit stays, nothing to restore"));
        Either<String, CalendarItem> item = translateSeries(crossing(edited.item(), deleter), otherSide, links);
        if (item.isLeft()) return List.of(new SyncAction.Skip(new ItemRef(otherSide, edited.id()), item.getLeft(), true, rule));
        return List.of(new SyncAction.Create(deleter, edited, item.get(), IdempotencyKey.mirrorOf(otherSide, edited.id()),
                Option.some(link), List.of(conflict), rule + ", edited on " + otherSide + ": restored"));
    }

    /** One-way: a deleted mirror comes back from its source, which is still there. */
    private Seq<SyncAction> restoreMirror(Link link, Side mirrorSide, Option<Change.Upserted> source, LinkIndex links, String rule) {
        Side sourceSide = mirrorSide.other();
        if (source.isEmpty())   // not read this run: forget the pair and read the source again next run
            return List.of(new SyncAction.Unlink(link, rule),
                    new SyncAction.Skip(new ItemRef(sourceSide, link.id(sourceSide)), "its mirror was deleted; it is read again next run", true, rule));
        Change.Upserted original = source.get();
        if (scope.excludes(original.item(), mirrorSide).isDefined()) return List.of(new SyncAction.Unlink(link, rule + " (out of scope: unlinked)"));
        Either<String, CalendarItem> item = translateSeries(crossing(original.item(), mirrorSide), sourceSide, links);
        if (item.isLeft()) return List.of(new SyncAction.Skip(new ItemRef(sourceSide, original.id()), item.getLeft(), true, rule));
        return List.of(new SyncAction.Create(mirrorSide, original, item.get(), IdempotencyKey.mirrorOf(sourceSide, original.id()),
                Option.some(link), List.empty(), rule));
    }

    private Seq<SyncAction> planEdit(Link link, Option<Change.Upserted> crm, Option<Change.Upserted> google, LinkIndex links) {
        Set<Field> crmChanged = crm.map(c -> changedFields(Side.CRM, link, c.item())).getOrElse(LinkedHashSet.empty());
        Set<Field> googleChanged = google.map(g -> changedFields(Side.GOOGLE, link, g.item())).getOrElse(LinkedHashSet.empty());
        Map<Side, Change.Upserted> seen = HashMap.<Side, Change.Upserted>empty()
                .merge(crm.map(c -> HashMap.of(Side.CRM, c)).getOrElse(HashMap.empty()))
                .merge(google.map(g -> HashMap.of(Side.GOOGLE, g)).getOrElse(HashMap.empty()));
        if (crmChanged.isEmpty() && googleChanged.isEmpty()) {
            boolean versionMoved = crm.exists(c -> !c.version().equals(link.crmVersion()))
                    || google.exists(g -> !g.version().equals(link.googleVersion()));
            Seq<SyncAction> relink = versionMoved ? List.of(new SyncAction.Update(link, List.empty(), seen, List.empty(), "R3 unchanged content, new version"))
                    : List.empty();
            return settling ? settle(link, seen, links).getOrElse(relink) : relink;
        }

        Map<Side, Set<Field>> toWrite = HashMap.of(Side.CRM, LinkedHashSet.empty(), Side.GOOGLE, LinkedHashSet.empty());
        List<Conflict> conflicts = List.empty();
        for (Field field : Field.values()) {
            boolean onCrm = crmChanged.contains(field);
            boolean onGoogle = googleChanged.contains(field);
            if (!onCrm && !onGoogle) continue;
            Side winner;
            Side oneWaySource = oneWaySource();
            if (onCrm && onGoogle) {
                if (sameInConflict(field, Side.CRM, crm.get().item(), google.get().item())) continue;
                winner = editWinner(crm.get(), google.get());
                conflicts = conflicts.append(new Conflict(field.name(), winner, conflictRule()));
            } else if (oneWaySource != null) {
                // One-way: the source is the truth. A mirror edit is not carried back; the source's value is put back.
                winner = oneWaySource;
                if (!seen.containsKey(winner)) continue;
            } else {
                winner = onCrm ? Side.CRM : Side.GOOGLE;
            }
            Side loser = winner.other();
            if (!capabilities.holds(loser, link.kind(), field)) continue;   // that side cannot hold it: keep its own
            if (field == Field.STATUS && alreadyHolds(loser, seen)) continue;   // R14: keep the finer status
            toWrite = toWrite.put(loser, toWrite.get(loser).get().add(field));
        }
        Side mirrorSide = link.origin().other();
        if (settling && seen.containsKey(link.origin()) && seen.containsKey(mirrorSide) && settings.direction().writesTo(mirrorSide)) {
            // R9: a field neither side changed may still differ under the new settings (how private items land)
            CalendarItem original = seen.get(link.origin()).get().item();
            CalendarItem mirror = seen.get(mirrorSide).get().item();
            for (Field field : capabilities.held(link.origin(), link.kind()).intersect(capabilities.held(mirrorSide, link.kind())))
                if (!crmChanged.contains(field) && !googleChanged.contains(field) && !sameAcross(field, link.origin(), original, mirror))
                    toWrite = toWrite.put(mirrorSide, toWrite.get(mirrorSide).get().add(field));
        }

        List<SyncAction.Patch> patches = List.empty();
        List<SyncAction> after = List.empty();
        for (Side target : List.of(Side.GOOGLE, Side.CRM)) {
            Set<Field> fields = toWrite.get(target).get();
            if (fields.isEmpty()) continue;
            Side source = target.other();
            CalendarItem sourceItem = seen.get(source).get().item();
            Version expected = seen.get(target).map(Change.Upserted::version).getOrElse(link.version(target));
            Option<Scope.Exclusion> exclusion = scope.excludes(sourceItem, target);
            if (source == link.origin() && seen.containsKey(mirrorSide) && exclusion.exists(why -> why != Scope.Exclusion.BEFORE_HORIZON
                    && why != Scope.Exclusion.KIND_DISABLED)) {
                // An original out of scope whose mirror edit, carried back by this step, brings it in again (made
                // public) keeps its mirror, updated (law 10). Ageing out stays judged on the original as it is.
                CalendarItem carriedBack = sourceItem;
                for (Field f : toWrite.get(source).get())
                    carriedBack = carriedBack.withFieldOf(f, privacy.crossing(seen.get(mirrorSide).get().item(), source));
                if (scope.excludes(carriedBack, target).isEmpty()) exclusion = Option.none();
            }
            // a mirror that aged out (its copy of the date is older) does not hold back an original still in scope
            boolean onlyTheMirrorAgedOut = exclusion.contains(Scope.Exclusion.BEFORE_HORIZON) && source == mirrorSide
                    && seen.get(link.origin()).exists(o -> scope.excludes(o.item(), mirrorSide).isEmpty());
            if (exclusion.isDefined() && !onlyTheMirrorAgedOut) {
                Scope.Exclusion why = exclusion.get();
                ItemRef ref = new ItemRef(source, link.id(source));
                // Both out of scope: the mirror goes, its edit with it. Asked before "left alone": a mirror that aged
                // out (its copy of the date is older) still goes when its original left scope for good (law 10).
                Option<Scope.Exclusion> originalOut = target == link.origin()
                        ? seen.get(target).flatMap(o -> removingExclusion(o.item(), source)) : Option.none();
                if (originalOut.isDefined())
                    return List.of(new SyncAction.Delete(link, source, seen.get(source).get().version(), conflicts,
                            "R6 the original is out of scope (" + originalOut.get().reason + "): mirror removed, its edit not carried back"));
                if (why == Scope.Exclusion.BEFORE_HORIZON || why == Scope.Exclusion.KIND_DISABLED)
                    return List.of(new SyncAction.Skip(ref, why.reason + ": left alone", false, "R6 out of scope"));
                if (target == link.origin()) {
                    if (seen.containsKey(target) && settings.direction().writesTo(source))   // the mirror shows its original again
                        return bringInLine(link, seen, links, "R6 the mirror left scope (" + why.reason + "): not carried to the original, its values put back");
                    return List.of(new SyncAction.Skip(ref, "the mirror left scope (" + why.reason + "): not carried to the original", false, "R6 mirror left scope"));
                }
                after = after.append(new SyncAction.Delete(link, target, expected, conflicts, "R6 the original left scope (" + why.reason + "): mirror removed"));
                continue;
            }
            Either<String, CalendarItem> item = translateSeries(crossing(sourceItem, target), source, links);
            if (item.isLeft()) return List.of(new SyncAction.Skip(new ItemRef(source, link.id(source)), item.getLeft(), true, "R3"));
            patches = patches.append(new SyncAction.Patch(target, link.id(target), expected, item.get(), fields));
        }
        Option<CalendarItem> originalAfter = originalAfter(link, seen, patches);
        if (after.isEmpty() && originalAfter.isDefined()) {
            // R6 seen from the original, as it will be after this step: an edit of its mirror does not keep it in scope
            Option<Scope.Exclusion> out = removingExclusion(originalAfter.get(), mirrorSide);
            if (out.isDefined()) {
                patches = patches.filter(p -> p.target() != mirrorSide);
                Version expected = seen.get(mirrorSide).map(Change.Upserted::version).getOrElse(link.version(mirrorSide));
                after = after.append(new SyncAction.Delete(link, mirrorSide, expected, conflicts,
                        "R6 the original is out of scope (" + out.get().reason + "): mirror removed"));
            }
        }
        if (!after.isEmpty() && patches.isEmpty()) return after;
        String rule = conflicts.isEmpty() ? "R3 changed on " + changedSides(crmChanged, googleChanged) : "R3 conflict on " + conflicts.map(Conflict::subject).mkString(",");
        return List.<SyncAction>of(new SyncAction.Update(link, patches, seen, conflicts, rule)).appendAll(after);
    }

    /**
     * The original as it will be once this step's patches reach it. Read this run: its own values with the patched
     * fields replaced. Not read (only its mirror changed, so its feed did not list it): the patch carries the mirror's
     * whole item as it lands on the original's side, and the fields it does not patch were unchanged on both sides
     * since they last agreed, so that item stands in for it. A mirror edited private where private items may only go
     * the other way (PrivateEvents ONLY_TO_GOOGLE, a Google original) makes its original private: the mirror must go,
     * as a fresh sync would decide; skipping this check when the original was not read left the private mirror in
     * the CRM for good (law 10). None: the original is neither read nor patched, so this step does not change it.
     */
    private static Option<CalendarItem> originalAfter(Link link, Map<Side, Change.Upserted> seen, Seq<SyncAction.Patch> patches) {
        Seq<SyncAction.Patch> toOriginal = patches.filter(p -> p.target() == link.origin());
        Option<CalendarItem> before = seen.get(link.origin()).map(Change.Upserted::item).orElse(toOriginal.headOption().map(SyncAction.Patch::item));
        return before.map(item -> {
            CalendarItem after = item;
            for (SyncAction.Patch p : toOriginal)
                for (Field f : p.fields()) after = after.withFieldOf(f, p.item());
            return after;
        });
    }

    // ---- R9: a pair neither side changed, after a settings change

    /** The pair as an adoption would leave it under the current settings; None when nothing needs doing. */
    private Option<Seq<SyncAction>> settle(Link link, Map<Side, Change.Upserted> seen, LinkIndex links) {
        Side originSide = link.origin();
        Side mirrorSide = originSide.other();
        Option<Change.Upserted> original = seen.get(originSide);
        Option<Change.Upserted> mirror = seen.get(mirrorSide);
        if (original.isEmpty() || mirror.isEmpty() || !settings.direction().writesTo(mirrorSide)) return Option.none();
        Option<Scope.Exclusion> exclusion = removingExclusion(original.get().item(), mirrorSide);
        if (exclusion.isDefined())
            return Option.some(List.of(new SyncAction.Delete(link, mirrorSide, mirror.get().version(), List.empty(),
                    "R9 settings changed; R6 the original left scope (" + exclusion.get().reason + "): mirror removed")));
        if (scope.excludes(original.get().item(), mirrorSide).isDefined()) return Option.none();   // aged out or kind off: left alone
        Seq<SyncAction> inLine = bringInLine(link, seen, links, "R9 settings changed: mirror brought in line");
        return inLine.exists(a -> a instanceof SyncAction.Update u && u.patches().isEmpty()) ? Option.none() : Option.some(inLine);
    }

    /** The mirror given its original's values where they differ on fields both sides hold; both ends are in {@code seen}. */
    private Seq<SyncAction> bringInLine(Link link, Map<Side, Change.Upserted> seen, LinkIndex links, String rule) {
        Side originSide = link.origin();
        Side mirrorSide = originSide.other();
        Change.Upserted original = seen.get(originSide).get();
        Change.Upserted mirror = seen.get(mirrorSide).get();
        Set<Field> differing = capabilities.held(originSide, link.kind()).intersect(capabilities.held(mirrorSide, link.kind()))
                .filter(f -> !sameAcross(f, originSide, original.item(), mirror.item()));
        if (differing.isEmpty()) return List.of(new SyncAction.Update(link, List.empty(), seen, List.empty(), rule));
        Either<String, CalendarItem> item = translateSeries(crossing(original.item(), mirrorSide), originSide, links);
        if (item.isLeft()) return List.of(new SyncAction.Skip(new ItemRef(originSide, original.id()), item.getLeft(), true, rule));
        var patch = new SyncAction.Patch(mirrorSide, mirror.id(), mirror.version(), item.get(), differing);
        return List.of(new SyncAction.Update(link, List.of(patch), seen, List.empty(), rule));
    }

    /**
     * Why the mirror of this original must go (R6), if it must: the original may not cross to the mirror's side and
     * the direction writes there. Ageing out of the horizon and a kind switched off leave mirrors alone.
     */
    private Option<Scope.Exclusion> removingExclusion(CalendarItem original, Side mirrorSide) {
        if (!settings.direction().writesTo(mirrorSide)) return Option.none();
        return scope.excludes(original, mirrorSide)
                .filter(why -> why != Scope.Exclusion.BEFORE_HORIZON && why != Scope.Exclusion.KIND_DISABLED);
    }

    /**
     * R14: does {@code target} already hold the status the other side has now? The CRM keeps a finer status whose
     * coarse form is Google's; Google is not written a status whose coarse form it holds (as seen in this run).
     */
    private static boolean alreadyHolds(Side target, Map<Side, Change.Upserted> seen) {
        Option<CalendarItem> source = seen.get(target.other()).map(Change.Upserted::item);
        if (source.isEmpty()) return false;
        Option<CalendarItem> there = seen.get(target).map(Change.Upserted::item);
        if (target == Side.CRM) return there.exists(crm -> ItemStatus.sameAcross(crm.status(), source.get().status()));
        return there.exists(google -> ItemStatus.sameAcross(source.get().status(), google.status()));
    }

    /** How an item looks on the other side: privacy's landing rule, and (R14) an undated task takes its stand-in date. */
    private CalendarItem crossing(CalendarItem item, Side to) {
        CalendarItem landed = privacy.crossing(item, to);
        if (to == Side.CRM && landed.timing() instanceof Timing.Due due && due.placeholder()) return landed.withTiming(due.dated());
        return landed;
    }

    private static String changedSides(Set<Field> crm, Set<Field> google) {
        return crm.isEmpty() ? "GOOGLE" : google.isEmpty() ? "CRM" : "both sides";
    }

    private Set<Field> changedFields(Side side, Link link, CalendarItem now) {
        Fingerprints base = link.base(side);
        Fingerprints theirs = link.base(side.other());
        return LinkedHashSet.ofAll(List.of(Field.values()))
                .filter(f -> capabilities.holds(side, now.kind(), f) && changedSince(base, theirs, f, now));
    }

    /**
     * A field this side did not hold at the last sync (its adapter changed, e.g. vtiger over the webservice, then over
     * the database, which also keeps attendees) is changed only if it differs from what the other side held then:
     * a switch of transport must not push every newly held field across.
     */
    private static boolean changedSince(Fingerprints mine, Fingerprints theirs, Field field, CalendarItem now) {
        if (mine.byField().isEmpty() || mine.byField().containsKey(field)) return mine.changed(field, now);
        return theirs.changed(field, now);
    }

    /**
     * Equal values, seen from the CRM: a private Google item that landed public is the same item; R14: a CRM status
     * Google holds as its coarse form is the same status, and an undated Google task is the same as the CRM's date.
     */
    private boolean sameAcross(Field field, Side sideOfFirst, CalendarItem first, CalendarItem second) {
        CalendarItem googleItem = sideOfFirst == Side.CRM ? second : first;
        return (field == Field.TIMING && googleItem.undated()) || sameInConflict(field, sideOfFirst, first, second);
    }

    /** As {@link #sameAcross}, except that a CRM date edited while Google dropped its date is a real difference. */
    private boolean sameInConflict(Field field, Side sideOfFirst, CalendarItem first, CalendarItem second) {
        CalendarItem crmItem = sideOfFirst == Side.CRM ? first : second;
        CalendarItem googleItem = sideOfFirst == Side.CRM ? second : first;
        if (field == Field.STATUS && ItemStatus.sameAcross(crmItem.status(), googleItem.status())) return true;
        return crmItem.canonical(field).equals(googleItem.canonical(field))
                || crmItem.canonical(field).equals(privacy.crossing(googleItem, Side.CRM).canonical(field));
    }

    private Side editWinner(Change.Upserted crm, Change.Upserted google) {
        Side oneWaySource = oneWaySource();
        if (oneWaySource != null) return oneWaySource;
        return switch (settings.conflictPolicy()) {
            case CRM_WINS -> Side.CRM;
            case GOOGLE_WINS -> Side.GOOGLE;
            case MOST_RECENT_WINS -> google.modified().isAfter(crm.modified()) ? Side.GOOGLE : Side.CRM;
        };
    }

    /** Under MOST_RECENT_WINS a deletion whose time is unknown loses to the edit: nothing is lost that way. */
    private Side deleteVsEditWinner(Side deleter, Change.Removed removed, Change.Upserted edited) {
        Side oneWaySource = oneWaySource();
        if (oneWaySource != null) return oneWaySource;
        return switch (settings.conflictPolicy()) {
            case CRM_WINS -> Side.CRM;
            case GOOGLE_WINS -> Side.GOOGLE;
            case MOST_RECENT_WINS -> removed.when()
                    .map(when -> when.isAfter(edited.modified()) || (when.equals(edited.modified()) && deleter == Side.CRM) ? deleter : deleter.other())
                    .getOrElse(deleter.other());
        };
    }

    private Side oneWaySource() {
        return settings.direction() == SyncDirection.CRM_TO_GOOGLE ? Side.CRM
                : settings.direction() == SyncDirection.GOOGLE_TO_CRM ? Side.GOOGLE : null;
    }

    private String conflictRule() {
        Side source = oneWaySource();
        return source != null ? "one-way: " + source + " is the source" : settings.conflictPolicy().name();
    }

    /** An occurrence names its series by the source side's id; the copy must name the target side's. */
    private static Either<String, CalendarItem> translateSeries(CalendarItem item, Side source, LinkIndex links) {
        if (item.series().isEmpty()) return Either.right(item);
        SeriesOrigin origin = item.series().get();
        return links.find(source, origin.series())
                .map(l -> item.withSeries(Option.some(new SeriesOrigin(l.id(source.other()), origin.originalStart()))))
                .toEither(() -> "its recurring series " + origin.series() + " is not synced yet");
    }

    private static Option<Change.Upserted> upserted(Option<Change> change) {
        return change.filter(c -> c instanceof Change.Upserted).map(c -> (Change.Upserted) c);
    }

    /** The last entry per id wins (feeds may list an item twice across pages); ordered by id for determinism. */
    private static Map<ExternalId, Change> latest(Seq<Change> changes) {
        return TreeMap.ofEntries(changes.map(c -> Tuple.of(c.id(), c)));
    }
}
