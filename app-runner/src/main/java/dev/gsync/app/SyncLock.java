package dev.gsync.app;

import dev.gsync.core.model.UserId;
import io.vavr.control.Option;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One user is synced by one run at a time, whoever started it (the scheduler of any {@code gsync serve}, a
 * {@code gsync sync} by hand, a button on a page). The runner uses {@code db.DatabaseSyncLock}, shared by every
 * process on gsync's database.
 */
public interface SyncLock {

    /** The user's lock, or none right away when another run holds it. Closing it lets the next run in. */
    Option<Held> tryLock(UserId user);

    interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /** A lock for one process only: for embedders with a single runner, and for tests. */
    static SyncLock inProcess() {
        Set<UserId> busy = ConcurrentHashMap.newKeySet();
        return user -> busy.add(user) ? Option.some(() -> busy.remove(user)) : Option.none();
    }
}
