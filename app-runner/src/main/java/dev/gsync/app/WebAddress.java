package dev.gsync.app;

import java.net.URI;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Where browsers reach this runner's web pages. Known from web.baseUrl, or only once the web server has bound a
 * port (port 0 in tests and the demo), which is why it can change after assembly.
 */
public final class WebAddress {
    private final AtomicReference<URI> base;

    public WebAddress(URI base) {
        this.base = new AtomicReference<>(URI.create(base.toString().replaceAll("/+$", "")));
    }

    public URI base() {
        return base.get();
    }

    public void set(URI value) {
        base.set(URI.create(value.toString().replaceAll("/+$", "")));
    }

    public URI redirectUri() {
        return URI.create(base() + "/oauth/callback");
    }
}
