package dev.gsync.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Calendar push channels (events.watch / channels.stop) and the notifications they send: a "sync" message
 * (number 1) when a channel opens, "exists" after each change of the watched calendar (increasing, not
 * consecutive numbers; changes that arrive while a message is still waiting to go out share it), "not_exists"
 * when the calendar is deleted. Messages are empty POSTs with Google's X-Goog-* headers, sent from a small
 * pool so a slow receiver never holds a caller. 500/502/503/504 answers are retried with backoff; a channel
 * past its expiration (emulator clock) sends nothing more and is forgotten.
 */
final class PushChannels implements EmulatorState.ChangeListener {
    private static final Logger LOG = LoggerFactory.getLogger(PushChannels.class);
    private static final DateTimeFormatter RFC_1123 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
    private static final Set<Integer> RETRIED = Set.of(500, 502, 503, 504);
    private static final Set<Integer> DELIVERED = Set.of(200, 201, 202, 204, 102);
    private static final int MAX_ATTEMPTS = 5;

    /** One open channel. Mutable fields are guarded by the PushChannels monitor. */
    static final class Channel {
        final String id;
        final String token;
        final String address;
        final String resourceId;
        final String resourceUri;
        final String calendarId;
        final Instant expiration;
        long messageNumber;
        boolean messageWaiting;

        Channel(String id, String token, String address, String resourceId, String resourceUri, String calendarId,
                Instant expiration) {
            this.id = id;
            this.token = token;
            this.address = address;
            this.resourceId = resourceId;
            this.resourceUri = resourceUri;
            this.calendarId = calendarId;
            this.expiration = expiration;
        }
    }

    private final EmulatorState state;
    private final EmulatorStats stats;
    private final Supplier<String> rootUrl;
    private final Map<String, Channel> channels = new LinkedHashMap<>();
    private final Map<String, String> resourceIds = new LinkedHashMap<>();
    /** Channel ids stay taken after a stop, as Google keeps them unique within the project. */
    private final Set<String> usedIds = new java.util.HashSet<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ScheduledExecutorService senders = Executors.newScheduledThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "emulator-push");
        thread.setDaemon(true);
        return thread;
    });

    PushChannels(EmulatorState state, EmulatorStats stats, Supplier<String> rootUrl) {
        this.state = state;
        this.stats = stats;
        this.rootUrl = rootUrl;
    }

    // ---- API -----------------------------------------------------------------------------------------------

    /** events.watch: opens a channel on a calendar the caller can read, answers the Channel resource. */
    synchronized ObjectNode watch(String calendarId, ObjectNode body) {
        String id = Json.text(body, "id");
        String type = Json.text(body, "type");
        String address = Json.text(body, "address");
        if (id == null || id.isBlank()) throw GoogleError.required("Required channel id.");
        if (id.length() > 64 || !id.matches("[A-Za-z0-9\\-_+/=]+")) throw GoogleError.invalid("Invalid channel id.");
        if (type == null || !(type.equalsIgnoreCase("web_hook") || type.equalsIgnoreCase("webhook"))) {
            throw GoogleError.invalid("Invalid channel type: " + type);
        }
        if (address == null || address.isBlank()) throw GoogleError.required("Required address.");
        checkAddress(address);
        if (usedIds.contains(id)) {
            throw new GoogleError(400, "push", "channelIdNotUnique", "Channel id " + id + " not unique", null, null);
        }
        String token = Json.text(body, "token");
        if (token != null && token.length() > 256) throw GoogleError.invalid("Channel token too long.");
        Instant now = state.now();
        Instant expiration = now.plus(state.settings.channelTtl());
        String requested = Json.text(body, "expiration");
        if (requested != null) {
            try {
                Instant asked = Instant.ofEpochMilli(Long.parseLong(requested));
                if (asked.isBefore(expiration)) expiration = asked;
            } catch (NumberFormatException e) {
                throw GoogleError.invalidParameter("expiration", "Invalid expiration.");
            }
        }
        JsonNode ttl = body.path("params").get("ttl");
        if (ttl != null) {
            Instant byTtl = now.plusSeconds(ttl.asLong(0));
            if (byTtl.isBefore(expiration)) expiration = byTtl;
        }
        if (!expiration.isAfter(now)) throw GoogleError.invalidParameter("expiration", "Channel expiration is in the past.");
        String resourceId = resourceIds.computeIfAbsent(calendarId, c -> state.opaqueId(27));
        String resourceUri = rootUrl.get() + "calendar/v3/calendars/" + java.net.URLEncoder.encode(calendarId, java.nio.charset.StandardCharsets.UTF_8)
                + "/events?alt=json";
        Channel channel = new Channel(id, token, address, resourceId, resourceUri, calendarId, expiration);
        channels.put(id, channel);
        usedIds.add(id);
        channel.messageNumber = 1;
        schedule(channel, "sync", 1, 1, Duration.ZERO);   // may arrive before the watch answer, as Google warns
        ObjectNode answer = Json.object().put("kind", "api#channel").put("id", id).put("resourceId", resourceId)
                .put("resourceUri", resourceUri).put("expiration", String.valueOf(expiration.toEpochMilli()));
        if (token != null) answer.put("token", token);
        return answer;
    }

    /** channels.stop: id + resourceId of an open channel; 404 otherwise. */
    synchronized void stop(ObjectNode body) {
        String id = Json.text(body, "id");
        Channel channel = id == null ? null : channels.get(id);
        if (channel == null || !channel.resourceId.equals(Json.text(body, "resourceId"))) {
            throw new GoogleError(404, "global", "notFound", "Channel '" + id + "' not found for project", null, null);
        }
        channels.remove(id);
    }

    // ---- test hooks ----------------------------------------------------------------------------------------

    /** Open (unexpired) channels as JSON, for tests and the admin API. */
    synchronized List<ObjectNode> open() {
        forgetExpired();
        List<ObjectNode> result = new ArrayList<>();
        channels.values().forEach(c -> result.add(Json.object().put("id", c.id).put("resourceId", c.resourceId)
                .put("calendarId", c.calendarId).put("address", c.address)
                .put("expiration", String.valueOf(c.expiration.toEpochMilli())).put("lastMessageNumber", c.messageNumber)));
        return result;
    }

    /** Forgets every channel without telling anyone: what a receiver sees when Google loses its channels. */
    synchronized int loseAll() {
        int lost = channels.size();
        channels.clear();
        return lost;
    }

    void close() { senders.shutdownNow(); }

    // ---- changes -------------------------------------------------------------------------------------------

    @Override
    public synchronized void eventsChanged(String calendarId) {
        forgetExpired();
        for (Channel channel : channels.values()) {
            if (!channel.calendarId.equals(calendarId)) continue;
            channel.messageNumber += 1 + ThreadLocalRandom.current().nextInt(4);   // increasing, not consecutive
            if (channel.messageWaiting) continue;                                  // it will carry this change too
            channel.messageWaiting = true;
            schedule(channel, "exists", channel.messageNumber, 1, Duration.ZERO);
        }
    }

    @Override
    public synchronized void calendarGone(String calendarId) {
        for (var it = channels.values().iterator(); it.hasNext(); ) {
            Channel channel = it.next();
            if (!channel.calendarId.equals(calendarId)) continue;
            channel.messageNumber += 1;
            schedule(channel, "not_exists", channel.messageNumber, 1, Duration.ZERO);
            it.remove();
        }
    }

    private void forgetExpired() {
        Instant now = state.now();
        channels.values().removeIf(channel -> !channel.expiration.isAfter(now));
    }

    private void schedule(Channel channel, String resourceState, long number, int attempt, Duration after) {
        senders.schedule(() -> deliver(channel, resourceState, number, attempt), after.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void deliver(Channel channel, String resourceState, long number, int attempt) {
        synchronized (this) {
            if (resourceState.equals("exists")) {
                channel.messageWaiting = false;
                number = channel.messageNumber;   // the latest number: the message stands for every change so far
            }
            boolean open = channels.get(channel.id) == channel && channel.expiration.isAfter(state.now());
            if (!open && !resourceState.equals("not_exists")) return;
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(channel.address))
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.noBody())
                .header("User-Agent", "APIs-Google; (+https://developers.google.com/webmasters/APIs-Google.html)")
                .header("X-Goog-Channel-ID", channel.id)
                .header("X-Goog-Message-Number", String.valueOf(number))
                .header("X-Goog-Resource-ID", channel.resourceId)
                .header("X-Goog-Resource-URI", channel.resourceUri)
                .header("X-Goog-Resource-State", resourceState)
                .header("X-Goog-Channel-Expiration", RFC_1123.format(channel.expiration));
        if (channel.token != null) request.header("X-Goog-Channel-Token", channel.token);
        int status;
        try {
            status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException e) {
            status = 503;   // unreachable: Google retries these with backoff as well
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (DELIVERED.contains(status)) {
            stats.pushDelivered.incrementAndGet();
        } else if (RETRIED.contains(status) && attempt < MAX_ATTEMPTS) {
            final long again = number;
            schedule(channel, resourceState, again, attempt + 1, state.settings.pushRetryDelay().multipliedBy(1L << (attempt - 1)));
        } else {
            stats.pushFailed.incrementAndGet();
            LOG.info("push message {} {} to channel {} failed with {}", resourceState, number, channel.id, status);
        }
    }

    private void checkAddress(String address) {
        URI uri;
        try {
            uri = URI.create(address);
        } catch (IllegalArgumentException e) {
            throw GoogleError.invalid("Invalid address: " + address);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) throw GoogleError.invalid("Invalid address: " + address);
        boolean loopback = Set.of("127.0.0.1", "localhost", "[::1]", "::1").contains(uri.getHost().toLowerCase(Locale.ROOT));
        if (scheme.equals("http") && state.settings.pushRequiresHttps() && !loopback) {
            throw new GoogleError(400, "push", "push.webhookUrlNotHttps", "WebHook callback must be HTTPS: " + address, null, null);
        }
    }
}
