package dev.gsync.app.web;

import dev.gsync.core.model.UserId;
import io.vavr.control.Either;
import io.vavr.control.Try;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * Signs the link to a user's settings page: whoever holds the link may change that user's settings, nobody can
 * forge one for another user. A page link carries its issue time inside the signature and is accepted for
 * web.linkTtl after it; `gsync connect`, the admin page and the CRM's "Google Sync" link issue fresh ones. Changing
 * web.linkKey still revokes every link at once.
 */
public final class LinkSigner {
    private static final String PAGE = "page@";

    private final SecretKeySpec key;

    public LinkSigner(String secret) {
        if (secret.length() < 16) throw new IllegalArgumentException("web.linkKey must have at least 16 characters");
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** A page link's proof: who, when it was issued (epoch seconds), and the signature over both. */
    public record PageGrant(UserId user, long issued, String signature) {
        public Instant issuedAt() {
            return Instant.ofEpochSecond(issued);
        }
    }

    public PageGrant issue(UserId user, Instant now) {
        long issued = now.getEpochSecond();
        return new PageGrant(user, issued, sign(PAGE + issued, user));
    }

    /** Left: what to tell the person holding the link (forged or broken, or expired and when). */
    public Either<String, PageGrant> check(UserId user, String issued, String signature, Instant now, Duration ttl) {
        Long at = Try.of(() -> Long.parseLong(String.valueOf(issued))).getOrNull();
        if (at == null || !verify(PAGE + at, user, signature))
            return Either.left("This link is not valid. Ask for a new link to your settings page.");
        Instant expires = Instant.ofEpochSecond(at).plus(ttl);
        if (!now.isBefore(expires))
            return Either.left("This link expired on " + expires + ". Ask for a new one: open \"Google Sync\" in your CRM again, "
                    + "or ask your administrator (gsync connect prints a fresh link).");
        return Either.right(new PageGrant(user, at, signature));
    }

    public String sign(String purpose, UserId user) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal((purpose + ":" + user.value()).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    public boolean verify(String purpose, UserId user, String signature) {
        return signature != null && MessageDigest.isEqual(sign(purpose, user).getBytes(StandardCharsets.UTF_8),
                signature.getBytes(StandardCharsets.UTF_8));
    }
}
