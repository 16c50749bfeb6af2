package dev.gsync.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import com.google.api.client.auth.oauth2.StoredCredential;
import com.google.api.client.util.IOUtils;
import dev.gsync.app.config.ConfigKey;
import dev.gsync.app.demo.BrowserlessConsent;
import dev.gsync.core.model.CalendarItem;
import dev.gsync.core.model.Timing;
import dev.gsync.core.model.UserId;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After a real OAuth link, a sync both ways, a token refresh, a user page and an admin login: no secret in plain text
 * in any table of the state database (every column of every row, read back), and none in any log line of the whole
 * scenario, captured at DEBUG from every logger but Jetty's (pinned at INFO by the shipped logback.xml). Secrets: the Google client secret, the access and refresh tokens
 * (read back through the credential store, which decrypts them), a vtiger access key stored as
 * {@code crm.rest.keys=store} stores it, the state DB password, the state encryption key,
 * the link-signing key and the admin token.
 */
class SecretsAtRestAndInLogsTest {

    @Test
    void no_secret_is_stored_in_plain_text_or_logged() throws Exception {
        String statePassword = "state-db-password-" + UUID.randomUUID();
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level level = root.getLevel();
        root.setLevel(Level.DEBUG);
        // as the shipped logback.xml pins it: Jetty's DEBUG prints request headers (here the emulator's Authorization)
        Logger jetty = (Logger) LoggerFactory.getLogger("org.eclipse.jetty");
        Level jettyLevel = jetty.getLevel();
        jetty.setLevel(Level.INFO);
        root.addAppender(logs);
        try (RunnerFixture runner = new RunnerFixture(true, false, Map.of(ConfigKey.STATE_JDBC_PASSWORD, statePassword))) {
            UserId alice = UserId.of("alice");
            Instant start = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
            runner.addToCrm(alice, CalendarItem.event("Board meeting", new Timing.Timed(start, start.plus(1, ChronoUnit.HOURS), ZoneId.of("UTC"))));
            assertThat(BrowserlessConsent.follow(runner.web.links().connectLink(alice)).status()).isEqualTo(200);
            StoredCredential first = credential(runner, alice);
            assertThat(runner.services.userSync().sync(alice, false).outcome()).isEqualTo(Outcome.OK);
            runner.emulator.user(RunnerFixture.GOOGLE_ACCOUNT).expireAccessTokens();
            runner.addToCrm(alice, CalendarItem.event("Second meeting", new Timing.Timed(start.plusSeconds(7200), start.plusSeconds(10800), ZoneId.of("UTC"))));
            assertThat(runner.services.userSync().sync(alice, false).outcome()).isEqualTo(Outcome.OK);
            StoredCredential refreshed = credential(runner, alice);
            HttpClient http = HttpClient.newHttpClient();
            assertThat(http.send(HttpRequest.newBuilder(runner.web.links().userPage(alice)).build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            // the admin login as a browser does it: the login page's form token and cookie, then the token
            HttpResponse<String> loginPage = http.send(HttpRequest.newBuilder(runner.web.links().baseUrl().resolve("/admin")).build(), HttpResponse.BodyHandlers.ofString());
            java.util.regex.Matcher formToken = java.util.regex.Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(loginPage.body());
            assertThat(formToken.find()).isTrue();
            HttpResponse<String> login = http.send(HttpRequest.newBuilder(runner.web.links().baseUrl().resolve("/admin/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Cookie", loginPage.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0])
                    .POST(HttpRequest.BodyPublishers.ofString("token=" + RunnerFixture.ADMIN_TOKEN + "&csrf="
                            + java.net.URLEncoder.encode(formToken.group(1), java.nio.charset.StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).as("admin login").isEqualTo(302);

            // a vtiger access key kept where crm.rest.keys=store keeps it (AccessKeySource.credentialStore)
            String accessKey = "vtigerKey" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            runner.services.credentials().save(alice, "vtiger.accesskey", accessKey);

            Map<String, String> secrets = new LinkedHashMap<>();
            secrets.put("vtiger access key", accessKey);
            secrets.put("google client secret", runner.services.config().get(ConfigKey.GOOGLE_CLIENT_SECRET));
            secrets.put("first access token", first.getAccessToken());
            secrets.put("refreshed access token", refreshed.getAccessToken());
            secrets.put("refresh token", refreshed.getRefreshToken());
            secrets.put("state DB password", statePassword);
            secrets.put("state encryption key", runner.services.config().get(ConfigKey.STATE_ENCRYPTION_KEY));
            secrets.put("link key", runner.services.config().get(ConfigKey.WEB_LINK_KEY));
            secrets.put("admin token", RunnerFixture.ADMIN_TOKEN);
            assertThat(refreshed.getAccessToken()).as("the token was refreshed").isNotEqualTo(first.getAccessToken());
            secrets.values().forEach(secret -> assertThat(secret).hasSizeGreaterThan(8));

            // at rest: every cell of every table of gsync's database
            List<String> cells = new ArrayList<>();
            try (Connection c = DriverManager.getConnection(runner.services.config().get(ConfigKey.STATE_JDBC_URL), "sa", statePassword);
                 Statement s = c.createStatement()) {
                List<String> tables = new ArrayList<>();
                try (ResultSet t = s.executeQuery("select table_name from information_schema.tables where table_schema = 'PUBLIC'")) {
                    while (t.next()) tables.add(t.getString(1));
                }
                assertThat(tables).anyMatch(t -> t.toLowerCase().endsWith("credential"));
                for (String table : tables) {
                    try (ResultSet rows = s.executeQuery("select * from \"" + table + "\"")) {
                        while (rows.next()) {
                            for (int col = 1; col <= rows.getMetaData().getColumnCount(); col++) {
                                cells.add(table + "." + rows.getMetaData().getColumnName(col) + "=" + rows.getString(col));
                            }
                        }
                    }
                }
            }
            assertThat(cells).as("cells read").hasSizeGreaterThan(20);
            assertThat(cells).anyMatch(cell -> cell.toLowerCase().contains("credential.sealed="));
            List<String> atRest = found(secrets, cells);
            assertThat(atRest).as("secrets in the state database").isEmpty();

            // in the logs: message, arguments as formatted, and every exception's message
            List<String> lines = new ArrayList<>();
            for (ILoggingEvent event : List.copyOf(logs.list)) {
                lines.add(event.getLoggerName() + " " + event.getFormattedMessage());
                for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) lines.add(t.getClassName() + ": " + t.getMessage());
            }
            assertThat(lines).as("log lines captured").hasSizeGreaterThan(50);
            assertThat(found(secrets, lines)).as("secrets in the logs").isEmpty();
        } finally {
            root.detachAppender(logs);
            root.setLevel(level);
            jetty.setLevel(jettyLevel);
        }
    }

    private static StoredCredential credential(RunnerFixture runner, UserId user) throws Exception {
        String sealed = runner.services.credentials().load(user, "google-oauth/" + StoredCredential.DEFAULT_DATA_STORE_ID).getOrElseThrow(() -> new AssertionError("no credential"));
        return IOUtils.deserialize(Base64.getDecoder().decode(sealed));
    }

    private static List<String> found(Map<String, String> secrets, List<String> texts) {
        List<String> hits = new ArrayList<>();
        for (String text : texts) {
            if (text == null) continue;
            secrets.forEach((name, secret) -> {
                if (text.contains(secret)) hits.add(name + " in: " + (text.length() > 300 ? text.substring(0, 300) + "…" : text));
            });
        }
        return hits;
    }
}
