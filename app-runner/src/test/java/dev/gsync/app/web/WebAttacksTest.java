package dev.gsync.app.web;

import dev.gsync.app.RunnerFixtureAccess;
import dev.gsync.core.model.UserId;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web pages under attack, over real HTTP: a user's page opens only with that user's signed link, the admin pages
 * only after logging in with the admin token, and every answer carries the security headers (CSP with
 * frame-ancestors 'none', Referrer-Policy no-referrer, nosniff).
 */
class WebAttacksTest {
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static RunnerFixtureAccess runner;

    @org.junit.jupiter.api.BeforeAll
    static void start() {
        runner = RunnerFixtureAccess.start(true);
    }

    @org.junit.jupiter.api.AfterAll
    static void stop() throws Exception {
        runner.close();
    }

    @Test
    void every_answer_carries_the_security_headers() throws Exception {
        {
            URI base = runner.web().links().baseUrl();
            for (URI uri : List.of(base.resolve("/"), runner.web().links().userPage(UserId.of("alice")), base.resolve("/admin"),
                    base.resolve("/oauth/callback?state=forged&code=x"), base.resolve("/no-such-page"), base.resolve("/u/alice"))) {
                HttpResponse<String> answer = get(uri, null);
                assertThat(answer.headers().firstValue("Content-Security-Policy")).as(uri.toString())
                        .hasValueSatisfying(csp -> assertThat(csp).contains("frame-ancestors 'none'").contains("default-src 'none'")
                                .doesNotContain("script-src"));
                assertThat(answer.headers().firstValue("Referrer-Policy")).as(uri.toString()).contains("no-referrer");
                assertThat(answer.headers().firstValue("X-Content-Type-Options")).as(uri.toString()).contains("nosniff");
            }
        }
    }

    @Test
    void a_users_page_opens_only_with_that_users_link() throws Exception {
        {
            URI alices = runner.web().links().userPage(UserId.of("alice"));
            URI bobs = runner.web().links().userPage(UserId.of("bob"));
            URI base = runner.web().links().baseUrl();
            URI bobsSignatureOnAlice = base.resolve("/u/alice?" + bobs.getRawQuery());
            URI tampered = URI.create(alices.toString().replaceAll("sig=.", "sig=A"));

            assertThat(get(alices, null).statusCode()).isEqualTo(200);
            assertThat(get(bobsSignatureOnAlice, null).statusCode()).isEqualTo(403);
            assertThat(get(base.resolve("/u/alice"), null).statusCode()).isEqualTo(403);
            assertThat(get(tampered, null).statusCode()).isEqualTo(403);
            // a change under Bob's link to Alice's settings is refused too
            HttpResponse<String> post = http.send(HttpRequest.newBuilder(base.resolve("/u/alice/settings"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(bobs.getRawQuery() + "&direction=GOOGLE_TO_CRM")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).isEqualTo(403);
            // every form that changes a user's state needs the user's signed link in its body: a page elsewhere
            // cannot post one (the link is the form's CSRF token; no Referer carries it away)
            for (String form : List.of("/u/alice/settings", "/u/alice/connect", "/u/alice/disconnect", "/u/alice/deletions/confirm", "/u/alice/deletions/discard")) {
                assertThat(postForm(base.resolve(form), "direction=GOOGLE_TO_CRM", null).statusCode()).as(form).isEqualTo(403);
            }
        }
    }

    @Test
    void the_admin_pages_open_only_after_logging_in_with_the_token() throws Exception {
        {
            URI base = runner.web().links().baseUrl();

            assertThat(get(base.resolve("/admin"), null).body()).contains("Admin token").doesNotContain("Google OAuth client");
            assertThat(get(base.resolve("/admin/runs/alice"), null).statusCode()).isEqualTo(403);
            assertThat(get(base.resolve("/admin/runs/alice"), "gsync_admin=99999999999.forged").statusCode()).isEqualTo(403);
            assertThat(postForm(base.resolve("/admin/google"), "clientId=attacker&clientSecret=x", null).statusCode()).isEqualTo(403);
            assertThat(postForm(base.resolve("/admin/login"), "token=wrong", null).statusCode()).isEqualTo(403);

            assertThat(postForm(base.resolve("/admin/login"), "token=" + RunnerFixtureAccess.adminToken(), null).statusCode())
                    .as("the right token without the login form's token").isEqualTo(403);
            HttpResponse<String> loginPage = get(base.resolve("/admin"), null);
            String formCookie = loginPage.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
            java.util.regex.Matcher formToken = java.util.regex.Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(loginPage.body());
            assertThat(formToken.find()).isTrue();
            HttpResponse<String> login = postForm(base.resolve("/admin/login"), "token=" + RunnerFixtureAccess.adminToken() + "&csrf="
                    + java.net.URLEncoder.encode(formToken.group(1), java.nio.charset.StandardCharsets.UTF_8), formCookie);
            String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
            // the session cookie is never sent with another site's request; the admin forms carry a form token besides
            assertThat(setCookie).containsIgnoringCase("SameSite=Strict").containsIgnoringCase("HttpOnly");
            String cookie = setCookie.split(";")[0];
            assertThat(get(base.resolve("/admin"), cookie).body()).contains("Google OAuth client");
            assertThat(get(base.resolve("/admin/runs/alice"), cookie).statusCode()).isEqualTo(200);
        }
    }

    private HttpResponse<String> get(URI uri, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
        if (cookie != null) request.header("Cookie", cookie);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postForm(URI uri, String form, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (cookie != null) request.header("Cookie", cookie);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
