package dev.gsync.app.web;

import dev.gsync.core.model.UserId;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The URLs gsync hands out: a user's signed settings page, the OAuth redirect, a fresh consent URL. */
public final class WebLinks {
    private final URI baseUrl;
    private final LinkSigner signer;

    public WebLinks(URI baseUrl, LinkSigner signer) {
        this.baseUrl = URI.create(baseUrl.toString().replaceAll("/+$", ""));
        this.signer = signer;
    }

    public URI baseUrl() {
        return baseUrl;
    }

    public URI redirectUri() {
        return URI.create(baseUrl + "/oauth/callback");
    }

    public URI userPage(UserId user) {
        return URI.create(baseUrl + "/u/" + enc(user.value()) + "?sig=" + signer.sign("page", user));
    }

    /** Opens the consent of a user straight away (what the demo follows). */
    public URI connectLink(UserId user) {
        return URI.create(baseUrl + "/oauth/start?user=" + enc(user.value()) + "&sig=" + signer.sign("page", user));
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
