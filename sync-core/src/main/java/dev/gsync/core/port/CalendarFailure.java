package dev.gsync.core.port;

import dev.gsync.core.model.ExternalId;

/**
 * Problems of normal operation, returned as values. Each says whether trying again later can help.
 */
public sealed interface CalendarFailure {
    String describe();

    /** Whether a later run may succeed with the same input. */
    boolean retryable();

    /** The cursor is no longer accepted (Google's 410): the caller starts over with a full listing. */
    record CursorExpired(String detail) implements CalendarFailure {
        public String describe() { return "cursor expired: " + detail; }
        public boolean retryable() { return true; }
    }

    /** The item changed since the version we hold (Google's 412, a newer CRM modified time): re-read and re-plan. */
    record Stale(ExternalId id) implements CalendarFailure {
        public String describe() { return "changed meanwhile: " + id; }
        public boolean retryable() { return true; }
    }

    /** The item does not exist (any more). */
    record NotFound(ExternalId id) implements CalendarFailure {
        public String describe() { return "not found: " + id; }
        public boolean retryable() { return false; }
    }

    /** The other side refuses this item as it is (bad data, too long, not allowed): retrying the same will not help. */
    record Rejected(String reason) implements CalendarFailure {
        public String describe() { return "rejected: " + reason; }
        public boolean retryable() { return false; }
    }

    /** Quota or rate limit still exceeded after the adapter's own bounded retries. */
    record QuotaExceeded(String detail) implements CalendarFailure {
        public String describe() { return "quota exceeded: " + detail; }
        public boolean retryable() { return true; }
    }

    /** The user's grant is revoked or expired: they must link their account again; other users go on. */
    record AuthorizationRequired(String detail) implements CalendarFailure {
        public String describe() { return "re-authorisation required: " + detail; }
        public boolean retryable() { return false; }
    }

    /** Network, server error, timeouts, after the adapter's own bounded retries. */
    record Unavailable(String detail) implements CalendarFailure {
        public String describe() { return "unavailable: " + detail; }
        public boolean retryable() { return true; }
    }
}
