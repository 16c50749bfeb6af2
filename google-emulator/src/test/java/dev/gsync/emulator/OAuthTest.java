package dev.gsync.emulator;

import com.google.api.client.auth.oauth2.AuthorizationCodeTokenRequest;
import com.google.api.client.auth.oauth2.BearerToken;
import com.google.api.client.auth.oauth2.ClientParametersAuthentication;
import com.google.api.client.auth.oauth2.Credential;
import com.google.api.client.auth.oauth2.RefreshTokenRequest;
import com.google.api.client.auth.oauth2.TokenResponse;
import com.google.api.client.auth.oauth2.TokenResponseException;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.GenericUrl;
import com.google.api.services.calendar.Calendar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The web-server flow as gsync runs it: browser consent, code exchange with PKCE, refresh, revocation. */
class OAuthTest {
    private static final String CLIENT_ID = "gsync-test.apps.googleusercontent.com";
    private static final String SECRET = "test-secret";
    private static final String REDIRECT = "http://127.0.0.1:9/oauth/callback";
    private static final String SCOPES = "https://www.googleapis.com/auth/calendar https://www.googleapis.com/auth/tasks";
    private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk-abcdefghijkl";

    private final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private GoogleEmulator google;

    @BeforeEach
    void start() {
        google = GoogleEmulator.start(EmulatorSettings.defaults().withoutQuota());
        google.registerClient(CLIENT_ID, SECRET, REDIRECT);
    }

    @AfterEach
    void stop() { google.stop(); }

    private String authorizeQuery(String loginHint, String challenge) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("client_id", CLIENT_ID);
        p.put("redirect_uri", REDIRECT);
        p.put("response_type", "code");
        p.put("scope", SCOPES);
        p.put("access_type", "offline");
        p.put("state", "xsrf-123");
        p.put("login_hint", loginHint);
        if (challenge != null) {
            p.put("code_challenge", challenge);
            p.put("code_challenge_method", "S256");
        }
        return form(p);
    }

    private static String form(Map<String, String> p) {
        return p.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** Opens the consent page and presses a button, as a user in a browser would; returns the redirect. */
    private Map<String, String> consent(String loginHint, String challenge, String decision) throws Exception {
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(google.authorizeUrl() + "?" + authorizeQuery(loginHint, challenge))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=allow").contains("id=deny").contains(loginHint);
        Map<String, String> fields = new LinkedHashMap<>();
        var hidden = java.util.regex.Pattern.compile("<input type=hidden name='([^']+)' value='([^']*)'>").matcher(page.body());
        while (hidden.find()) fields.put(hidden.group(1), hidden.group(2).replace("&amp;", "&"));
        fields.put("email", loginHint);
        String body = form(fields) + "&granted_scope=" + URLEncoder.encode("https://www.googleapis.com/auth/calendar", StandardCharsets.UTF_8)
                + "&granted_scope=" + URLEncoder.encode("https://www.googleapis.com/auth/tasks", StandardCharsets.UTF_8)
                + "&decision=" + decision;
        HttpResponse<String> answer = browser.send(HttpRequest.newBuilder(URI.create(google.rootUrl() + "o/oauth2/approve"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(302);
        return redirectParameters(answer);
    }

    private static Map<String, String> redirectParameters(HttpResponse<String> answer) {
        String location = answer.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(REDIRECT + "?");
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : URI.create(location).getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return params;
    }

    private TokenResponse exchange(String code, String verifier) throws IOException {
        AuthorizationCodeTokenRequest request = new AuthorizationCodeTokenRequest(GoogleClients.TRANSPORT, GoogleClients.JSON,
                new GenericUrl(google.tokenUrl()), code).setRedirectUri(REDIRECT)
                .setClientAuthentication(new ClientParametersAuthentication(CLIENT_ID, SECRET));
        if (verifier != null) request.set("code_verifier", verifier);
        return request.execute();
    }

    private Credential credential(TokenResponse tokens) {
        return new Credential.Builder(BearerToken.authorizationHeaderAccessMethod()).setTransport(GoogleClients.TRANSPORT)
                .setJsonFactory(GoogleClients.JSON).setTokenServerUrl(new GenericUrl(google.tokenUrl()))
                .setClientAuthentication(new ClientParametersAuthentication(CLIENT_ID, SECRET)).build()
                .setFromTokenResponse(tokens);
    }

    @Test
    void consent_with_pkce_gives_tokens_that_work_and_refresh_and_die_when_revoked() throws Exception {
        Map<String, String> redirect = consent("ann@example.com", Grants.s256(VERIFIER), "allow");
        TokenResponse tokens = exchange(redirect.get("code"), VERIFIER);
        Credential credential = credential(tokens);
        Calendar calendar = GoogleClients.calendar(google, credential);

        String primary = calendar.calendarList().list().execute().getItems().get(0).getId();
        google.advanceClock(Duration.ofHours(2));   // the access token expires on the server; the client does not know yet
        int listed = calendar.events().list("primary").execute().getItems().size();
        String refreshedToken = credential.getAccessToken();
        HttpResponse<String> revoke = browser.send(HttpRequest.newBuilder(URI.create(google.revokeUrl()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + tokens.getRefreshToken())).build(), HttpResponse.BodyHandlers.ofString());
        GoogleJsonResponseException afterRevoke = GoogleClients.failure(() -> calendar.events().list("primary").execute());

        assertThat(redirect.get("state")).isEqualTo("xsrf-123");
        assertThat(redirect.get("scope")).isEqualTo(SCOPES);
        assertThat(tokens.getRefreshToken()).isNotBlank();
        assertThat(tokens.getExpiresInSeconds()).isEqualTo(3599L);
        assertThat(primary).isEqualTo("ann@example.com");
        assertThat(listed).isZero();
        assertThat(refreshedToken).isNotEqualTo(tokens.getAccessToken());
        assertThat(revoke.statusCode()).isEqualTo(200);
        assertThat(afterRevoke.getStatusCode()).isEqualTo(401);
        assertThatThrownBy(() -> new RefreshTokenRequest(GoogleClients.TRANSPORT, GoogleClients.JSON, new GenericUrl(google.tokenUrl()),
                tokens.getRefreshToken()).setClientAuthentication(new ClientParametersAuthentication(CLIENT_ID, SECRET)).execute())
                .isInstanceOf(TokenResponseException.class)
                .satisfies(e -> {
                    TokenResponseException refused = (TokenResponseException) e;
                    assertThat(refused.getStatusCode()).isEqualTo(400);
                    assertThat(refused.getDetails().getError()).isEqualTo("invalid_grant");
                    assertThat(refused.getDetails().getErrorDescription()).isEqualTo("Token has been expired or revoked.");
                });
    }

    @Test
    void a_wrong_verifier_or_a_reused_code_is_an_invalid_grant() throws Exception {
        Map<String, String> first = consent("bob@example.com", Grants.s256(VERIFIER), "allow");
        Map<String, String> second = consent("bob@example.com", Grants.s256(VERIFIER), "allow");

        TokenResponseException wrongVerifier = (TokenResponseException) org.junit.jupiter.api.Assertions.assertThrows(
                TokenResponseException.class, () -> exchange(first.get("code"), VERIFIER + "x"));
        TokenResponse ok = exchange(second.get("code"), VERIFIER);
        TokenResponseException reused = org.junit.jupiter.api.Assertions.assertThrows(
                TokenResponseException.class, () -> exchange(second.get("code"), VERIFIER));

        assertThat(wrongVerifier.getDetails().getError()).isEqualTo("invalid_grant");
        assertThat(ok.getAccessToken()).isNotBlank();
        assertThat(ok.getRefreshToken()).as("no new refresh token without prompt=consent").isNull();
        assertThat(reused.getDetails().getError()).isEqualTo("invalid_grant");
    }

    @Test
    void deny_redirects_with_access_denied_and_auto_approve_skips_the_page() throws Exception {
        Map<String, String> denied = consent("cid@example.com", null, "deny");
        google.settings().autoApprove(true);
        HttpResponse<String> auto = browser.send(HttpRequest.newBuilder(
                URI.create(google.authorizeUrl() + "?" + authorizeQuery("dora@example.com", null))).build(), HttpResponse.BodyHandlers.ofString());
        Map<String, String> approved = redirectParameters(auto);
        TokenResponse tokens = exchange(approved.get("code"), null);
        Calendar calendar = GoogleClients.calendar(google, tokens.getAccessToken());

        assertThat(denied).containsEntry("error", "access_denied").containsEntry("state", "xsrf-123").doesNotContainKey("code");
        assertThat(calendar.calendarList().list().execute().getItems().get(0).getId()).isEqualTo("dora@example.com");
    }

    @Test
    void a_grant_made_by_the_test_api_refreshes_through_a_credential_of_the_same_client() throws IOException {
        EmulatedUser fay = google.user("fay@example.com");
        EmulatedUser.Tokens tokens = fay.tokens(CLIENT_ID, GoogleEmulator.ALL_SCOPES);
        Credential credential = credential(new TokenResponse().setAccessToken(tokens.accessToken())
                .setRefreshToken(tokens.refreshToken()).setExpiresInSeconds(tokens.expiresInSeconds()));
        fay.expireAccessTokens();

        int calendars = GoogleClients.calendar(google, credential).calendarList().list().execute().getItems().size();

        assertThat(calendars).isEqualTo(1);
        assertThat(credential.getAccessToken()).isNotEqualTo(tokens.accessToken());
        assertThat(google.stats().tokenRequests()).isEqualTo(1);
    }

    @Test
    void refresh_tokens_of_an_app_in_testing_state_expire_after_seven_days() {
        google.settings().refreshTokenTtl(Duration.ofDays(7));
        EmulatedUser gil = google.user("gil@example.com");
        EmulatedUser.Tokens tokens = gil.tokens(CLIENT_ID, GoogleEmulator.ALL_SCOPES);
        google.advanceClock(Duration.ofDays(8));

        TokenResponseException expired = org.junit.jupiter.api.Assertions.assertThrows(TokenResponseException.class, () ->
                new RefreshTokenRequest(GoogleClients.TRANSPORT, GoogleClients.JSON, new GenericUrl(google.tokenUrl()), tokens.refreshToken())
                        .setClientAuthentication(new ClientParametersAuthentication(CLIENT_ID, SECRET)).execute());

        assertThat(expired.getDetails().getError()).isEqualTo("invalid_grant");
    }

    @Test
    void a_token_without_the_calendar_list_scope_may_not_list_calendars() throws IOException {
        EmulatedUser eve = google.user("eve@example.com");
        String eventsOnly = eve.tokens(java.util.Set.of("https://www.googleapis.com/auth/calendar.events")).accessToken();
        Calendar calendar = GoogleClients.calendar(google, eventsOnly);

        GoogleJsonResponseException refused = GoogleClients.failure(() -> calendar.calendarList().list().execute());

        assertThat(refused.getStatusCode()).isEqualTo(403);
        assertThat(refused.getDetails().getErrors().get(0).getReason()).isEqualTo("insufficientPermissions");
        assertThat(calendar.events().list("primary").execute().getItems()).isEmpty();
    }
}
