package dev.gsync.app.config;

import java.util.Locale;

/**
 * Every setting the runner reads, with its default. docs/configuration.md lists the same keys; a test keeps the two
 * in step. The environment variable of a key is GSYNC_ plus the key in upper case, dots and camel humps as
 * underscores: {@code google.clientSecret} is {@code GSYNC_GOOGLE_CLIENT_SECRET}.
 */
public enum ConfigKey {
    CRM_ADAPTER("crm.adapter", "jdbc", false, "Which CRM adapter: jdbc (vtiger's database) or rest (webservice.php)."),
    CRM_JDBC_URL("crm.jdbc.url", "", false, "JDBC URL of the vtiger database (adapter jdbc), e.g. jdbc:mariadb://db:3306/vtiger."),
    CRM_JDBC_USER("crm.jdbc.user", "", false, "Database user for the vtiger database."),
    CRM_JDBC_PASSWORD("crm.jdbc.password", "", true, "Database password for the vtiger database."),
    CRM_ZONE("crm.zone", "UTC", false, "vtiger's $default_timezone: the zone its stored dates and times are in."),
    CRM_REST_URL("crm.rest.url", "", false, "Full URL of vtiger's webservice.php (adapter rest)."),
    CRM_REST_KEYS("crm.rest.keys", "env", false,
            "Where each vtiger user's access key comes from: env (GSYNC_VTIGER_KEY_<USER>), store (gsync's encrypted "
                    + "credential store, name vtiger.accesskey) or dir:<path> (<path>/<user>.key)."),

    STATE_JDBC_URL("state.jdbc.url", "jdbc:h2:file:./gsync-data/state;AUTO_SERVER=TRUE", false,
            "JDBC URL of gsync's own database (H2 or MariaDB): sync state, credentials, run status, scheduler."),
    STATE_JDBC_USER("state.jdbc.user", "sa", false, "User of gsync's own database."),
    STATE_JDBC_PASSWORD("state.jdbc.password", "", true, "Password of gsync's own database."),
    STATE_ENCRYPTION_KEY("state.encryptionKey", "", true,
            "Base64 of 32 random bytes (openssl rand -base64 32) that encrypts stored tokens; without it linking Google fails."),

    GOOGLE_CLIENT_ID("google.clientId", "", false,
            "OAuth client id; the admin page may set it instead (stored in the state database)."),
    GOOGLE_CLIENT_SECRET("google.clientSecret", "", true, "OAuth client secret; the admin page may set it instead."),
    GOOGLE_AUTH_URI("google.authUri", "https://accounts.google.com/o/oauth2/v2/auth", false, "OAuth consent endpoint."),
    GOOGLE_TOKEN_URI("google.tokenUri", "https://oauth2.googleapis.com/token", false, "OAuth token endpoint."),
    GOOGLE_CALENDAR_ROOT("google.calendarRoot", "https://www.googleapis.com/", false,
            "Root URL of the Calendar API (the emulator's URL in the demo)."),
    GOOGLE_TASKS_ROOT("google.tasksRoot", "https://tasks.googleapis.com/", false, "Root URL of the Tasks API."),

    WEB_BIND("web.bind", "127.0.0.1", false, "Address the web server listens on."),
    WEB_PORT("web.port", "8080", false, "Port of the web server (0: any free port)."),
    WEB_BASE_URL("web.baseUrl", "", false,
            "Public URL of the web server, as browsers reach it; the OAuth redirect URI is built from it (empty: http://<web.bind>:<port>)."),
    WEB_ADMIN_TOKEN("web.adminToken", "", true, "Token that opens the admin pages (empty: admin pages are off)."),
    WEB_LINK_KEY("web.linkKey", "", true, "Key that signs per-user page links (required by serve and connect)."),
    WEB_LINK_TTL("web.linkTtl", "P30D", false,
            "How long a settings link works after it was issued (ISO-8601, e.g. P30D); gsync connect and the admin page issue new ones."),

    SCHEDULER_INTERVAL("scheduler.interval", "PT15M", false, "Time between two syncs of one user (ISO-8601)."),
    SCHEDULER_RETRY("scheduler.retryAfter", "PT5M", false,
            "First wait after a failed user sync; doubles per consecutive failure, capped at the interval."),
    SCHEDULER_THREADS("scheduler.threads", "4", false, "Users synced at once by this instance."),
    SCHEDULER_INSTANCE("scheduler.instanceName", "", false,
            "Name of this instance in the cluster (empty: the host name)."),
    SCHEDULER_CRM_INTERVAL("scheduler.crmInterval", "", false,
            "How often each user's CRM feed is checked for changes between full syncs (ISO-8601; empty: PT10S with "
                    + "crm.adapter=jdbc, PT5M with rest). A check with no changes makes no Google call."),
    SCHEDULER_PUSH_POLL_INTERVAL("scheduler.pushPollInterval", "PT1H", false,
            "Google safety-net polling for users whose events arrive by push and who sync no tasks (ISO-8601)."),

    PUSH_ENABLED("push.enabled", "true", false,
            "Ask Google to announce calendar changes (push channels to <web.baseUrl>/push/google); needs a public https web.baseUrl."),
    PUSH_ALLOW_HTTP("push.allowHttp", "false", false,
            "Accept an http:// web.baseUrl for push (the emulator; Google itself only delivers to https)."),
    PUSH_CHANNEL_TTL("push.channelTtl", "P1D", false, "Lifetime asked for each push channel (Google may grant less)."),
    PUSH_RENEW_BEFORE("push.renewBefore", "PT2H", false, "A channel this close to its expiration is replaced by a new one."),
    PUSH_DEBOUNCE("push.debounce", "PT2S", false,
            "Delay between a notification and the user's sync, so a burst of changes is one sync."),
    PUSH_CONFIRM_WITHIN("push.confirmWithin", "PT2M", false,
            "Without Google's first message on a new channel by then, the webhook counts as unreachable and the user polls."),
    PUSH_MAINTAIN_EVERY("push.maintainEvery", "PT1M", false,
            "How often channels are opened, renewed and stopped (one instance of the cluster does it)."),

    SYNC_ZONE("sync.zone", "UTC", false, "Fallback time zone of a new user whose CRM time zone is unknown.");

    private final String key;
    private final String defaultValue;
    private final boolean secret;
    private final String description;

    ConfigKey(String key, String defaultValue, boolean secret, String description) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.secret = secret;
        this.description = description;
    }

    public String key() { return key; }
    public String defaultValue() { return defaultValue; }
    public boolean secret() { return secret; }
    public String description() { return description; }

    public String environmentVariable() {
        return "GSYNC_" + key.replaceAll("([a-z])([A-Z])", "$1_$2").replace('.', '_').toUpperCase(Locale.ROOT);
    }
}
