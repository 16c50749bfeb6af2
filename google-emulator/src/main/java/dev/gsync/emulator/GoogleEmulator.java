package dev.gsync.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import org.eclipse.jetty.server.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A loopback stand-in for Google Calendar v3, Tasks v1, their batch endpoints and Google's OAuth 2.0
 * endpoints, faithful enough for the real Google Java clients (point them here with setRootUrl and the
 * token server URL). State lives in memory. Tests seed and read data through {@link #user(String)},
 * arm faults through {@link #faults()} and read counters through {@link #stats()}.
 *
 * <pre>
 * try (GoogleEmulator google = GoogleEmulator.start()) {
 *     EmulatedUser ann = google.user("ann@example.com");
 *     Calendar client = new Calendar.Builder(transport, json, req -> req.getHeaders()
 *             .setAuthorization("Bearer " + ann.accessToken())).setRootUrl(google.rootUrl()).build();
 * }
 * </pre>
 */
public final class GoogleEmulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GoogleEmulator.class);
    /** Every scope a sync adapter may ask for; what test helpers grant by default. */
    public static final Set<String> ALL_SCOPES = Set.of("https://www.googleapis.com/auth/calendar",
            "https://www.googleapis.com/auth/tasks");
    /** The OAuth client id of grants made by {@link EmulatedUser#tokens(Set)}; refresh with this id (any secret). */
    public static final String TEST_CLIENT_ID = "gsync-emulator-test-client";

    private final EmulatorSettings settings;
    private final EmulatorState state;
    private final EmulatorStats stats = new EmulatorStats();
    private final Faults faults = new Faults();
    private final SyncTokens syncTokens = new SyncTokens();
    private final Grants grants;
    private final Quota quota;
    private final ApiGateway gateway;
    private final BatchHandler batch;
    private final PushChannels push;
    /** The HTTP server; a new one after {@link #restartHttp()}, on the same port, over the same data. */
    private volatile Javalin app;

    private GoogleEmulator(EmulatorSettings settings, Clock clock) {
        this.settings = settings;
        this.state = new EmulatorState(settings, clock);
        this.grants = new Grants(settings, () -> state.opaqueId(24));
        this.quota = new Quota(settings);
        Router router = new Router();
        this.push = new PushChannels(state, stats, this::rootUrl);
        state.changes = push;
        new CalendarApi(syncTokens, stats, push).register(router);
        new TasksApi().register(router);
        this.gateway = new ApiGateway(state, router, grants, quota, faults, stats);
        this.batch = new BatchHandler(gateway, settings);
        this.app = newHttpServer();
    }

    private Javalin newHttpServer() {
        Javalin server = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.startupWatcherEnabled = false;
            config.http.maxRequestSize = 64L * 1024 * 1024;   // a batch of 1000 inserts is several MB
        });
        for (HandlerType method : List.of(HandlerType.GET, HandlerType.POST, HandlerType.PUT, HandlerType.PATCH, HandlerType.DELETE)) {
            server.addHttpHandler(method, "/calendar/v3/*", this::api);
            server.addHttpHandler(method, "/tasks/v1/*", this::api);
        }
        for (String path : List.of("/batch", "/batch/calendar/v3", "/batch/tasks/v1")) server.post(path, this::batch);
        new OAuthPages(state, grants, stats).register(server);
        new AdminApi(this).register(server);
        return server;
    }

    public static GoogleEmulator start() { return start(EmulatorSettings.defaults()); }

    public static GoogleEmulator start(EmulatorSettings settings) { return start(settings, Clock.systemUTC()); }

    public static GoogleEmulator start(EmulatorSettings settings, Clock clock) {
        GoogleEmulator emulator = new GoogleEmulator(settings, clock);
        emulator.app.start(settings.host(), settings.port());
        LOG.info("Google emulator listening on {}", emulator.rootUrl());
        return emulator;
    }

    /** {@code http://127.0.0.1:PORT/}: the rootUrl for Calendar.Builder and Tasks.Builder. */
    public String rootUrl() { return "http://" + settings.host() + ":" + port() + "/"; }

    public String tokenUrl() { return rootUrl() + "token"; }

    public String authorizeUrl() { return rootUrl() + "o/oauth2/auth"; }

    public String revokeUrl() { return rootUrl() + "revoke"; }

    public int port() { return app.port(); }

    public EmulatorSettings settings() { return settings; }

    public Faults faults() { return faults; }

    public EmulatorStats.Snapshot stats() { return stats.snapshot(); }

    public void resetStats() { stats.reset(); }

    /** The account of this e-mail address, created (with a primary calendar and a task list) on first use. */
    public EmulatedUser user(String email) {
        synchronized (state) {
            return new EmulatedUser(this, state, state.account(email).email);
        }
    }

    /** Only OAuth clients registered from now on may authorize; without any, every client is accepted. */
    public void registerClient(String clientId, String clientSecret, String... redirectUris) {
        grants.registerClient(clientId, clientSecret, Set.of(redirectUris));
    }

    /** Moves the emulator's clock forward: expires access tokens, sync tokens, quota windows without sleeping. */
    public void advanceClock(Duration by) { state.advanceClock(by); }

    /** Every sync token of every calendar now answers 410 fullSyncRequired. */
    public void expireAllSyncTokens() {
        synchronized (state) {
            state.calendars.values().forEach(calendar -> calendar.tokenEpoch++);
        }
    }

    /** This one token now answers 410 fullSyncRequired. */
    public void expireSyncToken(String syncToken) { syncTokens.expire(syncToken); }

    /** Forgets the sliding quota windows (the limits stay as configured). */
    public void resetQuotaWindows() { quota.reset(); }

    @Override
    public void close() { stop(); }

    public void stop() {
        app.stop();
        push.close();
    }

    /**
     * Stops the HTTP server (open connections are closed, new ones refused) and, after {@code down}, starts a new one
     * on the same port, as when Google's front end restarts. Accounts, data, grants, sync tokens and push channels
     * stay: they live in this object, not in the server. Blocks for {@code down}.
     */
    public void restartHttp(Duration down) throws InterruptedException {
        int port = port();
        app.stop();
        LOG.info("Google emulator stopped on port {}; back in {}", port, down);
        Thread.sleep(down.toMillis());
        Javalin server = newHttpServer();
        server.start(settings.host(), port);
        app = server;
        LOG.info("Google emulator listening again on {}", rootUrl());
    }

    /** Open push channels (id, resourceId, calendarId, address, expiration, lastMessageNumber) as JSON text. */
    public java.util.List<String> openChannels() { return push.open().stream().map(Json::write).toList(); }

    /** Forgets every push channel without a word, as if Google had lost them; returns how many. */
    public int loseAllChannels() { return push.loseAll(); }

    // ---- package API for the other parts ---------------------------------------------------------------

    Grants grants() { return grants; }

    EmulatorState state() { return state; }

    /** One call without HTTP, for property tests that make thousands of calls. */
    ApiResponse callInProcess(ApiRequest request) { return gateway.call(request); }

    ObjectNode issueTokens(String email, String clientId, Set<String> scopes) {
        synchronized (state) {
            state.account(email);
        }
        return grants.issue(email.strip().toLowerCase(java.util.Locale.ROOT), clientId, scopes, state.now());
    }

    // ---- HTTP --------------------------------------------------------------------------------------------

    private void api(Context ctx) {
        stats.httpRequests.incrementAndGet();
        ApiRequest request = toApiRequest(ctx);
        List<Faults.WireCall> wire = List.of(new Faults.WireCall(request.method, request.path));
        if (wireFaults(ctx, wire)) return;
        ApiResponse answer = gateway.call(request);
        if (loseAnswer(ctx, wire)) return;
        send(ctx, answer);
    }

    private void batch(Context ctx) {
        stats.httpRequests.incrementAndGet();
        ApiRequest outer = toApiRequest(ctx);
        List<ApiRequest> parts;
        try {
            parts = batch.parts(outer);
        } catch (GoogleError malformed) {
            send(ctx, malformed.toResponse());
            return;
        }
        List<Faults.WireCall> wire = new ArrayList<>();
        parts.forEach(part -> wire.add(new Faults.WireCall(part.method, part.path)));
        if (wireFaults(ctx, wire)) return;
        stats.batchRequests.incrementAndGet();
        ApiResponse answer = batch.run(parts);
        if (loseAnswer(ctx, wire)) return;
        send(ctx, answer);
    }

    /** Applies armed delays and drops; true when the connection was dropped (before anything happened). */
    private boolean wireFaults(Context ctx, List<Faults.WireCall> wire) {
        Duration delay = faults.nextDelay(wire);
        if (!delay.isZero()) {
            stats.injectedFaults.incrementAndGet();
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (faults.nextDrop(wire)) {
            stats.injectedFaults.incrementAndGet();
            closeConnection(ctx);
            return true;
        }
        return false;
    }

    /** After the call was performed: true when an armed lose-answer fault closed the connection instead of answering. */
    private boolean loseAnswer(Context ctx, List<Faults.WireCall> wire) {
        if (!faults.nextLostAnswer(wire)) return false;
        stats.injectedFaults.incrementAndGet();
        stats.lostAnswers.incrementAndGet();
        closeConnection(ctx);
        return true;
    }

    private static void closeConnection(Context ctx) {
        Request.getBaseRequest(ctx.req()).getHttpChannel().getEndPoint().close();
    }

    static ApiRequest toApiRequest(Context ctx) {
        Map<String, String> headers = new HashMap<>();
        for (Enumeration<String> names = ctx.req().getHeaderNames(); names.hasMoreElements(); ) {
            String name = names.nextElement();
            headers.put(name, ctx.req().getHeader(name));
        }
        // the servlet's method, not ctx.method(): Javalin already applies X-HTTP-Method-Override, ApiRequest does it again
        return ApiRequest.of(ctx.req().getMethod(), ctx.path(), ctx.req().getQueryString(), headers, ctx.bodyAsBytes());
    }

    static void send(Context ctx, ApiResponse response) {
        ctx.status(response.status);
        response.headers.forEach((name, value) -> {
            if (name.equalsIgnoreCase("Content-Type")) ctx.contentType(value);
            else ctx.header(name, value);
        });
        ctx.result(response.body);
    }
}
