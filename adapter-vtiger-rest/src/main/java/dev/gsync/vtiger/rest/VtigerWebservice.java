package dev.gsync.vtiger.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.vavr.control.Either;
import io.vavr.control.Option;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One user's conversation with webservice.php: challenge + login, a reused session that is renewed transparently
 * when vtiger forgets it, the JSON envelope, and bounded retries of transient failures. Never logs parameters:
 * they carry the login digest and the session name.
 */
final class VtigerWebservice {
    private static final Logger log = LoggerFactory.getLogger(VtigerWebservice.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The session is gone: log in again and repeat the call (the call itself was not carried out). */
    private static final String[] SESSION_LOST = {"INVALID_SESSIONID", "SESSION_EXPIRED", "SESSION_LEFT_IDLE", "AUTHENTICATION_REQUIRED"};
    private static final String[] LOGIN_REFUSED = {"INVALID_USER_CREDENTIALS", "ACCESSKEY_UNDEFINED", "AUTHENTICATION_REQUIRED", "ACCESS_DENIED"};

    /** What login told us about the user. */
    record Session(String sessionName, String userId, Option<ZoneId> timeZone, String vtigerVersion) {
        @Override
        public String toString() {      // the session name is a bearer secret
            return "Session[userId=" + userId + ", vtiger " + vtigerVersion + "]";
        }
    }

    private final VtigerRestSettings settings;
    private final VtigerUser user;
    private final HttpClient http;
    private final Retry retry;
    private Session session;

    VtigerWebservice(VtigerRestSettings settings, VtigerUser user) {
        this.settings = settings;
        this.user = user;
        this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.retry = Retry.of("vtiger-" + user.userName(), RetryConfig.custom()
                .maxAttempts(settings.attempts())
                .intervalFunction(IntervalFunction.ofExponentialBackoff(Math.max(1, settings.backoff().toMillis()), 2.0))
                .retryExceptions(Transient.class)
                .build());
    }

    String userName() {
        return user.userName();
    }

    /** Logs in if there is no session yet. */
    synchronized Either<WsError, Session> session() {
        if (session != null) return Either.right(session);
        return login().peek(s -> session = s);
    }

    /** A GET operation (retrieve, query, describe, listtypes, sync): safe to repeat. */
    Either<WsError, JsonNode> get(String operation, Map<String, String> params) {
        return withSession(operation, false, params, true);
    }

    /** A GET without retries: to probe whether an operation works at all (sync on PHP 8 answers HTTP 500). */
    Either<WsError, JsonNode> probe(String operation, Map<String, String> params) {
        return withSession(operation, false, params, false);
    }

    /** A POST operation that may be repeated with the same effect (revise, update, delete). */
    Either<WsError, JsonNode> postRepeatable(String operation, Map<String, String> params) {
        return withSession(operation, true, params, true);
    }

    /** A POST whose repetition could duplicate something (create): one attempt; a Transport error means "unknown". */
    Either<WsError, JsonNode> postOnce(String operation, Map<String, String> params) {
        return withSession(operation, true, params, false);
    }

    private Either<WsError, JsonNode> withSession(String op, boolean post, Map<String, String> params, boolean repeatable) {
        Either<WsError, JsonNode> first = session().flatMap(s -> call(op, post, withName(s, params), repeatable));
        if (first.isLeft() && first.getLeft() instanceof WsError.Api api && api.is(SESSION_LOST)) {
            log.info("vtiger session of {} ended ({}); logging in again", user.userName(), api.code());
            synchronized (this) { session = null; }
            return session().flatMap(s -> call(op, post, withName(s, params), repeatable));
        }
        return first;
    }

    private static Map<String, String> withName(Session s, Map<String, String> params) {
        Map<String, String> all = new LinkedHashMap<>(params);
        all.put("sessionName", s.sessionName());
        return all;
    }

    private Either<WsError, Session> login() {
        Either<WsError, Session> first = challengeAndLogin();
        // The challenge may have expired or been replaced by another client of the same user: one fresh try.
        if (first.isLeft() && first.getLeft() instanceof WsError.Api api && api.is("INVALID_AUTH_TOKEN"))
            return challengeAndLogin();
        return first;
    }

    private Either<WsError, Session> challengeAndLogin() {
        Either<WsError, Session> result = call("getchallenge", false, Map.of("username", user.userName()), true)
                .flatMap(challenge -> call("login", true, Map.of(
                        "username", user.userName(),
                        "accessKey", user.accessKey().loginDigest(challenge.path("token").asText())), true))
                .map(r -> new Session(r.path("sessionName").asText(), r.path("userId").asText(),
                        zone(r.path("time_zone").asText("")), r.path("vtigerVersion").asText("?")));
        if (result.isLeft() && result.getLeft() instanceof WsError.Api api && api.is(LOGIN_REFUSED)) {
            return Either.left(new WsError.LoginRefused("vtiger refused the login of user '" + user.userName() + "' ("
                    + api.code() + ": " + api.message() + "); check the user name, its access key (My Preferences) and that the user is active"));
        }
        result.peek(s -> log.info("logged in to vtiger {} as {} ({})", s.vtigerVersion(), user.userName(), s.userId()));
        return result;
    }

    private static Option<ZoneId> zone(String id) {
        if (id.isBlank()) return Option.none();
        return io.vavr.control.Try.of(() -> ZoneId.of(id)).toOption();
    }

    /** One operation, with bounded retries of transient failures when {@code repeatable}. */
    private Either<WsError, JsonNode> call(String op, boolean post, Map<String, String> params, boolean repeatable) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("operation", op);
        all.putAll(params);
        try {
            HttpRequest request = request(post, form(all));
            return repeatable
                    ? Retry.decorateCheckedSupplier(retry, () -> exchange(op, request)).get()
                    : exchange(op, request);
        } catch (Transient e) {
            // a one-shot call (create, a probe) is judged by its caller, who logs what it means
            if (repeatable) log.warn("vtiger {} for {} failed after {} attempt(s): {}", op, user.userName(), settings.attempts(), e.getMessage());
            else log.debug("vtiger {} for {} failed: {}", op, user.userName(), e.getMessage());
            return Either.left(new WsError.Transport(op + ": " + e.getMessage(), e.serverAnswered));
        } catch (Throwable e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            return Either.left(new WsError.Transport(op + ": " + e, false));
        }
    }

    private HttpRequest request(boolean post, String form) {
        HttpRequest.Builder b = HttpRequest.newBuilder().timeout(settings.readTimeout()).header("Accept", "application/json");
        if (post) {
            return b.uri(settings.endpoint()).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8)).build();
        }
        String sep = settings.endpoint().getRawQuery() == null ? "?" : "&";
        return b.uri(URI.create(settings.endpoint() + sep + form)).GET().build();
    }

    private Either<WsError, JsonNode> exchange(String op, HttpRequest request) throws Transient, InterruptedException {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new Transient(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()), false);
        }
        int status = response.statusCode();
        if (status >= 500) throw new Transient("HTTP " + status + bodyHint(response.body()), true);
        if (status != 200) return Either.left(new WsError.Transport(op + ": HTTP " + status + bodyHint(response.body()), true));
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            // PHP warnings or fatal errors put HTML before the JSON or leave the body empty
            throw new Transient("not a JSON answer" + bodyHint(response.body()), true);
        }
        if (body == null || !body.has("success")) throw new Transient("not the webservice envelope" + bodyHint(response.body()), true);
        if (body.path("success").asBoolean(false)) return Either.right(body.path("result"));
        JsonNode error = body.path("error");
        log.debug("vtiger {} answered {}", op, error.path("code").asText());
        return Either.left(new WsError.Api(error.path("code").asText("UNKNOWN"), error.path("message").asText("")));
    }

    /** The start of a body, for errors: HTML error pages say what went wrong. Never contains our parameters. */
    private static String bodyHint(String body) {
        if (body == null || body.isBlank()) return " (empty body)";
        String flat = body.replaceAll("<[^>]*>", " ").replaceAll("\\s+", " ").strip();
        return " (" + (flat.length() > 160 ? flat.substring(0, 160) + "…" : flat) + ")";
    }

    private static String form(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A failure worth another try. */
    static final class Transient extends Exception {
        final boolean serverAnswered;

        Transient(String message, boolean serverAnswered) {
            super(message, null, false, false);
            this.serverAnswered = serverAnswered;
        }
    }
}
