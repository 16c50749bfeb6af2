package dev.gsync.core.port;

import dev.gsync.core.model.UserId;
import io.vavr.collection.SortedMap;
import io.vavr.control.Option;

import java.util.function.UnaryOperator;

/**
 * Per-user sync status: when the last run finished, its counts and error, and whether the user must authorise
 * Google again. Shared by every runner instance, so any of them shows the same status.
 */
public interface UserStatusStore {
    Option<UserStatus> status(UserId user);

    SortedMap<UserId, UserStatus> statuses();

    /**
     * Applies {@code change} to the stored status (or {@link UserStatus#NEVER_RUN}) and stores the result, atomically:
     * the runner recording a run and the web page clearing a re-authorisation never undo each other.
     */
    UserStatus update(UserId user, UnaryOperator<UserStatus> change);
}
