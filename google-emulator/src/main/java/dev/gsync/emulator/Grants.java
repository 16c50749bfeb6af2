package dev.gsync.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * OAuth state: registered clients, authorization codes, grants (one per consent, holding the refresh token)
 * and access tokens. Rules follow Google: codes are single use, a refresh token comes only with
 * access_type=offline on first consent or prompt=consent, refresh never rotates it, revoking either token
 * kills the whole grant, and at most 100 live refresh tokens per user and client (the oldest goes silently).
 */
final class Grants {
    static final int MAX_REFRESH_TOKENS_PER_CLIENT = 100;
    private static final Duration CODE_LIFETIME = Duration.ofMinutes(10);

    record Client(String id, String secret, Set<String> redirectUris) {}

    static final class Grant {
        final String user;
        final String clientId;
        final Set<String> scopes;
        final String refreshToken;
        final Instant created;
        boolean revoked;

        Grant(String user, String clientId, Set<String> scopes, String refreshToken, Instant created) {
            this.user = user;
            this.clientId = clientId;
            this.scopes = scopes;
            this.refreshToken = refreshToken;
            this.created = created;
        }
    }

    record AccessToken(Grant grant, Instant expires) {}

    /** {@code withRefreshToken}: decided at consent time, by access_type=offline and first consent or prompt=consent. */
    record Code(String user, String clientId, String redirectUri, Set<String> scopes, String challenge, String method,
                boolean withRefreshToken, Instant expires) {}

    /** What the token endpoint answers when it refuses: {"error": ..., "error_description": ...}. */
    static final class OAuthError extends RuntimeException {
        final int status;
        final String error;

        OAuthError(int status, String error, String description) {
            super(description, null, false, false);
            this.status = status;
            this.error = error;
        }

        ObjectNode toJson() { return Json.object().put("error", error).put("error_description", getMessage()); }
    }

    private final EmulatorSettings settings;
    private final Supplier<String> randomId;
    private final Map<String, Client> clients = new HashMap<>();
    private final Map<String, Code> codes = new HashMap<>();
    private final Map<String, Grant> byRefreshToken = new HashMap<>();
    private final List<Grant> grants = new ArrayList<>();
    private final Map<String, List<Grant>> byUserAndClient = new HashMap<>();
    private final Map<String, AccessToken> accessTokens = new HashMap<>();
    private final Set<String> consents = new HashSet<>();

    Grants(EmulatorSettings settings, Supplier<String> randomId) {
        this.settings = settings;
        this.randomId = randomId;
    }

    synchronized void registerClient(String id, String secret, Set<String> redirectUris) {
        clients.put(id, new Client(id, secret, Set.copyOf(redirectUris)));
    }

    /** With no client registered, any client id and secret is accepted (handy for a quick demo). */
    synchronized String checkAuthorizeRequest(String clientId, String redirectUri) {
        if (clients.isEmpty()) return null;
        Client client = clients.get(clientId);
        if (client == null) return "invalid_client: The OAuth client was not found.";
        if (!client.redirectUris.isEmpty() && !client.redirectUris.contains(redirectUri)) {
            return "redirect_uri_mismatch: The redirect URI in the request, " + redirectUri + ", does not match the ones authorized for the OAuth client.";
        }
        return null;
    }

    synchronized String newCode(String user, String clientId, String redirectUri, Set<String> scopes, String challenge,
                                String method, boolean offline, boolean forceConsent, Instant now) {
        String code = "4/0Emu" + randomId.get();
        boolean firstConsent = consents.add(user + "|" + clientId);
        codes.put(code, new Code(user, clientId, redirectUri, scopes, challenge, method, offline && (firstConsent || forceConsent),
                now.plus(CODE_LIFETIME)));
        return code;
    }

    synchronized ObjectNode exchangeCode(Map<String, String> form, Instant now) {
        authenticateClient(form);
        Code code = codes.remove(form.getOrDefault("code", ""));   // single use, even when the exchange fails
        if (code == null || code.expires.isBefore(now)) throw new OAuthError(400, "invalid_grant", "Bad Request");
        if (!code.clientId.equals(form.get("client_id"))) throw new OAuthError(400, "invalid_grant", "Bad Request");
        if (!code.redirectUri.equals(form.get("redirect_uri"))) throw new OAuthError(400, "redirect_uri_mismatch", "Bad Request");
        if (code.challenge != null) checkVerifier(code, form.get("code_verifier"));
        boolean withRefresh = code.withRefreshToken;
        Grant grant = newGrant(code.user, code.clientId, code.scopes, now);
        ObjectNode answer = tokenAnswer(grant, now);
        if (withRefresh) {
            answer.put("refresh_token", grant.refreshToken);
            if (!settings.refreshTokenTtl().isZero()) answer.put("refresh_token_expires_in", settings.refreshTokenTtl().toSeconds());
        }
        return answer;
    }

    synchronized ObjectNode refresh(Map<String, String> form, Instant now) {
        authenticateClient(form);
        Grant grant = byRefreshToken.get(form.getOrDefault("refresh_token", ""));
        if (grant == null || !live(grant, now)) throw new OAuthError(400, "invalid_grant", "Token has been expired or revoked.");
        if (!grant.clientId.equals(form.get("client_id"))) throw new OAuthError(400, "unauthorized_client", "Unauthorized");
        return tokenAnswer(grant, now);
    }

    /** Test and demo helper: a grant as if the user had consented, with a refresh token. */
    synchronized ObjectNode issue(String user, String clientId, Set<String> scopes, Instant now) {
        consents.add(user + "|" + clientId);
        Grant grant = newGrant(user, clientId, scopes, now);
        return tokenAnswer(grant, now).put("refresh_token", grant.refreshToken);
    }

    /** Revokes the grant behind an access or refresh token; false when the token is unknown. */
    synchronized boolean revoke(String token) {
        Grant grant = byRefreshToken.get(token);
        if (grant == null && accessTokens.containsKey(token)) grant = accessTokens.get(token).grant;
        if (grant == null || grant.revoked) return false;
        grant.revoked = true;
        return true;
    }

    /** Revokes every grant of a user, as if they removed the app at myaccount.google.com. */
    synchronized int revokeUser(String user) {
        int count = 0;
        for (Grant grant : grants) {
            if (grant.user.equals(user) && !grant.revoked) {
                grant.revoked = true;
                count++;
            }
        }
        consents.removeIf(key -> key.startsWith(user + "|"));
        return count;
    }

    /** Makes every live access token of a user expire now, so the client must refresh. */
    synchronized void expireAccessTokens(String user, Instant now) {
        accessTokens.replaceAll((token, access) -> access.grant.user.equals(user) ? new AccessToken(access.grant, now) : access);
    }

    /** The grant behind a live access token, or null. */
    synchronized Grant authenticate(String accessToken, Instant now) {
        AccessToken access = accessTokens.get(accessToken);
        if (access == null || !access.expires.isAfter(now) || !live(access.grant, now)) return null;
        return access.grant;
    }

    private boolean live(Grant grant, Instant now) {
        Duration ttl = settings.refreshTokenTtl();
        return !grant.revoked && (ttl.isZero() || grant.created.plus(ttl).isAfter(now));
    }

    private Grant newGrant(String user, String clientId, Set<String> scopes, Instant now) {
        Grant grant = new Grant(user, clientId, new LinkedHashSet<>(scopes), "1//0emu" + randomId.get() + randomId.get(), now);
        grants.add(grant);
        byRefreshToken.put(grant.refreshToken, grant);
        List<Grant> mine = byUserAndClient.computeIfAbsent(user + "|" + clientId, k -> new ArrayList<>());
        mine.removeIf(g -> g.revoked);
        mine.add(grant);
        if (mine.size() > MAX_REFRESH_TOKENS_PER_CLIENT) mine.remove(0).revoked = true;
        return grant;
    }

    private ObjectNode tokenAnswer(Grant grant, Instant now) {
        String token = "ya29.emu-" + randomId.get() + randomId.get();
        accessTokens.put(token, new AccessToken(grant, now.plus(settings.accessTokenTtl())));
        return Json.object().put("access_token", token).put("expires_in", settings.accessTokenTtl().toSeconds())
                .put("scope", String.join(" ", grant.scopes)).put("token_type", "Bearer");
    }

    private void authenticateClient(Map<String, String> form) {
        if (clients.isEmpty()) return;
        Client client = clients.get(form.get("client_id"));
        if (client == null) throw new OAuthError(401, "invalid_client", "The OAuth client was not found.");
        if (!client.secret.equals(form.get("client_secret"))) throw new OAuthError(401, "invalid_client", "Unauthorized");
    }

    private static void checkVerifier(Code code, String verifier) {
        if (verifier == null || verifier.isEmpty()) throw new OAuthError(400, "invalid_grant", "Missing code verifier.");
        String expected = "plain".equals(code.method) ? verifier : s256(verifier);
        if (!expected.equals(code.challenge)) throw new OAuthError(400, "invalid_grant", "Invalid code verifier.");
    }

    static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
