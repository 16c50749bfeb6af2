package dev.gsync.app.web;

import dev.gsync.app.GoogleAccounts;
import dev.gsync.app.GoogleClientSettings;
import dev.gsync.app.RunLog;
import dev.gsync.app.RunSummary;
import dev.gsync.app.UserSync;
import dev.gsync.core.model.ItemKind;
import dev.gsync.core.model.SyncSettings;
import dev.gsync.core.model.UserId;
import dev.gsync.core.port.HeldDeletion;
import dev.gsync.core.port.SyncStateStore;
import dev.gsync.core.run.RunOptions;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Map;
import io.vavr.control.Option;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;

/**
 * The web side: OAuth start and callback, a settings page per user, an admin page for the Google client. Both pages
 * list a held mass deletion (rule R12) with buttons to confirm or discard it; the decision runs a sync at once.
 *
 * Who may do what: a user's page opens with a link signed for that user ({@link LinkSigner}; the CRM or an admin
 * hands it out, `gsync connect` prints it); the admin page opens after logging in with web.adminToken, which sets
 * a signed cookie valid 8 hours. Forms: a user's carry the signed link, which another site cannot know; the sign-in,
 * the admin login and the admin's forms carry a {@link CsrfTokens} token. Failed sign-ins and admin logins are
 * limited per client address and user name ({@link FailedSignIns}). OAuth callbacks are authorised by their single-use state (kept in the credential store by the Google adapter, so any instance can finish a consent).
 */
public final class WebServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebServer.class);
    private static final String ADMIN_COOKIE = "gsync_admin";
    private static final Duration ADMIN_SESSION = Duration.ofHours(8);
    /** Runs shown on a settings page and the admin's run page. */
    static final int LAST_RUNS_SHOWN = 5;

    private final GoogleAccounts accounts;
    private final GoogleClientSettings googleClient;
    private final SyncStateStore store;
    private final UserSync userSync;
    private final RunLog runLog;
    private final LinkSigner signer;
    private final String adminToken;
    private final Clock clock;
    private final dev.gsync.app.WebAddress address;
    private final Duration linkTtl;
    /** Sign-in with the vtiger account: only where gsync reads vtiger's database (crm.adapter=jdbc). */
    private Option<dev.gsync.app.vtiger.VtigerSignIn> vtigerSignIn = Option.none();
    private Javalin app;
    private WebLinks links;
    private final java.util.List<java.util.function.Consumer<Javalin>> extraRoutes = new java.util.ArrayList<>();
    private java.util.function.Function<UserId, Option<String>> syncMode = user -> Option.none();
    private java.util.function.Supplier<Option<String>> pushStatus = Option::none;
    private final CsrfTokens csrf;
    private FailedSignIns failedSignIns;

    public WebServer(GoogleAccounts accounts, GoogleClientSettings googleClient, SyncStateStore store, UserSync userSync,
                     RunLog runLog, LinkSigner signer, String adminToken, Clock clock, dev.gsync.app.WebAddress address,
                     Duration linkTtl) {
        this.accounts = accounts;
        this.googleClient = googleClient;
        this.store = store;
        this.userSync = userSync;
        this.runLog = runLog;
        this.signer = signer;
        this.adminToken = adminToken;
        this.clock = clock;
        this.address = address;
        this.linkTtl = linkTtl;
        this.csrf = new CsrfTokens(signer);
        this.failedSignIns = new FailedSignIns(FailedSignIns.Limits.DEFAULT, clock);
    }

    /** Other limits for failed sign-ins than {@link FailedSignIns.Limits#DEFAULT}. */
    public WebServer withSignInLimits(FailedSignIns.Limits limits) {
        this.failedSignIns = new FailedSignIns(limits, clock);
        return this;
    }

    /** Wires the server from the assembled services. */
    public static WebServer of(dev.gsync.app.Services services, String linkKey, String adminToken) {
        return new WebServer(services.accounts(), services.googleClient(), services.store(), services.userSync(),
                services.runLog(), new LinkSigner(linkKey), adminToken, services.clock(), services.webAddress(),
                services.config().duration(dev.gsync.app.config.ConfigKey.WEB_LINK_TTL))
                .withSignInFrom(services.config());
    }

    private WebServer withSignInFrom(dev.gsync.app.config.AppConfig config) {
        if (config.get(dev.gsync.app.config.ConfigKey.CRM_ADAPTER).equals("jdbc") && !config.get(dev.gsync.app.config.ConfigKey.CRM_JDBC_URL).isBlank())
            withVtigerSignIn(new dev.gsync.app.vtiger.VtigerSignIn(config.get(dev.gsync.app.config.ConfigKey.CRM_JDBC_URL),
                    config.get(dev.gsync.app.config.ConfigKey.CRM_JDBC_USER), config.get(dev.gsync.app.config.ConfigKey.CRM_JDBC_PASSWORD)));
        return this;
    }

    /** Lets users open their settings page by signing in with their vtiger account. */
    public WebServer withVtigerSignIn(dev.gsync.app.vtiger.VtigerSignIn signIn) {
        this.vtigerSignIn = Option.some(signIn);
        return this;
    }

    /** Starts listening; an empty {@code baseUrl} means the address it listens on. Returns the port. */
    public int start(String bind, int port, String baseUrl) {
        app = Javalin.create(config -> config.showJavalinBanner = false);
        app.before(WebServer::securityHeaders);
        app.get("/", ctx -> ctx.html(Html.page("gsync", "<p>Open your settings page with the link from your CRM, or "
                + "<a href=\"/signin\">sign in with your CRM account</a>.</p>")));
        app.get("/signin", ctx -> signInPage(ctx, Option.none()));
        app.post("/signin", this::signIn);
        app.get("/health", ctx -> ctx.result("ok"));
        app.get("/u/{user}", this::settingsPage);
        app.post("/u/{user}/settings", this::saveSettings);
        app.post("/u/{user}/connect", this::connect);
        app.post("/u/{user}/disconnect", this::disconnect);
        app.post("/u/{user}/deletions/{decision}", this::userDecides);
        app.get("/oauth/start", this::oauthStart);
        app.get("/oauth/callback", this::oauthCallback);
        app.get("/admin", this::adminPage);
        app.get("/admin/runs/{user}", this::adminRuns);
        app.post("/admin/login", this::adminLogin);
        app.post("/admin/google", this::adminSaveGoogle);
        app.post("/admin/deletions/{user}/{decision}", this::adminDecides);
        extraRoutes.forEach(routes -> routes.accept(app));
        app.exception(Exception.class, (e, ctx) -> {
            log.error("request {} failed", ctx.path(), e);
            ctx.status(500).html(Html.page("Error", "<p class=\"problem\">Something went wrong; the log has the details.</p>"));
        });
        app.start(bind, port);
        this.links = new WebLinks(URI.create(baseUrl.isBlank() ? "http://" + bind + ":" + app.port() : baseUrl), signer, clock);
        address.set(links.baseUrl());
        log.info("web server listening on {}:{} as {}", bind, app.port(), links.baseUrl());
        return app.port();
    }

    /**
     * On every answer. The pages run no script and load nothing (their one style sheet is inline, the calendar
     * swatches use a style attribute); they may not be framed (clickjacking of the forms), and since a user's page
     * URL carries its signed link, no Referer may carry it away to another site. Pages with signed links are not
     * kept in caches either. No form-action: the connect form's redirect to Google's consent page would be blocked.
     */
    static void securityHeaders(io.javalin.http.Context ctx) {
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Cache-Control", "no-store");
    }

    static final String CONTENT_SECURITY_POLICY =
            "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; frame-ancestors 'none'";

    /** More routes (the push webhook), added before {@link #start}. */
    public void addRoutes(java.util.function.Consumer<Javalin> routes) {
        extraRoutes.add(routes);
    }

    /** What the status pages say about how a user's changes are noticed (push or polling, and why). */
    public void showSyncMode(java.util.function.Function<UserId, Option<String>> mode) {
        this.syncMode = mode;
    }

    /** A line for the admin page about push on this instance (webhook, notifications taken and refused). */
    public void showPushStatus(java.util.function.Supplier<Option<String>> status) {
        this.pushStatus = status;
    }

    public WebLinks links() {
        return links;
    }

    private URI userPage(UserId user) {
        return links.userPage(user);
    }

    private URI redirectUri() {
        return links.redirectUri();
    }

    public io.vavr.control.Either<String, URI> consentUrl(UserId user) {
        return accounts.consentUrl(user);
    }

    // ---- user pages

    /** The grant of a valid, unexpired link; otherwise answers 403 with what is wrong with the link. */
    private Option<LinkSigner.PageGrant> authorisedUser(Context ctx) {
        String sig = Option.of(ctx.formParam("sig")).getOrElse(ctx.queryParam("sig"));
        String issued = Option.of(ctx.formParam("t")).getOrElse(ctx.queryParam("t"));
        UserId user = UserId.of(ctx.pathParamMap().containsKey("user") ? ctx.pathParam("user") : String.valueOf(ctx.queryParam("user")));
        return signer.check(user, issued, sig, clock.instant(), linkTtl).fold(
                problem -> {
                    ctx.status(403).html(Html.page("Not allowed", "<p class=\"problem\" id=\"link-problem\">" + Html.esc(problem) + "</p>"));
                    return Option.none();
                },
                Option::some);
    }

    private void settingsPage(Context ctx) {
        authorisedUser(ctx).forEach(grant -> renderSettings(ctx, grant, userSync.settings(grant.user()), LinkedHashMap.empty(),
                Option.of(ctx.queryParam("notice"))));
    }

    private void saveSettings(Context ctx) {
        authorisedUser(ctx).forEach(grant -> {
            SyncSettings current = userSync.settings(grant.user());
            // with the user's calendar list, the calendars come from the picker and are checked against it
            Option<io.vavr.control.Either<String, io.vavr.collection.Seq<String>>> picked = accounts.calendarsOf(grant.user()).toOption()
                    .map(list -> CalendarPicker.choose(ctx.formParam(CalendarPicker.TARGET), io.vavr.collection.List.ofAll(ctx.formParams(CalendarPicker.ALSO)), list));
            // likewise the task lists, from their picker, checked against the user's lists
            Option<io.vavr.control.Either<String, io.vavr.collection.Seq<String>>> pickedLists = accounts.taskListsOf(grant.user()).toOption()
                    .map(list -> TaskListPicker.choose(ctx.formParam(TaskListPicker.TARGET), io.vavr.collection.List.ofAll(ctx.formParams(TaskListPicker.ALSO)), list));
            java.util.function.Function<String, String> form = name -> name.equals(SettingsForm.CALENDARS) && picked.isDefined()
                    ? picked.get().map(ids -> ids.mkString(",")).getOrElse(current.googleCalendars().mkString(","))
                    : name.equals(SettingsForm.TASK_LISTS) && pickedLists.isDefined()
                    ? pickedLists.get().map(ids -> ids.mkString(",")).getOrElse(current.googleTaskLists().mkString(","))
                    : ctx.formParam(name);
            var read = SettingsForm.read(form, current);
            Map<String, String> errors = read.fold(e -> e, ok -> LinkedHashMap.empty());
            if (picked.isDefined() && picked.get().isLeft()) errors = errors.put(SettingsForm.CALENDARS, picked.get().getLeft());
            if (pickedLists.isDefined() && pickedLists.get().isLeft()) errors = errors.put(SettingsForm.TASK_LISTS, pickedLists.get().getLeft());
            if (!errors.isEmpty()) {
                ctx.status(400);
                renderSettings(ctx, grant, current, errors, Option.some("Not saved: please correct the marked fields."));
                return;
            }
            store.saveSettings(grant.user(), read.get());
            log.info("settings saved user={}", grant.user());
            ctx.redirect(links.userPage(grant) + "&notice=saved");
        });
    }

    private void connect(Context ctx) {
        authorisedUser(ctx).map(LinkSigner.PageGrant::user).forEach(user -> consentUrl(user).fold(
                problem -> { ctx.status(503).html(Html.page("Cannot connect", "<p class=\"problem\">" + Html.esc(problem) + "</p>")); return null; },
                url -> { ctx.redirect(url.toString()); return null; }));
    }

    private void oauthStart(Context ctx) {
        connect(ctx);
    }

    private void disconnect(Context ctx) {
        authorisedUser(ctx).forEach(grant -> {
            accounts.unlink(grant.user());
            log.info("google unlinked user={}", grant.user());
            ctx.redirect(links.userPage(grant) + "&notice=disconnected");
        });
    }

    private void oauthCallback(Context ctx) {
        String error = ctx.queryParam("error");
        String state = ctx.queryParam("state");
        if (error != null) {
            accounts.complete(state, null);   // spends the state: an answer, even a refusal, ends the consent
            String why = "access_denied".equals(error) ? "Google access was not granted (access_denied): nothing was linked."
                    : "Google answered with an error (" + error + "): nothing was linked.";
            log.info("google consent ended with error={}", error);
            ctx.status(400).html(Html.page("Google not linked", "<p class=\"problem\" id=\"oauth-error\">" + Html.esc(why)
                    + "</p><p>Go back to your settings page to try again.</p>"));
            return;
        }
        accounts.complete(state, ctx.queryParam("code")).fold(
                problem -> {
                    log.warn("linking google failed reason={}", problem);
                    ctx.status(400).html(Html.page("Google not linked", "<p class=\"problem\" id=\"oauth-error\">" + Html.esc(problem) + "</p>"));
                    return null;
                },
                user -> {
                    log.info("google linked user={}", user);
                    if (store.settings(user).isEmpty()) store.saveSettings(user, userSync.settings(user));  // now a known user
                    ctx.redirect(userPage(user) + "&notice=connected");
                    return null;
                });
    }

    private void renderSettings(Context ctx, LinkSigner.PageGrant grant, SyncSettings s, Map<String, String> errors, Option<String> notice) {
        UserId user = grant.user();
        String action = "/u/" + enc(user.value());
        String proof = hidden("t", String.valueOf(grant.issued())) + hidden("sig", grant.signature());
        StringBuilder b = new StringBuilder();
        notice.forEach(n -> b.append("<p class=\"notice\" id=\"notice\">").append(Html.esc(noticeText(n))).append("</p>"));
        boolean linked = accounts.isLinked(user);
        b.append("<h2>Google account</h2><p id=\"google-status\">").append(linked ? "Linked" : "Not linked").append("</p>")
                .append("<form method=\"post\" action=\"").append(action).append(linked ? "/disconnect" : "/connect").append("\">")
                .append(proof).append("<button id=\"").append(linked ? "disconnect" : "connect").append("\">")
                .append(linked ? "Disconnect Google" : "Connect Google").append("</button></form>");
        syncMode.apply(user).forEach(mode -> b.append("<p id=\"sync-mode\">").append(Html.esc(mode)).append("</p>"));
        runLog.last(user).forEach(run -> b.append("<h2>Last sync</h2><p id=\"last-sync\">").append(Html.esc(describe(run))).append("</p>"));
        b.append(RunAuditHtml.lastRuns(runLog.runs(user, LAST_RUNS_SHOWN)));
        userSync.heldDeletion(user).forEach(held -> b.append(heldSection(held, action + "/deletions", proof)));
        b.append("<h2>Settings</h2><form method=\"post\" action=\"").append(action).append("/settings\" id=\"settings\">").append(proof);
        errors.get("").forEach(e -> b.append("<p class=\"problem\">").append(Html.esc(e)).append("</p>"));
        b.append(select(SettingsForm.DIRECTION, "Direction", s.direction(), errors));
        b.append(select(SettingsForm.CONFLICT, "When both sides changed", s.conflictPolicy(), errors));
        b.append(select(SettingsForm.PRIVATE_EVENTS, "Private events", s.privateEvents(), errors));
        b.append(checkbox(SettingsForm.PRIVATE_AS_PUBLIC, "Private Google events arrive in the CRM as public",
                s.privateGoogleLandsAs() == dev.gsync.core.model.PrivateLanding.PUBLIC));
        b.append(input(SettingsForm.HOURS, "Hours synced (HH:MM-HH:MM, empty: whole day)", s.hourWindow().isWholeDay() ? "" : s.hourWindow().toString(), errors));
        b.append(checkbox(SettingsForm.ALL_DAY, "Sync all-day events", s.allDayInScope()));
        b.append(input(SettingsForm.ZONE, "Time zone", s.zone().getId(), errors));
        b.append(accounts.calendarsOf(user).<String>fold(
                unavailable -> input(SettingsForm.CALENDARS, "Google calendars (ids, comma separated; the first receives new CRM items)",
                        s.googleCalendars().mkString(", "), errors) + "<p class=\"small\" id=\"calendar-list-note\">Your calendar list appears here once Google is linked ("
                        + Html.esc(unavailable) + ").</p>",
                list -> CalendarPicker.html(list, s.googleCalendars(), errors)));
        b.append(checkbox(SettingsForm.EVENTS, "Sync events", s.kinds().contains(ItemKind.EVENT)));
        b.append(checkbox(SettingsForm.TASKS, "Sync to-dos with Google Tasks", s.kinds().contains(ItemKind.TASK)));
        errors.get(SettingsForm.TASKS).forEach(e -> b.append(error(SettingsForm.TASKS, e)));
        b.append(accounts.taskListsOf(user).<String>fold(
                unavailable -> input(SettingsForm.TASK_LISTS, "Google task lists (ids, comma separated; the first receives new CRM to-dos; @default: your default list)",
                        s.googleTaskLists().mkString(", "), errors),
                list -> TaskListPicker.html(list, s.googleTaskLists(), errors)));
        b.append(input(SettingsForm.DAYS_BACK, "Days back", String.valueOf(s.horizon().daysBack()), errors));
        b.append(input(SettingsForm.DAYS_AHEAD, "Days ahead", String.valueOf(s.horizon().daysAhead()), errors));
        b.append("<p><button id=\"save\">Save</button></p></form>");
        b.append("<p class=\"small\" id=\"link-expiry\">This link works until ").append(Html.esc(grant.issuedAt().plus(linkTtl)))
                .append("; your CRM's Google Sync link or your administrator gives you a new one.</p>");
        ctx.html(Html.page("Calendar sync for " + user, b.toString()));
    }

    // ---- held deletions (rule R12)

    /** The held deletion, item by item, with the two buttons that decide it. */
    static String heldSection(HeldDeletion held, String formAction, String hiddenFields) {
        StringBuilder b = new StringBuilder("<h2>Held deletion</h2><div id=\"held-deletion\"><p id=\"held-reason\">")
                .append(Html.esc("Since " + held.heldAt() + ": " + held.reason())).append("</p><ul id=\"held-items\">");
        held.items().forEach(i -> b.append("<li>").append(Html.esc(i.title().map(t -> "\"" + t + "\" ").getOrElse("")
                + "on " + i.target() + " (" + i.id() + "), deleted on " + i.target().other())).append("</li>"));
        b.append("</ul><p>Confirm to delete exactly these ").append(held.items().size()).append(" items; discard to keep them and ")
                .append("restore the deleted ones from the other side.</p>")
                .append("<form method=\"post\" action=\"").append(formAction).append("/confirm\">").append(hiddenFields)
                .append("<button id=\"confirm-deletes\">Confirm the deletions</button></form>")
                .append("<form method=\"post\" action=\"").append(formAction).append("/discard\">").append(hiddenFields)
                .append("<button id=\"discard-deletes\">Discard: restore the items</button></form></div>");
        return b.toString();
    }

    private static Option<RunOptions.HeldDecision> decision(Context ctx) {
        return switch (ctx.pathParam("decision")) {
            case "confirm" -> Option.some(RunOptions.HeldDecision.CONFIRM);
            case "discard" -> Option.some(RunOptions.HeldDecision.DISCARD);
            default -> Option.none();
        };
    }

    /** Runs the decision as a sync of the user (under the user's lock); the notice code for the page it returns to. */
    private String decide(UserId user, RunOptions.HeldDecision decision, String via) {
        if (userSync.heldDeletion(user).isEmpty()) return "nothing-held";
        RunSummary run = userSync.decide(user, decision, via);
        if (run.outcome() == dev.gsync.app.Outcome.BUSY) return "busy";
        return decision == RunOptions.HeldDecision.CONFIRM ? "deletions-confirmed" : "deletions-discarded";
    }

    private void userDecides(Context ctx) {
        authorisedUser(ctx).forEach(grant -> decision(ctx).fold(
                () -> { ctx.status(404).html(Html.page("Not found", "<p class=\"problem\">No such decision.</p>")); return null; },
                decision -> { ctx.redirect(links.userPage(grant) + "&notice=" + decide(grant.user(), decision, "settings page")); return null; }));
    }

    private void adminDecides(Context ctx) {
        if (!isAdmin(ctx)) {
            ctx.status(403).html(Html.page("Not allowed", "<p class=\"problem\">Log in first.</p>"));
            return;
        }
        if (!formTokenValid(ctx)) return;
        UserId user = UserId.of(ctx.pathParam("user"));
        decision(ctx).fold(
                () -> { ctx.status(404).html(Html.page("Not found", "<p class=\"problem\">No such decision.</p>")); return null; },
                decision -> { ctx.redirect("/admin?notice=" + decide(user, decision, "admin page")); return null; });
    }

    private static String noticeText(String code) {
        return switch (code) {
            case "deletions-confirmed" -> "The held deletions were confirmed and carried out.";
            case "deletions-discarded" -> "The held deletions were discarded: the deleted items are restored from the other side.";
            case "nothing-held" -> "No deletion is held: nothing to decide.";
            case "busy" -> "A sync of this calendar is running right now; nothing was done. Try again in a minute.";
            case "saved" -> "Settings saved. They apply from the next sync.";
            case "connected" -> "Google linked.";
            case "disconnected" -> "Google disconnected.";
            default -> code;
        };
    }

    static String describe(RunSummary run) {
        return run.finished() + ": " + run.outcome() + (run.counts().isEmpty() ? "" : " (" + run.counts() + ")")
                + (run.failures().isEmpty() ? "" : " – " + run.firstFailure());
    }

    private static <E extends Enum<E>> String select(String name, String label, E current, Map<String, String> errors) {
        StringBuilder b = new StringBuilder("<label for=\"" + name + "\">" + Html.esc(label) + "</label><select name=\"" + name + "\" id=\"" + name + "\">");
        for (E option : current.getDeclaringClass().getEnumConstants())
            b.append("<option value=\"").append(option.name()).append(option == current ? "\" selected>" : "\">").append(option.name()).append("</option>");
        b.append("</select>");
        errors.get(name).forEach(e -> b.append(error(name, e)));
        return b.toString();
    }

    private static String input(String name, String label, String value, Map<String, String> errors) {
        return "<label for=\"" + name + "\">" + Html.esc(label) + "</label><input name=\"" + name + "\" id=\"" + name
                + "\" value=\"" + Html.esc(value) + "\">" + errors.get(name).map(e -> error(name, e)).getOrElse("");
    }

    private static String checkbox(String name, String label, boolean checked) {
        return "<label><input type=\"checkbox\" name=\"" + name + "\" id=\"" + name + "\" value=\"on\"" + (checked ? " checked" : "") + "> " + Html.esc(label) + "</label>";
    }

    private static String error(String name, String message) {
        return "<span class=\"error\" id=\"" + name + "-error\">" + Html.esc(message) + "</span>";
    }

    private static String hidden(String name, String value) {
        return "<input type=\"hidden\" name=\"" + name + "\" value=\"" + Html.esc(value) + "\">";
    }

    // ---- sign-in with the vtiger account (the "Google Sync" link in vtiger's menu leads here)

    private void signInPage(Context ctx, Option<String> problem) {
        if (vtigerSignIn.isEmpty()) {
            ctx.status(404).html(Html.page("Sign in", "<p>Signing in with the CRM account is not available here; "
                    + "open your settings page with the link from your CRM or your administrator.</p>"));
            return;
        }
        StringBuilder b = new StringBuilder();
        problem.forEach(p -> b.append("<p class=\"problem\" id=\"signin-error\">").append(Html.esc(p)).append("</p>"));
        b.append("<form method=\"post\" action=\"/signin\">").append(csrf.field(ctx)).append("<label for=\"user\">CRM user name</label>")
                .append("<input name=\"user\" id=\"user\" autocomplete=\"username\">")
                .append("<label for=\"password\">CRM password</label><input type=\"password\" name=\"password\" id=\"password\" autocomplete=\"current-password\">")
                .append("<p><button id=\"signin\">Sign in</button></p></form><p>Your password is checked against the CRM and not kept.</p>");
        ctx.html(Html.page("Sign in with your CRM account", b.toString()));
    }

    private void signIn(Context ctx) {
        if (vtigerSignIn.isEmpty()) {
            signInPage(ctx, Option.none());
            return;
        }
        if (!csrf.valid(ctx)) {
            log.info("vtiger sign-in without its form token from {}", ctx.ip());
            ctx.status(403);
            signInPage(ctx, Option.some(FORM_EXPIRED));
            return;
        }
        String name = Option.of(ctx.formParam("user")).getOrElse("");
        Option<Duration> wait = failedSignIns.refusedFor(ctx.ip(), name);
        if (wait.isDefined()) {
            log.warn("vtiger sign-in refused from {}: too many failed attempts", ctx.ip());
            tooManyAttempts(ctx, wait.get());
            signInPage(ctx, Option.some(tooManyText(wait.get())));
            return;
        }
        vtigerSignIn.get().check(name, ctx.formParam("password")).fold(
                problem -> {
                    log.info("vtiger sign-in refused from {}", ctx.ip());   // never the password, nor the name tried
                    failedSignIns.failed(ctx.ip(), name);
                    ctx.status(403);
                    signInPage(ctx, Option.some(problem));
                    return null;
                },
                user -> {
                    failedSignIns.succeeded(name);
                    log.info("vtiger sign-in user={}", user);
                    ctx.redirect(links.userPage(user).toString());
                    return null;
                });
    }

    private static final String FORM_EXPIRED = "This form has expired or came from another site: nothing was done. Please try again.";

    private static void tooManyAttempts(Context ctx, Duration wait) {
        ctx.status(429).header("Retry-After", String.valueOf(Math.max(1, wait.toSeconds())));
    }

    private static String tooManyText(Duration wait) {
        return "Too many failed attempts: please wait " + Math.max(1, (wait.toSeconds() + 59) / 60) + " minute(s) and try again.";
    }

    /** Answers 403 unless the post carries this browser's form token; true when it may go on. */
    private boolean formTokenValid(Context ctx) {
        if (csrf.valid(ctx)) return true;
        log.warn("{} refused: no valid form token (from {})", ctx.path(), ctx.ip());
        ctx.status(403).html(Html.page("Not allowed", "<p class=\"problem\" id=\"form-expired\">" + Html.esc(FORM_EXPIRED)
                + "</p><p><a href=\"/admin\">Back</a></p>"));
        return false;
    }

    // ---- admin

    private boolean isAdmin(Context ctx) {
        String cookie = ctx.cookie(ADMIN_COOKIE);
        if (adminToken.isBlank() || cookie == null || !cookie.contains(".")) return false;
        String[] part = cookie.split("\\.", 2);
        long until;
        try {
            until = Long.parseLong(part[0]);
        } catch (NumberFormatException e) {
            return false;
        }
        return clock.instant().getEpochSecond() < until && signer.verify("admin-until-" + until, GoogleClientSettings.SYSTEM, part[1]);
    }

    private void adminPage(Context ctx) {
        if (adminToken.isBlank()) {
            ctx.status(404).html(Html.page("Admin", "<p>The admin pages are off: set web.adminToken to use them.</p>"));
            return;
        }
        if (!isAdmin(ctx)) {
            ctx.html(Html.page("Admin login", "<form method=\"post\" action=\"/admin/login\">" + csrf.field(ctx) + "<label for=\"token\">Admin token</label>"
                    + "<input type=\"password\" name=\"token\" id=\"token\"><button id=\"login\">Log in</button></form>"));
            return;
        }
        StringBuilder b = new StringBuilder();
        Option.of(ctx.queryParam("notice")).forEach(n -> b.append("<p class=\"notice\" id=\"notice\">")
                .append(Html.esc(n.equals("saved") ? "Saved." : noticeText(n))).append("</p>"));
        b.append("<h2>Google OAuth client</h2><form method=\"post\" action=\"/admin/google\">").append(csrf.field(ctx))
                .append("<label for=\"clientId\">Client id</label><input name=\"clientId\" id=\"clientId\" value=\"").append(Html.esc(googleClient.clientId())).append("\">")
                .append("<label for=\"clientSecret\">Client secret (").append(googleClient.hasSecret() ? "set; leave empty to keep it" : "not set").append(")</label>")
                .append("<input type=\"password\" name=\"clientSecret\" id=\"clientSecret\" value=\"\" autocomplete=\"off\">")
                .append("<p>Redirect URI to register with Google: <code id=\"redirect-uri\">").append(Html.esc(redirectUri())).append("</code></p>")
                .append("<button id=\"save\">Save</button></form><h2>Users</h2><ul id=\"users\">");
        // each view issues fresh links: copying one from here re-issues a user's link (valid for web.linkTtl)
        for (UserId user : store.users().filter(u -> !u.equals(GoogleClientSettings.SYSTEM)).sorted())
            b.append("<li><a class=\"user-page\" href=\"").append(Html.esc(userPage(user))).append("\">").append(Html.esc(user)).append("</a> – ")
                    .append(accounts.isLinked(user) ? "linked" : "not linked")
                    .append(syncMode.apply(user).map(mode -> " – " + Html.esc(mode)).getOrElse(""))
                    .append(" – <a class=\"user-runs\" href=\"/admin/runs/").append(Html.esc(enc(user.value()))).append("\">last runs</a></li>");
        b.append("</ul><p>Each link above is newly issued and works for ").append(Html.esc(linkTtl)).append(".</p>");
        pushStatus.get().forEach(line -> b.append("<h2>Push</h2><p id=\"push-status\">").append(Html.esc(line)).append("</p>"));
        b.append("<h2>Held deletions</h2><div id=\"held-deletions\">");
        boolean none = true;
        for (UserId user : store.users().filter(u -> !u.equals(GoogleClientSettings.SYSTEM)).sorted()) {
            Option<HeldDeletion> held = userSync.heldDeletion(user);
            if (held.isEmpty()) continue;
            none = false;
            b.append("<div class=\"held\" id=\"held-").append(Html.esc(user.value())).append("\"><h3>").append(Html.esc(user.value())).append("</h3>")
                    .append(heldSection(held.get(), "/admin/deletions/" + enc(user.value()), csrf.field(ctx)).replace(" id=\"", " id=\"" + Html.esc(user.value()) + "-"))
                    .append("</div>");
        }
        if (none) b.append("<p id=\"no-held-deletions\">None.</p>");
        b.append("</div>");
        ctx.html(Html.page("Admin", b.toString()));
    }

    private void adminRuns(Context ctx) {
        if (!isAdmin(ctx)) {
            ctx.status(403).html(Html.page("Not allowed", "<p class=\"problem\">Log in first: <a href=\"/admin\">admin</a>.</p>"));
            return;
        }
        UserId user = UserId.of(ctx.pathParam("user"));
        ctx.html(Html.page("Runs of " + user, RunAuditHtml.lastRuns(runLog.runs(user, LAST_RUNS_SHOWN)) + "<p><a href=\"/admin\">Back</a></p>"));
    }

    private void adminLogin(Context ctx) {
        if (!formTokenValid(ctx)) return;
        Option<Duration> wait = failedSignIns.refusedFor(ctx.ip(), "");
        if (wait.isDefined()) {
            log.warn("admin login refused from {}: too many failed attempts", ctx.ip());
            tooManyAttempts(ctx, wait.get());
            ctx.html(Html.page("Admin login", "<p class=\"problem\" id=\"login-error\">" + Html.esc(tooManyText(wait.get())) + "</p>"));
            return;
        }
        String given = Option.of(ctx.formParam("token")).getOrElse("");
        if (adminToken.isBlank() || !MessageDigest.isEqual(adminToken.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8))) {
            failedSignIns.failed(ctx.ip(), "");
            log.warn("admin login refused from {}", ctx.ip());
            ctx.status(403).html(Html.page("Admin login", "<p class=\"problem\" id=\"login-error\">Wrong token.</p>"));
            return;
        }
        long until = clock.instant().plus(ADMIN_SESSION).getEpochSecond();
        Cookie cookie = new Cookie(ADMIN_COOKIE, until + "." + signer.sign("admin-until-" + until, GoogleClientSettings.SYSTEM));
        cookie.setHttpOnly(true);
        cookie.setSameSite(SameSite.STRICT);
        cookie.setPath("/");
        ctx.cookie(cookie);
        ctx.redirect("/admin");
    }

    private void adminSaveGoogle(Context ctx) {
        if (!isAdmin(ctx)) {
            ctx.status(403).html(Html.page("Not allowed", "<p class=\"problem\">Log in first.</p>"));
            return;
        }
        if (!formTokenValid(ctx)) return;
        String id = Option.of(ctx.formParam("clientId")).getOrElse("").strip();
        if (id.isEmpty()) {
            ctx.status(400).html(Html.page("Admin", "<p class=\"problem\" id=\"clientId-error\">The client id must not be empty.</p>"));
            return;
        }
        googleClient.save(id, Option.of(ctx.formParam("clientSecret")).getOrElse(""));
        log.info("google oauth client changed by admin (client id {})", id);
        ctx.redirect("/admin?notice=saved");
    }

    private static String enc(String value) {
        return WebLinks.enc(value);
    }

    @Override
    public void close() {
        if (app != null) app.stop();
    }
}
