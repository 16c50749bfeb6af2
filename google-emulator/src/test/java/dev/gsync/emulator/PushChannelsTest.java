package dev.gsync.emulator;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.Channel;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** events.watch / channels.stop and the notifications they send, driven by the real Calendar client. */
class PushChannelsTest {
    private GoogleEmulator google;
    private EmulatedUser ann;
    private Calendar calendar;
    private HttpServer receiver;
    private final BlockingQueue<Map<String, String>> received = new LinkedBlockingQueue<>();
    private final AtomicInteger failuresToAnswer = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        google = GoogleEmulator.start(EmulatorSettings.defaults().withoutQuota().pushRetryDelay(Duration.ofMillis(20)));
        ann = google.user("push@example.com");
        calendar = GoogleClients.calendar(google, ann.accessToken());
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            requests.incrementAndGet();
            boolean fail = failuresToAnswer.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
            if (!fail) {
                Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
                headers.put("method", exchange.getRequestMethod());
                headers.put("body-length", String.valueOf(exchange.getRequestBody().readAllBytes().length));
                received.add(headers);
            }
            exchange.sendResponseHeaders(fail ? 503 : 200, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        google.stop();
        receiver.stop(0);
    }

    private String hook() { return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook"; }

    private Channel watch(String id) throws IOException {
        return calendar.events().watch("primary", new Channel().setId(id).setType("web_hook").setAddress(hook()).setToken("user=ann"))
                .execute();
    }

    /** Bounded wait: a notification goes out within milliseconds; 10 s only guards a busy machine. */
    private Map<String, String> next() throws InterruptedException {
        Map<String, String> message = received.poll(10, TimeUnit.SECONDS);
        assertThat(message).as("a notification arrived").isNotNull();
        return message;
    }

    @Test
    void a_channel_announces_itself_then_every_change_with_googles_headers() throws Exception {
        Channel channel = watch("chan-0001");
        Map<String, String> sync = next();
        calendar.events().insert("primary", GoogleClients.meeting("Made by a client", "2026-10-01T09:00:00Z")).execute();
        Map<String, String> first = next();
        ann.seedEvent("primary", "{\"summary\":\"Made in Google\",\"start\":{\"date\":\"2026-10-02\"},\"end\":{\"date\":\"2026-10-03\"}}");
        Map<String, String> second = next();

        assertThat(channel.getKind()).isEqualTo("api#channel");
        assertThat(channel.getResourceId()).isNotBlank();
        assertThat(channel.getResourceUri()).contains("calendar/v3/calendars/push%40example.com/events");
        assertThat(channel.getExpiration()).isBetween(Instant.now().plus(Duration.ofDays(6)).toEpochMilli(),
                Instant.now().plus(Duration.ofDays(8)).toEpochMilli());
        assertThat(sync).containsEntry("method", "POST").containsEntry("body-length", "0")
                .containsEntry("X-Goog-Channel-ID", "chan-0001").containsEntry("X-Goog-Message-Number", "1")
                .containsEntry("X-Goog-Resource-State", "sync").containsEntry("X-Goog-Channel-Token", "user=ann")
                .containsEntry("X-Goog-Resource-ID", channel.getResourceId())
                .containsEntry("X-Goog-Resource-URI", channel.getResourceUri())
                .containsKey("X-Goog-Channel-Expiration");
        assertThat(sync.get("X-Goog-Channel-Expiration")).endsWith("GMT");
        assertThat(first).containsEntry("X-Goog-Resource-State", "exists");
        assertThat(second).containsEntry("X-Goog-Resource-State", "exists");
        long one = Long.parseLong(first.get("X-Goog-Message-Number"));
        long two = Long.parseLong(second.get("X-Goog-Message-Number"));
        assertThat(one).isGreaterThan(1);
        assertThat(two).isGreaterThan(one);
    }

    @Test
    void a_stopped_channel_goes_quiet_while_another_keeps_talking() throws Exception {
        Channel stopped = watch("chan-stop");
        Channel open = watch("chan-open");
        next();
        next();
        calendar.channels().stop(new Channel().setId(stopped.getId()).setResourceId(stopped.getResourceId())).execute();

        calendar.events().insert("primary", GoogleClients.meeting("after stop", "2026-10-01T09:00:00Z")).execute();
        Map<String, String> heard = next();
        Map<String, String> more = received.poll(1, TimeUnit.SECONDS);

        assertThat(heard).containsEntry("X-Goog-Channel-ID", open.getId());
        assertThat(more).as("nothing for the stopped channel").isNull();
        assertThat(google.openChannels()).hasSize(1);
    }

    @Test
    void wrong_ids_addresses_and_stops_are_refused_as_google_does() throws Exception {
        watch("chan-taken");
        GoogleJsonResponseException reused = GoogleClients.failure(() -> watch("chan-taken"));
        GoogleJsonResponseException plainHttp = GoogleClients.failure(() -> calendar.events().watch("primary",
                new Channel().setId("chan-http").setType("web_hook").setAddress("http://gsync.example.com/hook")).execute());
        GoogleJsonResponseException unknownStop = GoogleClients.failure(() ->
                calendar.channels().stop(new Channel().setId("chan-taken").setResourceId("not-its-resource")).execute());

        assertThat(reused.getStatusCode()).isEqualTo(400);
        assertThat(reused.getDetails().getErrors().get(0).getReason()).isEqualTo("channelIdNotUnique");
        assertThat(plainHttp.getStatusCode()).isEqualTo(400);
        assertThat(plainHttp.getDetails().getErrors().get(0).getReason()).isEqualTo("push.webhookUrlNotHttps");
        assertThat(unknownStop.getStatusCode()).isEqualTo(404);
    }

    @Test
    void a_channel_expires_at_its_ttl_and_then_sends_nothing() throws Exception {
        Channel shortLived = calendar.events().watch("primary", new Channel().setId("chan-ttl").setType("web_hook")
                .setAddress(hook()).setParams(Map.of("ttl", "60"))).execute();
        next();
        google.advanceClock(Duration.ofSeconds(61));

        calendar.events().insert("primary", GoogleClients.meeting("too late", "2026-10-01T09:00:00Z")).execute();

        assertThat(shortLived.getExpiration()).isLessThanOrEqualTo(Instant.now().plusSeconds(61).toEpochMilli());
        assertThat(received.poll(1, TimeUnit.SECONDS)).isNull();
        assertThat(google.openChannels()).isEmpty();
    }

    @Test
    void a_receiver_answering_503_gets_the_message_again() throws Exception {
        failuresToAnswer.set(2);

        watch("chan-retry");
        Map<String, String> sync = next();

        assertThat(sync).containsEntry("X-Goog-Resource-State", "sync");
        assertThat(requests.get()).isEqualTo(3);
    }

    @Test
    void deleting_the_calendar_says_not_exists() throws Exception {
        String team = ann.addCalendar("Team");
        calendar.events().watch(team, new Channel().setId("chan-team").setType("web_hook").setAddress(hook())).execute();
        next();

        calendar.calendars().delete(team).execute();

        assertThat(next()).containsEntry("X-Goog-Resource-State", "not_exists");
        assertThat(google.openChannels()).isEmpty();
    }
}
