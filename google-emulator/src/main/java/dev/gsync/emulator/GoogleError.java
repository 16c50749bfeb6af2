package dev.gsync.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.Map;

/** An error answer in Google's JSON envelope; handlers throw it, the gateway renders it. */
final class GoogleError extends RuntimeException {
    final int status;
    final String reason;
    final String domain;
    final String location;
    final String locationType;
    final Map<String, String> headers = new LinkedHashMap<>();

    GoogleError(int status, String domain, String reason, String message, String locationType, String location) {
        super(message, null, false, false);
        this.status = status;
        this.domain = domain;
        this.reason = reason;
        this.locationType = locationType;
        this.location = location;
    }

    GoogleError header(String name, String value) { headers.put(name, value); return this; }

    static GoogleError notFound() { return new GoogleError(404, "global", "notFound", "Not Found", null, null); }
    static GoogleError invalid(String message) { return new GoogleError(400, "global", "invalid", message, null, null); }
    static GoogleError invalidParameter(String parameter, String message) {
        return new GoogleError(400, "global", "invalid", message, "parameter", parameter);
    }
    static GoogleError required(String message) { return new GoogleError(400, "global", "required", message, null, null); }
    static GoogleError badRequest(String message) { return new GoogleError(400, "global", "badRequest", message, null, null); }
    static GoogleError duplicate() {
        return new GoogleError(409, "global", "duplicate", "The requested identifier already exists.", null, null);
    }
    static GoogleError deleted() { return new GoogleError(410, "global", "deleted", "Resource has been deleted", null, null); }
    static GoogleError conditionNotMet() {
        return new GoogleError(412, "global", "conditionNotMet", "Precondition Failed", "header", "If-Match");
    }
    static GoogleError fullSyncRequired() {
        return new GoogleError(410, "calendar", "fullSyncRequired",
                "Sync token is no longer valid, a full sync is required.", "parameter", "syncToken");
    }
    static GoogleError updatedMinTooLongAgo() {
        return new GoogleError(410, "calendar", "updatedMinTooLongAgo",
                "The requested minimum modification time lies too far in the past.", "parameter", "updatedMin");
    }
    static GoogleError timeRangeEmpty() {
        return new GoogleError(400, "calendar", "timeRangeEmpty", "The specified time range is empty.", "parameter", "timeMax");
    }
    static GoogleError loginRequired() {
        return new GoogleError(401, "global", "required", "Login Required.", "header", "Authorization")
                .header("WWW-Authenticate", "Bearer realm=\"https://accounts.google.com/\"");
    }
    static GoogleError authError() {
        // error="invalid_token" makes google-oauth-client's Credential refresh and retry
        return new GoogleError(401, "global", "authError", "Invalid Credentials", "header", "Authorization")
                .header("WWW-Authenticate", "Bearer realm=\"https://accounts.google.com/\", error=\"invalid_token\"");
    }
    static GoogleError insufficientPermissions() {
        return new GoogleError(403, "global", "insufficientPermissions", "Request had insufficient authentication scopes.",
                null, null).header("WWW-Authenticate", "Bearer realm=\"https://accounts.google.com/\", error=\"insufficient_scope\"");
    }
    static GoogleError requiredAccessLevel() {
        return new GoogleError(403, "calendar", "requiredAccessLevel", "You need to have writer access to this calendar.",
                null, null);
    }
    static GoogleError userRateLimitExceeded() {
        return new GoogleError(403, "usageLimits", "userRateLimitExceeded", "User Rate Limit Exceeded", null, null);
    }
    static GoogleError quotaExceeded() {
        return new GoogleError(403, "usageLimits", "quotaExceeded", "Calendar usage limits exceeded.", null, null);
    }
    static GoogleError rateLimitExceeded(int status) {
        return new GoogleError(status, "usageLimits", "rateLimitExceeded", "Rate Limit Exceeded", null, null);
    }
    static GoogleError backendError(int status) {
        return new GoogleError(status, "global", "backendError", "Backend Error", null, null);
    }

    ObjectNode toJson() {
        ObjectNode root = Json.object();
        ObjectNode error = root.putObject("error");
        error.put("code", status);
        error.put("message", getMessage());
        ObjectNode item = error.putArray("errors").addObject();
        item.put("domain", domain);
        item.put("reason", reason);
        item.put("message", getMessage());
        if (locationType != null) item.put("locationType", locationType);
        if (location != null) item.put("location", location);
        return root;
    }

    ApiResponse toResponse() {
        ApiResponse response = ApiResponse.json(status, toJson());
        headers.forEach(response::header);
        return response;
    }
}
