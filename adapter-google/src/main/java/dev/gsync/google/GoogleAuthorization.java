package dev.gsync.google;

import com.google.api.client.auth.oauth2.AuthorizationCodeFlow;
import com.google.api.client.auth.oauth2.BearerToken;
import com.google.api.client.auth.oauth2.ClientParametersAuthentication;
import com.google.api.client.auth.oauth2.Credential;
import com.google.api.client.auth.oauth2.CredentialRefreshListener;
import com.google.api.client.auth.oauth2.TokenErrorResponse;
import com.google.api.client.auth.oauth2.TokenResponse;
import com.google.api.client.auth.oauth2.TokenResponseException;
import com.google.api.client.http.GenericUrl;
import com.google.api.client.http.HttpTransport;
import com.google.api.client.json.JsonFactory;
import dev.gsync.core.model.UserId;
import dev.gsync.core.port.CredentialStore;
import io.vavr.control.Either;
import io.vavr.control.Option;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Links a CRM user's Google account: the OAuth 2.0 authorization-code flow of a web application, with offline access
 * (a refresh token), forced consent (so a second linking also yields one), a {@code state} against forged callbacks and
 * PKCE (S256) against stolen codes. Tokens go to the core's {@link CredentialStore}; none is ever logged.
 *
 * <pre>
 *   URI url = authorization.consentUrl(user);          // send the browser there
 *   ... Google redirects to /oauth/callback?code=..&state=..
 *   Either&lt;String, UserId&gt; linked = authorization.complete(state, code);
 * </pre>
 *
 * A started consent is remembered in the {@link CredentialStore} for {@link #CONSENT_TIMEOUT} ({@link PendingConsents}):
 * any instance sharing that store can finish it, once.
 */
public final class GoogleAuthorization {
    private static final Logger log = LoggerFactory.getLogger(GoogleAuthorization.class);
    public static final Duration CONSENT_TIMEOUT = Duration.ofMinutes(10);

    private final GoogleConfig config;
    private final AuthorizationCodeFlow flow;
    private final SecureRandom random = new SecureRandom();
    private final PendingConsents pending;
    /** Users whose refresh was answered invalid_grant: the grant is gone until they link again. */
    private final java.util.Set<UserId> revoked = ConcurrentHashMap.newKeySet();
    /** Which user a loaded credential belongs to (refresh listeners see only the credential). */
    private final Map<Credential, UserId> owners = java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    public GoogleAuthorization(GoogleConfig config, CredentialStore store, HttpTransport transport, JsonFactory json, Clock clock) {
        this.config = config;
        this.pending = new PendingConsents(store, clock, CONSENT_TIMEOUT);
        try {
            this.flow = new AuthorizationCodeFlow.Builder(BearerToken.authorizationHeaderAccessMethod(), transport, json,
                    new GenericUrl(config.tokenUrl()), new ClientParametersAuthentication(config.clientId(), config.clientSecret()),
                    config.clientId(), config.authorizeUrl())
                    .setScopes(config.scopes().toJavaList())
                    .setDataStoreFactory(new CredentialStoreDataStoreFactory(store))
                    .addRefreshListener(new CredentialRefreshListener() {
                        @Override
                        public void onTokenResponse(Credential credential, TokenResponse tokenResponse) {
                        }

                        @Override
                        public void onTokenErrorResponse(Credential credential, TokenErrorResponse error) {
                            UserId user = owners.get(credential);
                            if (user != null && error != null && "invalid_grant".equals(error.getError())) {
                                revoked.add(user);
                                log.warn("Google refused to refresh the access of user {} (invalid_grant): they must link their account again", user);
                            }
                        }
                    })
                    .build();
        } catch (IOException e) {
            throw new IllegalStateException("cannot open the credential data store", e);
        }
    }

    /** The Google consent page to send this user's browser to. */
    public URI consentUrl(UserId user) {
        return consentUrl(user, Option.none());
    }

    /** The same, suggesting which Google account to sign in with ({@code login_hint}: an e-mail address). */
    public URI consentUrl(UserId user, Option<String> loginHint) {
        String verifier = randomToken(48);
        String state = pending.start(user, randomToken(32), verifier);
        return URI.create(flow.newAuthorizationUrl()
                .setRedirectUri(config.redirectUri().toString())
                .setState(state)
                .set("access_type", "offline")
                .set("prompt", "consent")
                .set("include_granted_scopes", "true")
                .set("code_challenge", challenge(verifier))
                .set("code_challenge_method", "S256")
                .set("login_hint", loginHint.getOrNull())
                .build());
    }

    /**
     * Finishes a consent: checks the state, exchanges the code (with the PKCE verifier) and stores the tokens.
     * Left: a readable reason (unknown or expired state, refused code, no refresh token).
     */
    public Either<String, UserId> complete(String state, String code) {
        PendingConsents.Pending started = pending.take(state).getOrNull();
        if (started == null) return Either.left("unknown or expired consent (state); please start linking again");
        if (code == null || code.isBlank()) return Either.left("Google sent no authorization code");
        try {
            TokenResponse tokens = flow.newTokenRequest(code)
                    .setRedirectUri(config.redirectUri().toString())
                    .set("code_verifier", started.verifier())
                    .execute();
            if (tokens.getRefreshToken() == null) {
                return Either.left("Google granted no offline access (no refresh token); remove gsync at "
                        + "https://myaccount.google.com/permissions and link again");
            }
            flow.createAndStoreCredential(tokens, started.user().value());
            revoked.remove(started.user());
            log.info("Google account linked for user {}", started.user());
            return Either.right(started.user());
        } catch (TokenResponseException e) {
            String error = e.getDetails() == null ? "HTTP " + e.getStatusCode() : e.getDetails().getError();
            return Either.left("Google refused the authorization code (" + error + ")");
        } catch (IOException e) {
            return Either.left("cannot reach Google's token endpoint: " + e.getMessage());
        }
    }

    /** The user's stored credential (it refreshes itself and saves refreshed tokens); None when not linked. */
    public Option<Credential> credential(UserId user) {
        try {
            Option<Credential> loaded = Option.of(flow.loadCredential(user.value())).filter(c -> c.getRefreshToken() != null);
            loaded.forEach(c -> owners.put(c, user));
            return loaded;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the credential store for " + user, e);
        }
    }

    /** True once Google answered invalid_grant for the user's refresh token (revoked, expired): link again. */
    public boolean grantRevoked(UserId user) {
        return revoked.contains(user);
    }

    public boolean isLinked(UserId user) {
        return credential(user).isDefined();
    }

    /** Forgets the user's tokens (gsync side only; the user can also revoke the grant at Google). */
    public void unlink(UserId user) {
        try {
            flow.getCredentialDataStore().delete(user.value());
        } catch (IOException e) {
            throw new IllegalStateException("cannot update the credential store for " + user, e);
        }
    }

    private String randomToken(int bytes) {
        byte[] data = new byte[bytes];
        random.nextBytes(data);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(data);
    }

    static String challenge(String verifier) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
