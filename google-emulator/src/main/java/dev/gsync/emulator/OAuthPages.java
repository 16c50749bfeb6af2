package dev.gsync.emulator;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Google's OAuth 2.0 endpoints: the authorize page (a consent form with Allow/Deny, or an instant redirect
 * in auto-approve mode), the token endpoint (authorization_code with PKCE, refresh_token) and revoke.
 * Tokens are never logged.
 */
final class OAuthPages {
    private static final String DEFAULT_USER = "user@example.com";
    /** Authorize parameters carried through the consent form unchanged. */
    private static final List<String> CARRIED = List.of("client_id", "redirect_uri", "response_type", "scope", "state",
            "access_type", "prompt", "code_challenge", "code_challenge_method", "include_granted_scopes");

    private final EmulatorState state;
    private final Grants grants;
    private final EmulatorStats stats;

    OAuthPages(EmulatorState state, Grants grants, EmulatorStats stats) {
        this.state = state;
        this.grants = grants;
        this.stats = stats;
    }

    void register(Javalin app) {
        app.get("/o/oauth2/auth", this::authorize);
        app.get("/o/oauth2/v2/auth", this::authorize);
        app.post("/o/oauth2/approve", this::approve);
        app.post("/token", this::token);
        app.post("/o/oauth2/token", this::token);
        app.post("/revoke", this::revoke);
        app.post("/o/oauth2/revoke", this::revoke);
    }

    private void authorize(Context ctx) {
        Map<String, String> p = new LinkedHashMap<>();
        ctx.queryParamMap().forEach((name, values) -> p.put(name, values.get(0)));
        String problem = problem(p);
        if (problem != null) {
            ctx.status(HttpStatus.BAD_REQUEST).html(page("Error 400", "<p class=error>Access blocked: " + esc(problem) + "</p>"));
            return;
        }
        if (state.settings.autoApprove()) {
            String user = p.getOrDefault("login_hint", DEFAULT_USER);
            ctx.redirect(approved(p, user, scopes(p.get("scope"))));
            return;
        }
        ctx.html(consentPage(p));
    }

    private void approve(Context ctx) {
        Map<String, String> p = new LinkedHashMap<>();
        for (String name : CARRIED) if (ctx.formParam(name) != null) p.put(name, ctx.formParam(name));
        String problem = problem(p);
        if (problem != null) {
            ctx.status(HttpStatus.BAD_REQUEST).html(page("Error 400", "<p class=error>" + esc(problem) + "</p>"));
            return;
        }
        if (!"allow".equals(ctx.formParam("decision"))) {
            ctx.redirect(redirect(p.get("redirect_uri"), "error", "access_denied", "state", p.get("state")));
            return;
        }
        String user = ctx.formParam("email") == null || ctx.formParam("email").isBlank() ? DEFAULT_USER : ctx.formParam("email");
        // granular consent: the user may untick scopes, the grant then covers only the ticked ones
        Set<String> granted = new LinkedHashSet<>(ctx.formParams("granted_scope"));
        if (granted.isEmpty()) {
            ctx.redirect(redirect(p.get("redirect_uri"), "error", "access_denied", "state", p.get("state")));
            return;
        }
        ctx.redirect(approved(p, user, granted));
    }

    private String approved(Map<String, String> p, String user, Set<String> scopes) {
        synchronized (state) {
            state.account(user);
        }
        String code = grants.newCode(user.strip().toLowerCase(java.util.Locale.ROOT), p.get("client_id"), p.get("redirect_uri"),
                scopes, p.get("code_challenge"), p.getOrDefault("code_challenge_method", "plain"),
                "offline".equals(p.get("access_type")), p.getOrDefault("prompt", "").contains("consent"), state.now());
        return redirect(p.get("redirect_uri"), "code", code, "scope", String.join(" ", scopes), "state", p.get("state"));
    }

    private String problem(Map<String, String> p) {
        for (String required : List.of("client_id", "redirect_uri", "response_type", "scope")) {
            if (p.get(required) == null || p.get(required).isBlank()) return "invalid_request: Required parameter is missing: " + required;
        }
        if (!"code".equals(p.get("response_type"))) return "unsupported_response_type: only response_type=code is supported";
        String method = p.get("code_challenge_method");
        if (method != null && !method.equals("S256") && !method.equals("plain")) return "invalid_request: Invalid code_challenge_method";
        return grants.checkAuthorizeRequest(p.get("client_id"), p.get("redirect_uri"));
    }

    private void token(Context ctx) {
        stats.tokenRequests.incrementAndGet();
        Map<String, String> form = new LinkedHashMap<>();
        ApiRequest.parseForm(new String(ctx.bodyAsBytes(), StandardCharsets.UTF_8)).forEach((k, v) -> form.put(k, v.get(0)));
        try {
            String grantType = form.getOrDefault("grant_type", "");
            var answer = switch (grantType) {
                case "authorization_code" -> grants.exchangeCode(form, state.now());
                case "refresh_token" -> grants.refresh(form, state.now());
                default -> throw new Grants.OAuthError(400, "unsupported_grant_type", "Invalid grant_type: " + grantType);
            };
            ctx.header("Cache-Control", "no-cache, no-store, max-age=0, must-revalidate");
            ctx.contentType(ApiResponse.JSON_TYPE).result(Json.write(answer));
        } catch (Grants.OAuthError error) {
            ctx.status(error.status).contentType(ApiResponse.JSON_TYPE).result(Json.write(error.toJson()));
        }
    }

    private void revoke(Context ctx) {
        String token = ctx.queryParam("token");
        if (token == null) {
            var form = ApiRequest.parseForm(new String(ctx.bodyAsBytes(), StandardCharsets.UTF_8));
            token = form.containsKey("token") ? form.get("token").get(0) : null;
        }
        ctx.contentType(ApiResponse.JSON_TYPE);
        if (token != null && grants.revoke(token)) {
            ctx.result("{}");
        } else {
            ctx.status(400).result(Json.write(Json.object().put("error", "invalid_token").put("error_description", "Token expired or revoked")));
        }
    }

    private String consentPage(Map<String, String> p) {
        StringBuilder form = new StringBuilder();
        form.append("<form method=post action='/o/oauth2/approve'>");
        for (String name : CARRIED) {
            if (p.get(name) != null) form.append("<input type=hidden name='").append(name).append("' value='").append(esc(p.get(name))).append("'>");
        }
        form.append("<p><label>Sign in as <input name=email id=email value='")
                .append(esc(p.getOrDefault("login_hint", DEFAULT_USER))).append("' size=40></label></p>");
        form.append("<p><b>").append(esc(p.get("client_id"))).append("</b> wants to:</p><ul>");
        for (String scope : scopes(p.get("scope"))) {
            form.append("<li><label><input type=checkbox name=granted_scope checked value='").append(esc(scope)).append("'> ")
                    .append(esc(scope)).append("</label></li>");
        }
        form.append("</ul><button name=decision value=allow id=allow>Allow</button> ")
                .append("<button name=decision value=deny id=deny>Deny</button></form>");
        return page("Sign in - Google Accounts (emulated)", form.toString());
    }

    private static String page(String title, String body) {
        return "<!doctype html><html><head><meta charset=utf-8><title>" + esc(title) + "</title>"
                + "<style>body{font-family:sans-serif;max-width:40em;margin:3em auto}.error{color:#b00}</style></head><body>"
                + "<h1>" + esc(title) + "</h1><p><i>This is the gsync Google emulator, not Google.</i></p>" + body + "</body></html>";
    }

    private static Set<String> scopes(String scope) {
        return new LinkedHashSet<>(Arrays.asList(scope == null ? new String[0] : scope.trim().split("\\s+")));
    }

    private static String redirect(String base, String... pairs) {
        StringBuilder url = new StringBuilder(base).append(base.contains("?") ? '&' : '?');
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] == null) continue;
            if (url.charAt(url.length() - 1) != '?' && url.charAt(url.length() - 1) != '&') url.append('&');
            url.append(pairs[i]).append('=').append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return url.toString();
    }

    static String esc(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("'", "&#39;").replace("\"", "&quot;");
    }
}
