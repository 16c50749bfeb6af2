package dev.gsync.core.memory;

import dev.gsync.core.model.UserId;
import dev.gsync.core.port.UserStatus;
import dev.gsync.core.port.UserStatusStore;
import io.vavr.collection.SortedMap;
import io.vavr.collection.TreeMap;
import io.vavr.control.Option;

import java.util.function.UnaryOperator;

/** Per-user status in memory: for tests and short-lived embedded use. Updates are atomic per store. */
public final class InMemoryUserStatusStore implements UserStatusStore {
    private SortedMap<UserId, UserStatus> statuses = TreeMap.empty();

    @Override
    public synchronized Option<UserStatus> status(UserId user) {
        return statuses.get(user);
    }

    @Override
    public synchronized SortedMap<UserId, UserStatus> statuses() {
        return statuses;
    }

    @Override
    public synchronized UserStatus update(UserId user, UnaryOperator<UserStatus> change) {
        UserStatus next = change.apply(statuses.get(user).getOrElse(UserStatus.NEVER_RUN));
        statuses = statuses.put(user, next);
        return next;
    }
}
