package dev.gsync.app.web;

import dev.gsync.core.model.UserId;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * Signs the link to a user's settings page: whoever holds the link may change that user's settings, nobody can
 * forge one for another user. The CRM (or an admin) hands the link out; it does not expire, and changing
 * web.linkKey revokes every link at once.
 */
public final class LinkSigner {
    private final SecretKeySpec key;

    public LinkSigner(String secret) {
        if (secret.length() < 16) throw new IllegalArgumentException("web.linkKey must have at least 16 characters");
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
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
