package dev.gsync.core.run;

import java.util.Objects;

/**
 * How one run behaves.
 *
 * @param dryRun            plan only: nothing is written, no cursor moves
 * @param confirmMassDelete carry out a plan even if it deletes more than the settings' share of linked items (a blank
 *                          cheque, for embedders and tests; people decide on a held deletion with {@code decision})
 * @param massDeleteFloor   plans deleting fewer items than this are never refused (small calendars)
 * @param maxPages          a change feed longer than this many pages is reported as a fault, not read forever
 * @param decision          what the user decided about the deletion held back for them (rule R12)
 */
public record RunOptions(boolean dryRun, boolean confirmMassDelete, int massDeleteFloor, int maxPages, HeldDecision decision) {
    public static final RunOptions DEFAULT = new RunOptions(false, false, 5, 10_000, HeldDecision.NONE);

    /** The user's answer to a held deletion. */
    public enum HeldDecision {
        /** No decision: held deletions stay held, everything else is synced. */
        NONE,
        /** Carry out exactly the held deletions still planned; anything else the plan deletes is judged as usual. */
        CONFIRM,
        /** Do not delete: the deleted originals are restored from their mirrors, which stay. */
        DISCARD
    }

    public RunOptions {
        Objects.requireNonNull(decision, "decision");
    }

    public RunOptions(boolean dryRun, boolean confirmMassDelete, int massDeleteFloor, int maxPages) {
        this(dryRun, confirmMassDelete, massDeleteFloor, maxPages, HeldDecision.NONE);
    }

    public RunOptions withDryRun(boolean v) { return new RunOptions(v, confirmMassDelete, massDeleteFloor, maxPages, decision); }
    public RunOptions withConfirmMassDelete(boolean v) { return new RunOptions(dryRun, v, massDeleteFloor, maxPages, decision); }
    public RunOptions withMassDeleteFloor(int v) { return new RunOptions(dryRun, confirmMassDelete, v, maxPages, decision); }
    public RunOptions with(HeldDecision v) { return new RunOptions(dryRun, confirmMassDelete, massDeleteFloor, maxPages, v); }
}
