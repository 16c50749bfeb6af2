package dev.gsync.app;

import dev.gsync.core.model.UserId;
import io.vavr.control.Either;

import java.net.URI;

/**
 * Linking a user's Google account through the OAuth authorization-code flow with PKCE. The caller (the web
 * server) makes and keeps {@code state} and the code verifier; the adapter talks to Google and keeps the tokens.
 */
public interface GoogleAccounts {
    /** Where to send the user's browser to give consent. */
    URI consentUrl(UserId user, String state, String codeChallenge, URI redirectUri);

    /** Trades the code from the callback for tokens and stores them for the user. Left: why it failed, plainly. */
    Either<String, UserId> link(UserId user, String code, String codeVerifier, URI redirectUri);

    boolean isLinked(UserId user);

    /** Forgets the user's tokens (and revokes them where the provider allows). */
    void unlink(UserId user);
}
