package dev.gsync.app.push;

/** How gsync learns about a user's Google changes; the status pages show it with its reason. */
public enum SyncMode {
    /** Google announces changes on a confirmed channel for every synced calendar; polling only as a slow safety net. */
    PUSH,
    /** Channels were asked for, Google's first ("sync") message has not arrived yet: polling as usual meanwhile. */
    PUSH_PENDING,
    /** Polling at scheduler.interval: push is off, impossible (no public https web.baseUrl) or failed. */
    POLLING
}
