package dev.gsync.core.model;

/**
 * Event and task statuses in one type, as fine as the CRM keeps them. Google holds fewer: {@link #coarse()} is the
 * value Google can hold for each (the status table is in docs/architecture.md, rule R14).
 * <pre>
 *   CRM (vtiger)     core          Google
 *   Planned          CONFIRMED     event status "confirmed"
 *   Held             HELD          "confirmed"                  (coarse CONFIRMED: Google cannot say "took place")
 *   Not Held         CANCELLED     "confirmed", title prefixed "Not held: " (D28; Google "cancelled" is a deletion)
 *   (Planned)        TENTATIVE     "tentative"                  (vtiger cannot hold it: stored as Planned)
 *   Not Started      OPEN          task "needsAction"
 *   In Progress      IN_PROGRESS   "needsAction"
 *   Pending Input    PENDING_INPUT "needsAction"
 *   Deferred         DEFERRED      "needsAction"
 *   Planned          PLANNED       "needsAction"
 *   Completed        COMPLETED     "completed"
 * </pre>
 */
public enum ItemStatus {
    CONFIRMED, TENTATIVE, CANCELLED, HELD,
    OPEN, IN_PROGRESS, PENDING_INPUT, DEFERRED, PLANNED, COMPLETED;

    public boolean fits(ItemKind kind) {
        return switch (this) {
            case CONFIRMED, TENTATIVE, CANCELLED, HELD -> kind == ItemKind.EVENT;
            case OPEN, IN_PROGRESS, PENDING_INPUT, DEFERRED, PLANNED, COMPLETED -> kind == ItemKind.TASK;
        };
    }

    /** The value Google can hold for this status: the CRM's finer ones fold into Google's. */
    public ItemStatus coarse() {
        return switch (this) {
            case HELD -> CONFIRMED;
            case IN_PROGRESS, PENDING_INPUT, DEFERRED, PLANNED -> OPEN;
            case CONFIRMED, TENTATIVE, CANCELLED, OPEN, COMPLETED -> this;
        };
    }

    /**
     * R14: does the CRM's {@code crm} already say what Google's {@code google} says? True when both fold to the same
     * coarse value: the CRM's finer status stays.
     */
    public static boolean sameAcross(ItemStatus crm, ItemStatus google) {
        return crm.coarse() == google.coarse();
    }

    public static ItemStatus defaultFor(ItemKind kind) {
        return kind == ItemKind.EVENT ? CONFIRMED : OPEN;
    }
}
