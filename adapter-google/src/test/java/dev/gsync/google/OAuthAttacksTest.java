package dev.gsync.google;

import dev.gsync.core.model.UserId;
import io.vavr.control.Either;
import io.vavr.control.Option;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OAuth callback under attack, against the emulator's authorize and token endpoints (forged, replayed and expired
 * states are in GoogleAuthorizationTest): a callback started for one user cannot link another, and a code issued to
 * another OAuth client is refused by the token endpoint and links nobody.
 */
class OAuthAttacksTest {
    private static EmulatedGoogle google;

    @BeforeAll
    static void start() {
        google = EmulatedGoogle.start();
    }

    @AfterAll
    static void stop() {
        google.close();
    }

    @Test
    void a_callback_started_for_one_user_links_that_user_only() {
        UserId ann = UserId.of("ann-attack@example.com");
        UserId bob = UserId.of("bob-attack@example.com");
        Map<String, String> annAnswer = EmulatedGoogle.query(EmulatedGoogle.redirectOf(google.authorization.consentUrl(ann, Option.of("ann-attack@example.com"))));
        Map<String, String> bobAnswer = EmulatedGoogle.query(EmulatedGoogle.redirectOf(google.authorization.consentUrl(bob, Option.of("bob-attack@example.com"))));

        // Bob's code under Ann's state: the state names Ann and holds Ann's PKCE verifier, so the exchange fails
        Either<String, UserId> crossed = google.authorization.complete(annAnswer.get("state"), bobAnswer.get("code"));
        assertThat(crossed.isLeft()).as("%s", crossed).isTrue();
        assertThat(google.authorization.isLinked(ann)).isFalse();
        assertThat(google.authorization.isLinked(bob)).isFalse();

        // a genuine callback links the user its state was issued for, and nobody else
        UserId carl = UserId.of("carl-attack@example.com");
        Map<String, String> carlAnswer = EmulatedGoogle.query(EmulatedGoogle.redirectOf(google.authorization.consentUrl(carl, Option.of("carl-attack@example.com"))));
        assertThat(google.authorization.complete(carlAnswer.get("state"), carlAnswer.get("code")).get()).isEqualTo(carl);
        assertThat(google.authorization.isLinked(bob)).isFalse();
    }

    @Test
    void a_code_issued_to_another_oauth_client_links_nobody() {
        UserId dora = UserId.of("dora-attack@example.com");
        URI ours = google.authorization.consentUrl(dora, Option.of("dora-attack@example.com"));
        URI theirs = URI.create(ours.toString().replace("client_id=gsync-test-client", "client_id=someone-elses-client"));
        assertThat(theirs).isNotEqualTo(ours);
        Map<String, String> answer = EmulatedGoogle.query(EmulatedGoogle.redirectOf(theirs));

        Either<String, UserId> linked = google.authorization.complete(answer.get("state"), answer.get("code"));

        assertThat(linked.isLeft()).as("%s", linked).isTrue();
        assertThat(google.authorization.isLinked(dora)).isFalse();
    }
}
