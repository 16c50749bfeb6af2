package dev.gsync.app.web;

import dev.gsync.app.GoogleClientSettings;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Tokens against cross-site request forgery for the forms that carry no secret of their own: the vtiger sign-in, the
 * admin login and the admin's forms (a user's forms carry the signed link, which another site cannot know). Signed
 * double-submit: the page sets a cookie holding a random value with its signature and puts the same token in the
 * form; a post counts only if the form's token equals the cookie's and the signature is gsync's. Another site can
 * make a browser post, but can neither read the token nor set gsync's cookie (SameSite=Strict, HttpOnly).
 */
final class CsrfTokens {
    static final String FIELD = "csrf";
    static final String COOKIE = "gsync_csrf";
    private static final String PURPOSE = "csrf-";
    private final LinkSigner signer;
    private final SecureRandom random = new SecureRandom();

    CsrfTokens(LinkSigner signer) {
        this.signer = signer;
    }

    /** The hidden form field with this browser's token; a browser without a valid one gets a new one as a cookie. */
    String field(Context ctx) {
        String token = ctx.attribute(COOKIE);   // one token per response, however many forms the page has
        if (token == null) token = ctx.cookie(COOKIE);
        if (!signed(token)) {
            byte[] nonce = new byte[18];
            random.nextBytes(nonce);
            String value = Base64.getUrlEncoder().withoutPadding().encodeToString(nonce);
            token = value + "." + signer.sign(PURPOSE + value, GoogleClientSettings.SYSTEM);
            Cookie cookie = new Cookie(COOKIE, token);
            cookie.setHttpOnly(true);
            cookie.setSameSite(SameSite.STRICT);
            cookie.setPath("/");
            ctx.cookie(cookie);
        }
        ctx.attribute(COOKIE, token);
        return "<input type=\"hidden\" name=\"" + FIELD + "\" value=\"" + Html.esc(token) + "\">";
    }

    /** Whether the post carries the token its cookie holds, signed by gsync. */
    boolean valid(Context ctx) {
        String cookie = ctx.cookie(COOKIE);
        String given = ctx.formParam(FIELD);
        return signed(cookie) && given != null
                && MessageDigest.isEqual(cookie.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    private boolean signed(String token) {
        if (token == null) return false;
        int dot = token.indexOf('.');
        return dot > 0 && signer.verify(PURPOSE + token.substring(0, dot), GoogleClientSettings.SYSTEM, token.substring(dot + 1));
    }
}
