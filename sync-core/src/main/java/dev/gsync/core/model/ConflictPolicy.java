package dev.gsync.core.model;

/** Who prevails when the same field (or delete vs. edit) changed on both sides since the last sync. */
public enum ConflictPolicy {
    CRM_WINS, GOOGLE_WINS,
    /** The side whose item was modified later; a tie goes to the CRM, the system of record. */
    MOST_RECENT_WINS
}
