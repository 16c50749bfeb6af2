package dev.gsync.google;

import com.google.api.client.auth.oauth2.TokenResponseException;
import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.HttpResponseException;
import dev.gsync.core.model.ExternalId;
import dev.gsync.core.port.CalendarFailure;

import java.io.IOException;

/**
 * One failed Google call, reduced to what decides the next step: the HTTP status (0 when no answer arrived), Google's
 * {@code errors[0].reason}, and whether the OAuth grant itself is gone. Messages never carry tokens.
 */
record CallError(int code, String reason, String message, boolean grantRevoked, java.util.Optional<java.time.Duration> retryAfter) {

    CallError(int code, String reason, String message, boolean grantRevoked) {
        this(code, reason, message, grantRevoked, java.util.Optional.empty());
    }

    /** The same error with Google's Retry-After header (seconds, or an HTTP date), when it sent one. */
    CallError withRetryAfter(com.google.api.client.http.HttpHeaders headers, java.time.Instant now) {
        if (headers == null || headers.getRetryAfter() == null) return this;
        return new CallError(code, reason, message, grantRevoked, parseRetryAfter(headers.getRetryAfter(), now));
    }

    static java.util.Optional<java.time.Duration> parseRetryAfter(String value, java.time.Instant now) {
        String v = value.strip();
        try {
            return java.util.Optional.of(java.time.Duration.ofSeconds(Long.parseLong(v)));
        } catch (NumberFormatException notSeconds) {
            try {
                java.time.Instant at = java.time.ZonedDateTime.parse(v, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return java.util.Optional.of(at.isAfter(now) ? java.time.Duration.between(now, at) : java.time.Duration.ZERO);
            } catch (java.time.format.DateTimeParseException neither) {
                return java.util.Optional.empty();
            }
        }
    }

    /** A refusal for rate that names the project's limit rather than the user's. */
    boolean isProjectRate() {
        return code == 403 && reason.equals("rateLimitExceeded");
    }

    static CallError of(GoogleJsonError error) {
        String reason = error.getErrors() == null || error.getErrors().isEmpty() ? "" : nonNull(error.getErrors().get(0).getReason());
        return new CallError(error.getCode(), reason, nonNull(error.getMessage()), false);
    }

    static CallError of(Throwable e) {
        if (e instanceof TokenResponseException token) {
            String error = token.getDetails() == null ? "" : nonNull(token.getDetails().getError());
            return new CallError(token.getStatusCode(), error, "token refresh failed: " + error, "invalid_grant".equals(error));
        }
        if (e instanceof GoogleJsonResponseException json && json.getDetails() != null) {
            CallError parsed = of(json.getDetails());
            return new CallError(json.getStatusCode(), parsed.reason, parsed.message, false).withRetryAfter(json.getHeaders(), java.time.Instant.now());
        }
        if (e instanceof HttpResponseException http)
            return new CallError(http.getStatusCode(), "", nonNull(http.getStatusMessage()), false).withRetryAfter(http.getHeaders(), java.time.Instant.now());
        if (e instanceof IOException) return new CallError(0, "network", e.getClass().getSimpleName() + ": " + nonNull(e.getMessage()), false);
        return new CallError(0, "bug", e.toString(), false);
    }

    /** Rate limits (403 or 429 alike), server errors and lost connections: worth the same call again after a pause. */
    boolean isTransient() {
        if (grantRevoked || "bug".equals(reason)) return false;
        return code == 0 || isQuota() || code >= 500;
    }

    boolean isQuota() {
        return code == 429 || (code == 403 && (reason.equals("rateLimitExceeded") || reason.equals("userRateLimitExceeded") || reason.equals("quotaExceeded")));
    }

    boolean isAuthorization() {
        return grantRevoked || code == 401 || (code == 403 && reason.equals("insufficientPermissions"))
                || (code == 400 && reason.equals("invalid_grant"));
    }

    /** The failure to hand the core when nothing more specific applies (or retries ran out). */
    CalendarFailure toFailure(ExternalId id) {
        if (isAuthorization()) return new CalendarFailure.AuthorizationRequired(grantRevoked || reason.equals("invalid_grant")
                ? "the Google grant was revoked or has expired (invalid_grant): the user must link their Google account again"
                : "Google refused the credentials (" + code + " " + reason + "): the user must link their Google account again");
        if (isQuota()) return new CalendarFailure.QuotaExceeded(describe());
        if (isTransient()) return new CalendarFailure.Unavailable(describe());
        if (code == 404 && id != null) return new CalendarFailure.NotFound(id);
        if (code == 412 && id != null) return new CalendarFailure.Stale(id);
        return new CalendarFailure.Rejected(describe());
    }

    String describe() {
        return (code == 0 ? "no answer" : "HTTP " + code) + (reason.isEmpty() ? "" : " " + reason) + (message.isEmpty() ? "" : ": " + message);
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
