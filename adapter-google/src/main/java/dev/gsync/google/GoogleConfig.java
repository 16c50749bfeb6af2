package dev.gsync.google;

import io.vavr.collection.List;
import io.vavr.collection.Seq;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How gsync talks to Google: the OAuth client, where the endpoints are (configurable so the emulator can stand in),
 * and how politely it calls them.
 *
 * @param calendarRootUrl   root of the Calendar API, {@code https://www.googleapis.com/}
 * @param tasksRootUrl      root of the Tasks API, {@code https://tasks.googleapis.com/}
 * @param userRate          requests one user may make (Google: 600 a minute per user per project)
 * @param projectRate       requests all users together may make (Google: 10,000 a minute per project)
 * @param maxAttempts       attempts per call or batch item under rate limits and server errors, the first included
 * @param tasksOverlap      how far each Tasks poll reaches back before the last change seen (clock skew, slow commits)
 * @param taskList          the Google Tasks list to sync ({@code @default}: the user's default list)
 * @param readTimeout       how long to wait for an answer before counting the call as lost (and retrying it)
 */
public record GoogleConfig(
        String clientId,
        String clientSecret,
        URI redirectUri,
        String calendarRootUrl,
        String tasksRootUrl,
        String authorizeUrl,
        String tokenUrl,
        Seq<String> scopes,
        String applicationName,
        Rate userRate,
        Rate projectRate,
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        Duration tasksOverlap,
        String taskList,
        int batchSize,
        Duration readTimeout) {

    public static final String CALENDAR_ROOT = "https://www.googleapis.com/";
    public static final String TASKS_ROOT = "https://tasks.googleapis.com/";
    public static final String AUTHORIZE_URL = "https://accounts.google.com/o/oauth2/v2/auth";
    public static final String TOKEN_URL = "https://oauth2.googleapis.com/token";
    /** Events on every calendar, the calendar list (to offer secondary calendars), and tasks. */
    public static final Seq<String> SCOPES = List.of(
            "https://www.googleapis.com/auth/calendar.events",
            "https://www.googleapis.com/auth/calendar.calendarlist.readonly",
            "https://www.googleapis.com/auth/tasks");

    /** {@code limit} requests per {@code period}. */
    public record Rate(int limit, Duration period) {
        public Rate {
            Objects.requireNonNull(period, "period");
            if (limit < 1 || period.isNegative() || period.isZero()) throw new IllegalArgumentException("bad rate " + limit + "/" + period);
        }

        public static Rate perMinute(int limit) {
            return new Rate(limit, Duration.ofMinutes(1));
        }

        public static Rate perSecond(int limit) {
            return new Rate(limit, Duration.ofSeconds(1));
        }

        /** An effectively unlimited rate, for tests that are not about pacing. */
        public static Rate unlimited() {
            return new Rate(1_000_000, Duration.ofSeconds(1));
        }
    }

    public GoogleConfig {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(redirectUri, "redirectUri");
        Objects.requireNonNull(calendarRootUrl, "calendarRootUrl");
        Objects.requireNonNull(tasksRootUrl, "tasksRootUrl");
        Objects.requireNonNull(authorizeUrl, "authorizeUrl");
        Objects.requireNonNull(tokenUrl, "tokenUrl");
        Objects.requireNonNull(scopes, "scopes");
        Objects.requireNonNull(applicationName, "applicationName");
        Objects.requireNonNull(userRate, "userRate");
        Objects.requireNonNull(projectRate, "projectRate");
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(tasksOverlap, "tasksOverlap");
        Objects.requireNonNull(taskList, "taskList");
        Objects.requireNonNull(readTimeout, "readTimeout");
        if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be 1 or more");
        if (batchSize < 1 || batchSize > 1000) throw new IllegalArgumentException("batchSize must be 1..1000");
    }

    /** Google's real endpoints, a little under Google's documented quotas (600 and 10,000 a minute), batches of 50. */
    public static GoogleConfig forGoogle(String clientId, String clientSecret, URI redirectUri) {
        return new GoogleConfig(clientId, clientSecret, redirectUri, CALENDAR_ROOT, TASKS_ROOT, AUTHORIZE_URL, TOKEN_URL,
                SCOPES, "gsync", Rate.perMinute(600), Rate.perMinute(10_000), 6, Duration.ofSeconds(1),
                Duration.ofSeconds(32), Duration.ofMinutes(5), "@default", 50, Duration.ofSeconds(60));
    }

    /** The same, with every Google endpoint replaced (an emulator, a proxy). */
    public GoogleConfig withEndpoints(String calendarRoot, String tasksRoot, String authorize, String token) {
        return new GoogleConfig(clientId, clientSecret, redirectUri, calendarRoot, tasksRoot, authorize, token, scopes,
                applicationName, userRate, projectRate, maxAttempts, initialBackoff, maxBackoff, tasksOverlap, taskList, batchSize, readTimeout);
    }

    public GoogleConfig withRates(Rate user, Rate project) {
        return new GoogleConfig(clientId, clientSecret, redirectUri, calendarRootUrl, tasksRootUrl, authorizeUrl, tokenUrl,
                scopes, applicationName, user, project, maxAttempts, initialBackoff, maxBackoff, tasksOverlap, taskList, batchSize, readTimeout);
    }

    public GoogleConfig withRetries(int attempts, Duration initial, Duration max) {
        return new GoogleConfig(clientId, clientSecret, redirectUri, calendarRootUrl, tasksRootUrl, authorizeUrl, tokenUrl,
                scopes, applicationName, userRate, projectRate, attempts, initial, max, tasksOverlap, taskList, batchSize, readTimeout);
    }

    public GoogleConfig withBatchSize(int size) {
        return new GoogleConfig(clientId, clientSecret, redirectUri, calendarRootUrl, tasksRootUrl, authorizeUrl, tokenUrl,
                scopes, applicationName, userRate, projectRate, maxAttempts, initialBackoff, maxBackoff, tasksOverlap, taskList, size, readTimeout);
    }

    public GoogleConfig withReadTimeout(Duration timeout) {
        return new GoogleConfig(clientId, clientSecret, redirectUri, calendarRootUrl, tasksRootUrl, authorizeUrl, tokenUrl,
                scopes, applicationName, userRate, projectRate, maxAttempts, initialBackoff, maxBackoff, tasksOverlap, taskList, batchSize, timeout);
    }

    /** Never prints the client secret. */
    @Override
    public String toString() {
        return "GoogleConfig[clientId=" + clientId + ", clientSecret=***, redirectUri=" + redirectUri
                + ", calendarRootUrl=" + calendarRootUrl + ", tasksRootUrl=" + tasksRootUrl + ", authorizeUrl=" + authorizeUrl
                + ", tokenUrl=" + tokenUrl + ", userRate=" + userRate + ", projectRate=" + projectRate
                + ", maxAttempts=" + maxAttempts + ", batchSize=" + batchSize + ", taskList=" + taskList + "]";
    }
}
