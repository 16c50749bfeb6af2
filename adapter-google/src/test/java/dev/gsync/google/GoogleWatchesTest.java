package dev.gsync.google;

import com.sun.net.httpserver.HttpServer;
import dev.gsync.core.model.UserId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class GoogleWatchesTest {
    private EmulatedGoogle google;
    private GoogleWatches watches;
    private HttpServer receiver;
    private final BlockingQueue<String> states = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() throws IOException {
        google = EmulatedGoogle.start();
        watches = new GoogleWatches(google.config, google.authorization, new com.google.api.client.http.javanet.NetHttpTransport(),
                com.google.api.client.json.gson.GsonFactory.getDefaultInstance());
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/push", exchange -> {
            states.add(exchange.getRequestHeaders().getFirst("X-Goog-Resource-State") + " "
                    + exchange.getRequestHeaders().getFirst("X-Goog-Channel-Token"));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        google.close();
        receiver.stop(0);
    }

    private URI hook() { return URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/push"); }

    @Test
    void a_channel_opens_with_the_ttl_asked_for_and_stops_quietly() throws Exception {
        UserId ann = google.link("watch@example.com");

        GoogleWatches.OpenedChannel opened = watches.watch(ann, "primary", "gsync-1", "tok", hook(), Duration.ofHours(2)).get();
        String sync = states.poll(10, TimeUnit.SECONDS);
        var stopped = watches.stop(ann, opened.channelId(), opened.resourceId());
        var again = watches.stop(ann, opened.channelId(), opened.resourceId());

        assertThat(opened.resourceId()).isNotBlank();
        assertThat(opened.expiration()).isBetween(Instant.now().plus(Duration.ofMinutes(110)), Instant.now().plus(Duration.ofMinutes(121)));
        assertThat(sync).isEqualTo("sync tok");
        assertThat(stopped.isRight()).isTrue();
        assertThat(again.isRight()).as("a channel Google no longer knows is stopped").isTrue();
        assertThat(google.emulator.openChannels()).isEmpty();
    }

    @Test
    void refusals_say_whether_trying_again_can_help() {
        UserId ann = google.link("refused@example.com");
        watches.watch(ann, "primary", "gsync-dup", "t", hook(), Duration.ofHours(1)).get();

        var duplicate = watches.watch(ann, "primary", "gsync-dup", "t", hook(), Duration.ofHours(1));
        var notHttps = watches.watch(ann, "primary", "gsync-2", "t", URI.create("http://gsync.example.com/push"), Duration.ofHours(1));
        var unlinked = watches.watch(UserId.of("nobody"), "primary", "gsync-3", "t", hook(), Duration.ofHours(1));

        assertThat(duplicate.getLeft().reason()).contains("channelIdNotUnique");
        assertThat(notHttps.getLeft().reason()).contains("push.webhookUrlNotHttps");
        assertThat(notHttps.getLeft().permanent()).isTrue();
        assertThat(unlinked.getLeft().permanent()).isTrue();
    }
}
