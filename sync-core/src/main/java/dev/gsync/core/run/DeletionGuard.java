package dev.gsync.core.run;

import dev.gsync.core.plan.SyncAction;
import dev.gsync.core.port.HeldDeletion;
import dev.gsync.core.port.ItemRef;
import io.vavr.collection.LinkedHashSet;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.Set;
import io.vavr.control.Option;

import java.util.Locale;

/**
 * Rule R12: a plan that deletes more than the user's share of linked items is not carried out as it stands (a side that
 * suddenly looks empty is usually a fault, not a wish). Its deletions are held back for the user to decide on;
 * everything else in the plan goes ahead. A confirmation covers exactly the deletions that were held: any other
 * deletion of the plan is judged here as usual.
 */
final class DeletionGuard {
    static final String RULE = "R12 held mass deletion";

    private final double maxShare;
    private final int floor;

    DeletionGuard(double maxShare, int floor) {
        this.maxShare = maxShare;
        this.floor = floor;
    }

    /**
     * What may be carried out of a plan.
     *
     * @param withheld   deletions not to carry out now (the item that would be deleted)
     * @param stillHeld  deletions that were held before and stay held
     * @param newlyHeld  deletions this plan adds to the held ones
     * @param reason     why deletions are held, when some are
     */
    record Verdict(Set<ItemRef> withheld, Seq<HeldDeletion.Item> stillHeld, Seq<SyncAction.Delete> newlyHeld,
                   Option<String> reason, Seq<String> notes) {
        boolean holds() {
            return !withheld.isEmpty();
        }
    }

    static ItemRef doomed(SyncAction.Delete delete) {
        return new ItemRef(delete.target(), delete.id());
    }

    Verdict judge(Seq<SyncAction.Delete> deletes, int linked, Option<HeldDeletion> held, RunOptions.HeldDecision decision,
                  boolean blankCheque) {
        Set<ItemRef> planned = deletes.map(DeletionGuard::doomed).toLinkedSet();
        Seq<HeldDeletion.Item> heldItems = held.map(HeldDeletion::items).getOrElse(List.empty());
        Set<ItemRef> heldRefs = heldItems.map(HeldDeletion.Item::doomed).toLinkedSet();
        Seq<HeldDeletion.Item> heldPlanned = heldItems.filter(i -> planned.contains(i.doomed()));
        int noLonger = heldItems.size() - heldPlanned.size();
        Seq<SyncAction.Delete> fresh = deletes.filter(d -> !heldRefs.contains(doomed(d)));
        boolean trips = !blankCheque && fresh.size() >= floor && fresh.size() > maxShare * linked;

        List<String> notes = List.empty();
        boolean confirming = decision == RunOptions.HeldDecision.CONFIRM;
        if (confirming && held.isEmpty()) notes = notes.append("no deletion was held: nothing to confirm");
        if (confirming && held.isDefined())
            notes = notes.append("held deletion confirmed: " + heldPlanned.size() + " of " + heldItems.size() + " carried out");
        if (noLonger > 0)
            notes = notes.append(noLonger + " held deletion(s) no longer planned (the item came back or changed): "
                    + (confirming ? "not deleted" : "no longer held"));
        if (trips && held.isDefined())
            notes = notes.append("the plan changed since the deletion was held: " + fresh.size() + " further deletion(s) are held for a new decision");

        Seq<HeldDeletion.Item> stillHeld = confirming || blankCheque ? List.empty() : heldPlanned;
        Seq<SyncAction.Delete> newlyHeld = trips ? fresh : List.empty();
        Set<ItemRef> withheld = LinkedHashSet.ofAll(stillHeld.map(HeldDeletion.Item::doomed)).addAll(newlyHeld.map(DeletionGuard::doomed));
        Option<String> reason = trips
                ? Option.some(String.format(Locale.ROOT, "the plan deletes %d of %d linked items, more than the allowed share of %.0f%%; "
                + "these deletions are held until they are confirmed or discarded, everything else was synced", fresh.size(), linked, maxShare * 100))
                : stillHeld.isEmpty() ? Option.none() : held.map(HeldDeletion::reason);
        return new Verdict(withheld, stillHeld, newlyHeld, reason, notes);
    }
}
