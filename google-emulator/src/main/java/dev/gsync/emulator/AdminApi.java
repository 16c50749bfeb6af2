package dev.gsync.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * The emulator's own HTTP API under /emulator, for the demo and for tests in other processes: users and
 * their data, faults, quota and other settings, sync-token expiry, grant revocation and counters.
 * It is unauthenticated, which is why the emulator binds to 127.0.0.1 by default.
 */
final class AdminApi {
    private final GoogleEmulator emulator;

    AdminApi(GoogleEmulator emulator) { this.emulator = emulator; }

    void register(Javalin app) {
        app.get("/", ctx -> ctx.redirect("/emulator"));
        app.get("/emulator", this::overview);
        app.get("/emulator/stats", ctx -> json(ctx, Json.MAPPER.valueToTree(emulator.stats())));
        app.post("/emulator/stats/reset", ctx -> { emulator.resetStats(); ctx.status(204); });
        app.get("/emulator/settings", ctx -> json(ctx, settingsJson()));
        app.post("/emulator/settings", this::changeSettings);
        app.post("/emulator/users", ctx -> json(ctx, userJson(emulator.user(required(body(ctx), "email")))));
        app.get("/emulator/users/{email}", ctx -> json(ctx, userJson(user(ctx))));
        app.post("/emulator/users/{email}/tokens", this::tokens);
        app.post("/emulator/users/{email}/revoke", ctx -> json(ctx, Json.object().put("revoked", user(ctx).revokeGrants())));
        app.post("/emulator/users/{email}/calendars", ctx -> json(ctx, Json.object().put("id", user(ctx).addCalendar(required(body(ctx), "summary")))));
        app.post("/emulator/users/{email}/calendars/{calendarId}/share", ctx -> {
            ObjectNode body = body(ctx);
            user(ctx).shareCalendar(ctx.pathParam("calendarId"), required(body, "with"), body.path("role").asText("writer"));
            ctx.status(204);
        });
        app.get("/emulator/users/{email}/calendars/{calendarId}/events", ctx -> jsonList(ctx, user(ctx).events(ctx.pathParam("calendarId"))));
        app.post("/emulator/users/{email}/calendars/{calendarId}/events", ctx -> jsonText(ctx, user(ctx).seedEvent(ctx.pathParam("calendarId"), ctx.body())));
        app.patch("/emulator/users/{email}/calendars/{calendarId}/events/{eventId}",
                ctx -> jsonText(ctx, user(ctx).editEvent(ctx.pathParam("calendarId"), ctx.pathParam("eventId"), ctx.body())));
        app.delete("/emulator/users/{email}/calendars/{calendarId}/events/{eventId}", ctx -> {
            user(ctx).deleteEvent(ctx.pathParam("calendarId"), ctx.pathParam("eventId"));
            ctx.status(204);
        });
        app.get("/emulator/users/{email}/tasklists/{listId}/tasks", ctx -> jsonList(ctx, user(ctx).tasks(ctx.pathParam("listId"))));
        app.post("/emulator/users/{email}/tasklists/{listId}/tasks", ctx -> jsonText(ctx, user(ctx).seedTask(ctx.pathParam("listId"), ctx.body())));
        app.patch("/emulator/users/{email}/tasklists/{listId}/tasks/{taskId}",
                ctx -> jsonText(ctx, user(ctx).editTask(ctx.pathParam("listId"), ctx.pathParam("taskId"), ctx.body())));
        app.delete("/emulator/users/{email}/tasklists/{listId}/tasks/{taskId}", ctx -> {
            user(ctx).deleteTask(ctx.pathParam("listId"), ctx.pathParam("taskId"));
            ctx.status(204);
        });
        app.post("/emulator/faults", this::addFault);
        app.delete("/emulator/faults", ctx -> { emulator.faults().clear(); ctx.status(204); });
        app.get("/emulator/channels", ctx -> jsonList(ctx, emulator.openChannels()));
        app.post("/emulator/channels/lose", ctx -> json(ctx, Json.object().put("lost", emulator.loseAllChannels())));
        app.post("/emulator/sync-tokens/expire", ctx -> { emulator.expireAllSyncTokens(); ctx.status(204); });
        app.post("/emulator/clock/advance", ctx -> {
            emulator.advanceClock(Duration.ofSeconds(body(ctx).path("seconds").asLong()));
            ctx.status(204);
        });
        app.exception(IllegalArgumentException.class, (e, ctx) ->
                ctx.status(400).contentType(ApiResponse.JSON_TYPE).result(Json.write(Json.object().put("error", e.getMessage()))));
        app.exception(GoogleError.class, (e, ctx) -> GoogleEmulator.send(ctx, e.toResponse()));
    }

    private void overview(Context ctx) {
        String root = emulator.rootUrl();
        ctx.html("<!doctype html><html><head><meta charset=utf-8><title>gsync Google emulator</title></head><body>"
                + "<h1>gsync Google emulator</h1><ul>"
                + "<li>Calendar v3 root URL: <code>" + root + "</code> (service path calendar/v3/)</li>"
                + "<li>Tasks v1 root URL: <code>" + root + "</code></li>"
                + "<li>OAuth authorize: <code>" + emulator.authorizeUrl() + "</code></li>"
                + "<li>OAuth token: <code>" + emulator.tokenUrl() + "</code>, revoke: <code>" + emulator.revokeUrl() + "</code></li>"
                + "<li>Counters: <a href='/emulator/stats'>/emulator/stats</a>, settings: <a href='/emulator/settings'>/emulator/settings</a></li>"
                + "</ul><p>See docs/google-emulator.md for the admin API.</p></body></html>");
    }

    private void tokens(Context ctx) {
        EmulatedUser.Tokens tokens = user(ctx).tokens(GoogleEmulator.ALL_SCOPES);
        // the caller asked for these tokens on purpose; they are returned, never logged
        json(ctx, Json.object().put("access_token", tokens.accessToken()).put("refresh_token", tokens.refreshToken())
                .put("expires_in", tokens.expiresInSeconds()));
    }

    /** {"kind":"error|delay|drop|lose-answer","count":1,"status":503,"reason":"quotaExceeded","method":"POST" or ["PUT","POST"],"pathContains":"/events","delayMillis":1000} */
    private void addFault(Context ctx) {
        ObjectNode body = body(ctx);
        Faults.Fault fault = switch (body.path("kind").asText("error")) {
            case "error" -> errorFault(body);
            case "delay" -> Faults.Fault.delay(Duration.ofMillis(body.path("delayMillis").asLong(1000)));
            case "drop" -> Faults.Fault.drop();
            case "lose-answer" -> Faults.Fault.loseAnswer();
            default -> throw new IllegalArgumentException("kind is one of error, delay, drop, lose-answer");
        };
        fault = fault.times(body.path("count").asInt(1));
        if (body.hasNonNull("pathContains")) fault = fault.onPath(body.get("pathContains").asText());
        JsonNode method = body.get("method");
        if (method != null && method.isArray()) {
            List<String> names = new java.util.ArrayList<>();
            method.forEach(m -> names.add(m.asText()));
            fault = fault.onMethods(names.toArray(String[]::new));
        } else if (method != null && !method.isNull()) {
            fault = fault.onMethods(method.asText());
        }
        emulator.faults().arm(fault);
        ctx.status(204);
    }

    private static Faults.Fault errorFault(ObjectNode body) {
        String reason = body.hasNonNull("reason") ? body.get("reason").asText() : null;
        if (reason == null) return Faults.Fault.error(body.path("status").asInt(503));
        Faults.Fault fault = Faults.Fault.error(reason);
        return body.has("status") ? fault.status(body.get("status").asInt()) : fault;
    }

    private void changeSettings(Context ctx) {
        ObjectNode body = body(ctx);
        EmulatorSettings s = emulator.settings();
        if (body.has("userRequestsPerMinute")) s.userRequestsPerMinute(body.get("userRequestsPerMinute").asInt());
        if (body.has("projectRequestsPerMinute")) s.projectRequestsPerMinute(body.get("projectRequestsPerMinute").asInt());
        if (body.has("quotaErrorStatus")) s.quotaErrorStatus(body.get("quotaErrorStatus").asInt());
        if (body.has("batchLimit")) s.batchLimit(body.get("batchLimit").asInt());
        if (body.has("autoApprove")) s.autoApprove(body.get("autoApprove").asBoolean());
        if (body.has("shortPages")) s.shortPages(body.get("shortPages").asBoolean());
        if (body.has("accessTokenTtlSeconds")) s.accessTokenTtl(Duration.ofSeconds(body.get("accessTokenTtlSeconds").asLong()));
        if (body.has("refreshTokenTtlSeconds")) s.refreshTokenTtl(Duration.ofSeconds(body.get("refreshTokenTtlSeconds").asLong()));
        if (body.has("channelTtlSeconds")) s.channelTtl(Duration.ofSeconds(body.get("channelTtlSeconds").asLong()));
        if (body.has("pushRequiresHttps")) s.pushRequiresHttps(body.get("pushRequiresHttps").asBoolean());
        if (body.has("syncTokenMaxAgeSeconds")) s.syncTokenMaxAge(Duration.ofSeconds(body.get("syncTokenMaxAgeSeconds").asLong()));
        json(ctx, settingsJson());
    }

    private ObjectNode settingsJson() {
        EmulatorSettings s = emulator.settings();
        return Json.object().put("userRequestsPerMinute", s.userRequestsPerMinute())
                .put("projectRequestsPerMinute", s.projectRequestsPerMinute()).put("quotaErrorStatus", s.quotaErrorStatus())
                .put("batchLimit", s.batchLimit()).put("autoApprove", s.autoApprove()).put("shortPages", s.shortPages())
                .put("accessTokenTtlSeconds", s.accessTokenTtl().toSeconds())
                .put("refreshTokenTtlSeconds", s.refreshTokenTtl().toSeconds())
                .put("syncTokenMaxAgeSeconds", s.syncTokenMaxAge().toSeconds())
                .put("channelTtlSeconds", s.channelTtl().toSeconds()).put("pushRequiresHttps", s.pushRequiresHttps());
    }

    private static ObjectNode userJson(EmulatedUser user) {
        ObjectNode node = Json.object().put("email", user.email()).put("primaryCalendarId", user.primaryCalendarId())
                .put("defaultTaskListId", user.defaultTaskListId());
        ArrayNode calendars = node.putArray("calendarIds");
        user.calendarIds().forEach(calendars::add);
        return node;
    }

    private EmulatedUser user(Context ctx) { return emulator.user(ctx.pathParam("email")); }

    private static ObjectNode body(Context ctx) {
        return Json.parseObject(ctx.bodyAsBytes().length == 0 ? "{}" : new String(ctx.bodyAsBytes(), StandardCharsets.UTF_8));
    }

    private static String required(JsonNode body, String field) {
        String value = Json.text(body, field);
        if (value == null || value.isBlank()) throw new IllegalArgumentException("missing field: " + field);
        return value;
    }

    private static void json(Context ctx, JsonNode node) { ctx.contentType(ApiResponse.JSON_TYPE).result(Json.write(node)); }

    private static void jsonText(Context ctx, String json) { ctx.contentType(ApiResponse.JSON_TYPE).result(json); }

    private static void jsonList(Context ctx, List<String> items) {
        ctx.contentType(ApiResponse.JSON_TYPE).result("[" + String.join(",", items) + "]");
    }
}
