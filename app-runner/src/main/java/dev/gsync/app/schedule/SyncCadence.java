package dev.gsync.app.schedule;

import dev.gsync.core.model.UserId;

import java.time.Duration;

/** When a user's scheduled wake-up runs a full sync, and when the next wake-up is. */
public interface SyncCadence {
    /** Called at a wake-up; may read cheaply (the CRM feed) to decide. False: nothing to do, see you later. */
    boolean fullSyncNow(UserId user);

    /** Time from now to the user's next wake-up. */
    Duration untilNextCheck(UserId user);

    /** The full sync failed: the next wake-up should sync fully again (the failure handler decides when). */
    default void failed(UserId user) {}

    /** Today's behaviour: a full sync every interval. */
    static SyncCadence every(Duration interval) {
        return new SyncCadence() {
            @Override public boolean fullSyncNow(UserId user) { return true; }
            @Override public Duration untilNextCheck(UserId user) { return interval; }
        };
    }
}
