package dev.gsync.app;

import dev.gsync.core.model.UserId;
import io.vavr.control.Either;

import java.net.URI;

/**
 * Linking a user's Google account through the OAuth authorization-code flow with PKCE. The adapter makes the
 * {@code state} (bound to the user, single use, expiring) and the PKCE verifier, and keeps the tokens.
 */
public interface GoogleAccounts {
    /** Where to send the user's browser to give consent. Left: the OAuth client is not configured. */
    Either<String, URI> consentUrl(UserId user);

    /** Finishes a consent from the callback's state and code. Left: why it failed, plainly. */
    Either<String, UserId> complete(String state, String code);

    boolean isLinked(UserId user);

    /** Forgets the user's tokens. */
    void unlink(UserId user);

    /** The calendars on the user's Google list, with their access role and colour. Left: not linked, or unreadable. */
    default Either<String, io.vavr.collection.Seq<dev.gsync.google.GoogleCalendarDirectory.Entry>> calendarsOf(UserId user) {
        return Either.left("the calendar list is not available");
    }

    /** The user's Google Tasks lists. Left: not linked, or unreadable. */
    default Either<String, io.vavr.collection.Seq<dev.gsync.google.GoogleCalendarDirectory.TaskListEntry>> taskListsOf(UserId user) {
        return Either.left("the task lists are not available");
    }
}
