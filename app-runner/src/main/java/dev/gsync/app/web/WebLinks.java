package dev.gsync.app.web;

import dev.gsync.core.model.UserId;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/** The URLs gsync hands out: a user's signed settings page, the OAuth redirect, a fresh consent URL. */
public final class WebLinks {
    private final URI baseUrl;
    private final LinkSigner signer;
    private final Clock clock;

    public WebLinks(URI baseUrl, LinkSigner signer, Clock clock) {
        this.baseUrl = URI.create(baseUrl.toString().replaceAll("/+$", ""));
        this.signer = signer;
        this.clock = clock;
    }

    public URI baseUrl() {
        return baseUrl;
    }

    public URI redirectUri() {
        return URI.create(baseUrl + "/oauth/callback");
    }

    /** A freshly issued link to the user's page, valid for web.linkTtl from now. */
    public URI userPage(UserId user) {
        return userPage(signer.issue(user, clock.instant()));
    }

    /** The page under an existing grant: moving around the page does not make a link live longer. */
    public URI userPage(LinkSigner.PageGrant grant) {
        return URI.create(baseUrl + "/u/" + enc(grant.user().value()) + "?" + query(grant));
    }

    /** Opens the consent of a user straight away (what the demo follows). */
    public URI connectLink(UserId user) {
        LinkSigner.PageGrant grant = signer.issue(user, clock.instant());
        return URI.create(baseUrl + "/oauth/start?user=" + enc(user.value()) + "&" + query(grant));
    }

    static String query(LinkSigner.PageGrant grant) {
        return "t=" + grant.issued() + "&sig=" + grant.signature();
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
