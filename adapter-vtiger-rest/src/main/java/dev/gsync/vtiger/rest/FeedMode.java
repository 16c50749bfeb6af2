package dev.gsync.vtiger.rest;

/** How the change feed is read; detected once per adapter instance. */
public enum FeedMode {
    /** The webservice {@code sync} operation: modified and deleted records since a second. */
    SYNC,
    /** {@code query} ordered by modifiedtime (sync is broken); deletions only through the check of linked ids. */
    QUERY
}
