package dev.gsync.app.web;

import dev.gsync.core.model.UserId;
import dev.gsync.core.port.CredentialStore;
import io.vavr.control.Either;
import io.vavr.control.Try;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * The OAuth {@code state} and PKCE verifier of a consent in progress. Kept in the credential store (the shared state
 * database), so the callback may land on any instance of a cluster. A state is bound to one user, used once
 * (any callback consumes it, good or bad), and expires; a new consent for the user replaces the old one.
 */
public final class PendingConsents {
    static final String NAME = "oauth.pending";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final CredentialStore store;
    private final Clock clock;
    private final Duration lifetime;
    private final SecureRandom random = new SecureRandom();

    public PendingConsents(CredentialStore store, Clock clock, Duration lifetime) {
        this.store = store;
        this.clock = clock;
        this.lifetime = lifetime;
    }

    /** What goes into the consent URL: the state, and the S256 challenge of the verifier kept here. */
    public record Started(String state, String codeChallenge) {}

    /** What the callback needs to finish: whose consent it was and the PKCE verifier. */
    public record Verified(UserId user, String codeVerifier) {}

    public Started start(UserId user) {
        String nonce = randomToken(24);
        String verifier = randomToken(48);   // 64 characters, within RFC 7636's 43..128
        Instant expires = clock.instant().plus(lifetime);
        store.save(user, NAME, nonce + " " + verifier + " " + expires.getEpochSecond());
        return new Started(B64.encodeToString(user.value().getBytes(StandardCharsets.UTF_8)) + "." + nonce, challenge(verifier));
    }

    public Either<String, Verified> complete(String state) {
        if (state == null || !state.contains(".")) return Either.left("the sign-in link is invalid (no state)");
        String[] part = state.split("\\.", 2);
        Try<UserId> user = Try.of(() -> UserId.of(new String(Base64.getUrlDecoder().decode(part[0]), StandardCharsets.UTF_8)));
        if (user.isFailure()) return Either.left("the sign-in link is invalid (bad state)");
        var pending = store.load(user.get(), NAME);
        if (pending.isEmpty()) return Either.left("this sign-in was already used or never started; start again from the settings page");
        store.delete(user.get(), NAME);                       // single use, whatever happens next
        String[] saved = pending.get().split(" ");
        if (saved.length != 3 || !MessageDigest.isEqual(saved[0].getBytes(StandardCharsets.UTF_8), part[1].getBytes(StandardCharsets.UTF_8)))
            return Either.left("this sign-in does not match the one started for the user; start again from the settings page");
        if (clock.instant().isAfter(Instant.ofEpochSecond(Long.parseLong(saved[2]))))
            return Either.left("this sign-in has expired; start again from the settings page");
        return Either.right(new Verified(user.get(), saved[1]));
    }

    private String randomToken(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return B64.encodeToString(b);
    }

    static String challenge(String verifier) {
        try {
            return B64.encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
