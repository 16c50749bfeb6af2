package dev.gsync.core.run;

/**
 * How one run behaves.
 *
 * @param dryRun            plan only: nothing is written, no cursor moves
 * @param confirmMassDelete carry out a plan even if it deletes more than the settings' share of linked items
 * @param massDeleteFloor   plans deleting fewer items than this are never refused (small calendars)
 * @param maxPages          a change feed longer than this many pages is reported as a fault, not read forever
 */
public record RunOptions(boolean dryRun, boolean confirmMassDelete, int massDeleteFloor, int maxPages) {
    public static final RunOptions DEFAULT = new RunOptions(false, false, 5, 10_000);

    public RunOptions withDryRun(boolean v) { return new RunOptions(v, confirmMassDelete, massDeleteFloor, maxPages); }
    public RunOptions withConfirmMassDelete(boolean v) { return new RunOptions(dryRun, v, massDeleteFloor, maxPages); }
    public RunOptions withMassDeleteFloor(int v) { return new RunOptions(dryRun, confirmMassDelete, v, maxPages); }
}
