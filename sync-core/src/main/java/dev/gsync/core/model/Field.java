package dev.gsync.core.model;

/**
 * The fields gsync merges one by one. A side may not hold every field for every kind (Google Tasks keeps no due
 * time, no location): such a field is never read from that side and never overwrites the other side's value.
 */
public enum Field {
    TITLE, DESCRIPTION, LOCATION,
    /** Start and end, or the due date of a task. */
    TIMING,
    /** The time of day a task is due; kept apart from TIMING because Google Tasks cannot hold it. */
    DUE_TIME,
    VISIBILITY, STATUS, RECURRENCE, REMINDERS, ATTENDEES
}
