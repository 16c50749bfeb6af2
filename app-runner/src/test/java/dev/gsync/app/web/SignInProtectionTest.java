package dev.gsync.app.web;

import dev.gsync.app.RunnerFixtureAccess;
import dev.gsync.app.VtigerAccountsFixture;
import dev.gsync.app.config.ConfigKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The vtiger sign-in and the admin login over real HTTP: failed attempts are limited per user name and per client
 * address, and every form without a secret of its own needs the browser's form token (CSRF).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignInProtectionTest {
    private static final Pattern TOKEN = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private RunnerFixtureAccess runner;
    private String vtiger;

    @BeforeAll
    void start() {
        runner = RunnerFixtureAccess.start(false);
        vtiger = runner.services().config().get(ConfigKey.CRM_JDBC_URL);
        VtigerAccountsFixture.addSignInTables(vtiger);
        VtigerAccountsFixture.setPasswordPhash(vtiger, "erin", "erin-s3cret");
        VtigerAccountsFixture.setPasswordPhash(vtiger, "bob", "bob-s3cret");
    }

    @AfterAll
    void stop() throws Exception {
        if (runner != null) runner.close();
    }

    @BeforeEach
    void freshCounts() {
        runner.web().withSignInLimits(FailedSignIns.Limits.DEFAULT);
    }

    /** A browser of its own: its own cookies. */
    private static HttpClient browser() {
        return HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    private HttpResponse<String> get(HttpClient client, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(runner.web().links().baseUrl() + path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(HttpClient client, String path, Map<String, String> form) throws Exception {
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return client.send(HttpRequest.newBuilder(URI.create(runner.web().links().baseUrl() + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The form token a page gave this browser. */
    private String tokenFrom(HttpResponse<String> page) {
        Matcher m = TOKEN.matcher(page.body());
        assertThat(m.find()).as("the page's form has a token:\n%s", page.body()).isTrue();
        return m.group(1);
    }

    private HttpResponse<String> signIn(HttpClient client, String token, String user, String password) throws Exception {
        Map<String, String> form = new LinkedHashMap<>();
        if (token != null) form.put("csrf", token);
        form.put("user", user);
        form.put("password", password);
        return post(client, "/signin", form);
    }

    @Test
    void a_sign_in_without_the_browsers_form_token_is_refused_before_the_password_is_looked_at() throws Exception {
        HttpClient victim = browser();
        String token = tokenFrom(get(victim, "/signin"));

        // another site makes the browser post: it cannot read the token, nor set gsync's cookie
        assertThat(signIn(victim, null, "bob", "bob-s3cret").statusCode()).isEqualTo(403);
        HttpClient attacker = browser();
        String attackersToken = tokenFrom(get(attacker, "/signin"));
        HttpResponse<String> forged = signIn(victim, attackersToken, "bob", "bob-s3cret");
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("expired or came from another site");
        assertThat(signIn(browser(), token, "bob", "bob-s3cret").statusCode()).as("a token without its cookie").isEqualTo(403);

        HttpResponse<String> real = signIn(victim, token, "bob", "bob-s3cret");
        assertThat(real.statusCode()).isEqualTo(302);
        assertThat(real.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).contains("/u/bob?t="));
    }

    @Test
    void five_wrong_passwords_for_a_name_hold_that_name_back_even_with_the_right_one_while_others_still_sign_in() throws Exception {
        HttpClient client = browser();
        String token = tokenFrom(get(client, "/signin"));
        for (int i = 0; i < 5; i++)
            assertThat(signIn(client, token, "erin", "guess-" + i).statusCode()).isEqualTo(403);

        HttpResponse<String> held = signIn(client, token, "ERIN", "erin-s3cret");
        assertThat(held.statusCode()).isEqualTo(429);
        assertThat(held.headers().firstValue("Retry-After")).hasValueSatisfying(s -> assertThat(Long.parseLong(s)).isBetween(1L, 900L));
        assertThat(held.body()).contains("Too many failed attempts").doesNotContain("erin-s3cret");
        assertThat(signIn(client, token, "bob", "bob-s3cret").statusCode()).as("another user from the same address").isEqualTo(302);
    }

    @Test
    void twenty_failures_from_one_address_hold_back_every_name_from_it() throws Exception {
        HttpClient client = browser();
        String token = tokenFrom(get(client, "/signin"));
        for (int i = 0; i < 20; i++)
            assertThat(signIn(client, token, "nobody-" + i, "guess").statusCode()).isEqualTo(403);

        assertThat(signIn(client, token, "bob", "bob-s3cret").statusCode()).isEqualTo(429);
    }

    @Test
    void the_admin_login_and_the_admins_forms_need_the_form_token_and_failed_logins_are_limited() throws Exception {
        HttpClient admin = browser();
        String token = tokenFrom(get(admin, "/admin"));
        assertThat(post(admin, "/admin/login", Map.of("token", RunnerFixtureAccess.adminToken())).statusCode()).isEqualTo(403);
        assertThat(post(admin, "/admin/login", Map.of("token", RunnerFixtureAccess.adminToken(), "csrf", token)).statusCode()).isEqualTo(302);
        String clientId = runner.services().googleClient().current().get().clientId();

        // logged in, yet a post without the token (another site's form) changes nothing
        assertThat(post(admin, "/admin/google", Map.of("clientId", "forged-client")).statusCode()).isEqualTo(403);
        assertThat(post(admin, "/admin/deletions/alice/confirm", Map.of()).statusCode()).isEqualTo(403);
        assertThat(runner.services().googleClient().current().get().clientId()).isEqualTo(clientId);
        String pageToken = tokenFrom(get(admin, "/admin"));
        assertThat(post(admin, "/admin/google", Map.of("clientId", clientId, "csrf", pageToken)).statusCode()).isEqualTo(302);

        HttpClient guesser = browser();
        String guessersToken = tokenFrom(get(guesser, "/admin"));
        for (int i = 0; i < 20; i++)
            assertThat(post(guesser, "/admin/login", Map.of("token", "guess-" + i, "csrf", guessersToken)).statusCode()).isEqualTo(403);
        assertThat(post(guesser, "/admin/login", Map.of("token", RunnerFixtureAccess.adminToken(), "csrf", guessersToken)).statusCode()).isEqualTo(429);
    }

    @Test
    void counts_end_with_their_window_and_memory_stays_bounded() {
        Instant[] now = {Instant.parse("2026-12-05T08:00:00Z")};
        Clock clock = new Clock() {
            @Override public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
            @Override public Clock withZone(java.time.ZoneId zone) { return this; }
            @Override public Instant instant() { return now[0]; }
        };
        FailedSignIns limits = new FailedSignIns(new FailedSignIns.Limits(3, 2, Duration.ofMinutes(15), 100), clock);
        limits.failed("10.0.0.1", "erin");
        limits.failed("10.0.0.2", "erin");
        assertThat(limits.refusedFor("10.0.0.3", "erin")).isNotEmpty();
        now[0] = now[0].plus(Duration.ofMinutes(15));
        assertThat(limits.refusedFor("10.0.0.3", "erin")).as("the window has passed").isEmpty();

        for (int i = 0; i < 5_000; i++) limits.failed("10.1." + (i / 256) + "." + (i % 256), "user-" + i + "x".repeat(1_000));
        assertThat(limits.keysKept()).isLessThanOrEqualTo(200);
    }
}
