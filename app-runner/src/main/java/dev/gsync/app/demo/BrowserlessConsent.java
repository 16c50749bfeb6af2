package dev.gsync.app.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Walks the real OAuth redirects the way a browser would, for a consent that needs no clicks (the emulator's
 * auto-approve): our /oauth/start, the authorize endpoint, our callback, the settings page.
 */
public final class BrowserlessConsent {
    private BrowserlessConsent() {}

    public record Landing(int status, URI uri, String body) {}

    public static Landing follow(URI start) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(start).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return new Landing(response.statusCode(), response.uri(), response.body());
    }
}
