package dev.gsync.vtiger.mapping;

/**
 * What to do with characters outside the Basic Multilingual Plane (emoji and the like). vtiger's tables are utf8mb3:
 * it stores each such character as "????" without any error, so passing them on silently loses them.
 */
public enum NonBmpPolicy {
    /** Write U+FFFD (a BMP character) in their place and report it; the stored item says so, so nothing flips back. */
    REPLACE,
    /** Refuse the write as CalendarFailure.Rejected. */
    REJECT,
    /** Pass them on: only for installations whose tables were converted to utf8mb4. */
    KEEP
}
