package dev.gsync.google;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.google.api.client.auth.oauth2.Credential;
import dev.gsync.core.model.ItemKind;
import dev.gsync.core.model.SyncSettings;
import dev.gsync.core.model.UserId;
import dev.gsync.core.port.CalendarFailure;
import dev.gsync.core.port.Cursor;
import dev.gsync.core.port.GoogleCalendar;
import dev.gsync.core.port.Write;
import dev.gsync.emulator.EmulatedUser;
import io.vavr.collection.HashSet;
import io.vavr.control.Option;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.gson.GsonFactory;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Linking a Google account through the real OAuth client against the emulator's authorize and token endpoints. */
class GoogleAuthorizationTest {
    private static EmulatedGoogle google;

    @BeforeAll
    static void start() {
        google = EmulatedGoogle.start();
    }

    @AfterAll
    static void stop() {
        google.close();
    }

    private static final SyncSettings EVENTS = SyncSettings.defaults().withKinds(HashSet.of(ItemKind.EVENT));

    @Test
    void the_consent_url_asks_for_offline_access_forced_consent_state_and_pkce() {
        URI url = google.authorization.consentUrl(UserId.of("ann"));

        Map<String, String> query = EmulatedGoogle.query(url);
        assertThat(url.toString()).startsWith(google.emulator.authorizeUrl());
        assertThat(query).containsEntry("access_type", "offline").containsEntry("prompt", "consent")
                .containsEntry("code_challenge_method", "S256").containsEntry("response_type", "code")
                .containsEntry("client_id", "gsync-test-client").containsEntry("redirect_uri", EmulatedGoogle.CALLBACK.toString());
        assertThat(query.get("state")).hasSizeGreaterThan(30);
        assertThat(query.get("code_challenge")).matches("[A-Za-z0-9_-]{43}");
        assertThat(query.get("scope").split(" ")).containsExactlyInAnyOrderElementsOf(GoogleConfig.SCOPES);
        assertThat(EmulatedGoogle.query(google.authorization.consentUrl(UserId.of("ann"))).get("state")).isNotEqualTo(query.get("state"));
    }

    @Test
    void a_code_exchanged_once_links_the_account_and_its_state_cannot_be_replayed() {
        UserId user = UserId.of("carl@example.com");
        URI callback = EmulatedGoogle.redirectOf(google.authorization.consentUrl(user, Option.of("carl@example.com")));
        Map<String, String> answer = EmulatedGoogle.query(callback);

        assertThat(google.authorization.complete(answer.get("state"), answer.get("code")).get()).isEqualTo(user);
        assertThat(google.authorization.complete(answer.get("state"), answer.get("code")).getLeft()).contains("state");
        assertThat(google.authorization.complete("forged", "whatever").isLeft()).isTrue();
        assertThat(google.authorization.isLinked(user)).isTrue();
        assertThat(google.calendars.forUser(user, EVENTS).changesSince(Cursor.START).isRight()).isTrue();
    }

    @Test
    void a_consent_started_on_one_instance_is_finished_on_another_sharing_the_store_once() {
        GoogleAuthorization other = new GoogleAuthorization(google.config, google.store, new NetHttpTransport(), GsonFactory.getDefaultInstance(), Clock.systemUTC());
        UserId user = UserId.of("hana@example.com");
        Map<String, String> answer = EmulatedGoogle.query(EmulatedGoogle.redirectOf(google.authorization.consentUrl(user, Option.of("hana@example.com"))));
        assertThat(google.store.load(user, PendingConsents.NAME).isDefined()).isTrue();

        assertThat(other.complete(answer.get("state"), answer.get("code")).get()).isEqualTo(user);
        assertThat(google.authorization.isLinked(user)).isTrue();
        assertThat(google.store.load(user, PendingConsents.NAME)).isEmpty();
        // replayed on either instance: refused
        assertThat(other.complete(answer.get("state"), answer.get("code")).getLeft()).contains("state");
        assertThat(google.authorization.complete(answer.get("state"), answer.get("code")).getLeft()).contains("state");
    }

    @Test
    void a_consent_older_than_the_timeout_is_refused_on_any_instance() {
        MovableClock clock = new MovableClock(Instant.parse("2030-01-01T08:00:00Z"));
        GoogleAuthorization starting = new GoogleAuthorization(google.config, google.store, new NetHttpTransport(), GsonFactory.getDefaultInstance(), clock);
        GoogleAuthorization finishing = new GoogleAuthorization(google.config, google.store, new NetHttpTransport(), GsonFactory.getDefaultInstance(), clock);
        UserId user = UserId.of("ivan@example.com");
        Map<String, String> late = EmulatedGoogle.query(EmulatedGoogle.redirectOf(starting.consentUrl(user, Option.of("ivan@example.com"))));
        clock.now = clock.now.plus(GoogleAuthorization.CONSENT_TIMEOUT).plusSeconds(1);

        assertThat(finishing.complete(late.get("state"), late.get("code")).getLeft()).contains("expired");
        assertThat(finishing.isLinked(user)).isFalse();
        // a fresh consent, finished within the timeout, still works; a forged user or nonce in the state does not
        Map<String, String> fresh = EmulatedGoogle.query(EmulatedGoogle.redirectOf(starting.consentUrl(user, Option.of("ivan@example.com"))));
        String nonce = fresh.get("state").substring(fresh.get("state").lastIndexOf('.') + 1);
        String otherUser = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("mallory".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(finishing.complete(otherUser + "." + nonce, fresh.get("code")).isLeft()).isTrue();
        assertThat(finishing.complete(fresh.get("state") + "x", fresh.get("code")).isLeft()).isTrue();
        clock.now = clock.now.plus(GoogleAuthorization.CONSENT_TIMEOUT).minusSeconds(1);
        assertThat(finishing.complete(fresh.get("state"), fresh.get("code")).get()).isEqualTo(user);
    }

    /** A clock the test moves by hand. */
    private static final class MovableClock extends Clock {
        volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void a_wrong_pkce_verifier_is_refused_by_the_token_endpoint() {
        UserId user = UserId.of("dora@example.com");
        URI callback = EmulatedGoogle.redirectOf(google.authorization.consentUrl(user, Option.of("dora@example.com")));
        Map<String, String> answer = EmulatedGoogle.query(callback);
        // a second consent for someone else: its state carries another verifier
        URI other = EmulatedGoogle.redirectOf(google.authorization.consentUrl(UserId.of("eve"), Option.of("dora@example.com")));

        assertThat(google.authorization.complete(EmulatedGoogle.query(other).get("state"), answer.get("code")).getLeft())
                .contains("refused");
        assertThat(google.authorization.isLinked(UserId.of("eve"))).isFalse();
    }

    @Test
    void an_expired_access_token_is_refreshed_and_the_new_one_saved_without_logging_any_token() {
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(logs);
        try {
            String email = "fred@example.com";
            EmulatedUser fred = google.user(email);
            UserId user = google.link(email);
            Credential before = google.authorization.credential(user).get();
            GoogleCalendar adapter = google.calendars.forUser(user, EVENTS);
            assertThat(adapter.changesSince(Cursor.START).isRight()).isTrue();
            long tokenCalls = google.emulator.stats().tokenRequests();

            fred.expireAccessTokens();
            var after = adapter.write(new Write.Create(GoogleApiCalendarTestItems.meeting("After refresh"), GoogleApiCalendarTestItems.key("r1")));

            assertThat(after.isRight()).as("%s", after).isTrue();
            assertThat(google.emulator.stats().tokenRequests()).isGreaterThan(tokenCalls);
            Credential saved = google.authorization.credential(user).get();
            assertThat(saved.getAccessToken()).isNotEqualTo(before.getAccessToken());
            assertThat(saved.getRefreshToken()).isEqualTo(before.getRefreshToken());
            for (ILoggingEvent event : logs.list) {
                assertThat(event.getFormattedMessage()).doesNotContain(before.getAccessToken(), saved.getAccessToken(), saved.getRefreshToken());
            }
        } finally {
            root.detachAppender(logs);
        }
    }

    @Test
    void a_revoked_grant_asks_for_authorisation_again_on_reads_and_writes() {
        String email = "gina@example.com";
        EmulatedUser gina = google.user(email);
        UserId user = google.link(email);
        GoogleCalendar adapter = google.calendars.forUser(user, EVENTS);
        assertThat(adapter.changesSince(Cursor.START).isRight()).isTrue();

        gina.revokeGrants();
        var read = adapter.changesSince(Cursor.START);
        var write = adapter.write(new Write.Create(GoogleApiCalendarTestItems.meeting("x"), GoogleApiCalendarTestItems.key("x")));

        assertThat(read.getLeft()).isInstanceOf(CalendarFailure.AuthorizationRequired.class);
        assertThat(read.getLeft().describe()).contains("invalid_grant").contains("link");
        assertThat(write.getLeft()).isInstanceOf(CalendarFailure.AuthorizationRequired.class);
        assertThat(google.authorization.grantRevoked(user)).isTrue();

        google.link(email);   // linking again clears it
        assertThat(google.authorization.grantRevoked(user)).isFalse();
        assertThat(google.calendars.forUser(user, EVENTS).changesSince(Cursor.START).isRight()).isTrue();
    }

    @Test
    void a_user_who_never_linked_is_asked_to() {
        GoogleCalendar adapter = google.calendars.forUser(UserId.of("nobody"), EVENTS);

        assertThat(adapter.changesSince(Cursor.START).getLeft()).isInstanceOf(CalendarFailure.AuthorizationRequired.class);
        assertThat(adapter.write(new Write.Create(GoogleApiCalendarTestItems.meeting("x"), GoogleApiCalendarTestItems.key("x"))).getLeft())
                .isInstanceOf(CalendarFailure.AuthorizationRequired.class);
    }
}
