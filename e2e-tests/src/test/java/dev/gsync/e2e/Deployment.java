package dev.gsync.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gsync.app.Assembly;
import dev.gsync.app.Services;
import dev.gsync.app.config.AppConfig;
import dev.gsync.app.config.ConfigKey;
import dev.gsync.app.web.WebServer;
import dev.gsync.core.model.CalendarItem;
import dev.gsync.core.model.IdempotencyKey;
import dev.gsync.core.model.Timing;
import dev.gsync.core.model.UserId;
import dev.gsync.core.port.CrmCalendar;
import dev.gsync.core.port.Write;
import dev.gsync.emulator.EmulatedUser;
import dev.gsync.emulator.EmulatorSettings;
import dev.gsync.emulator.GoogleEmulator;
import dev.gsync.vtiger.jdbc.VtigerJdbcCalendars;
import dev.gsync.vtiger.jdbc.VtigerSampleData;
import dev.gsync.vtiger.jdbc.VtigerSchema;
import dev.gsync.vtiger.rest.WebserviceFake;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * gsync as an operator deploys it, on this machine: vtiger's tables in a database of the embedded MariaDB server,
 * gsync's state in the default H2 file (or in MariaDB), the Google emulator (reached through a {@link TcpCut} so the
 * network can be cut), a properties file plus secrets in the environment, and `gsync` commands run as OS processes
 * ({@code java -cp <this test's classpath> dev.gsync.app.Main}). Users are linked through the real OAuth redirects
 * once, in this JVM, before any process runs.
 */
final class Deployment implements AutoCloseable {
    enum StateStore { H2_FILE, MARIADB }

    /**
     * How gsync reaches the CRM: JDBC on vtiger's tables in MariaDB, or REST through webservice.php served by the
     * adapter's webservice fake (real HTTP on 127.0.0.1, in this JVM, its records in memory; its clock follows the
     * wall clock, as vtiger's modifiedtime does).
     */
    enum Crm { JDBC, REST }

    static final ObjectMapper JSON = new ObjectMapper();
    static final LocalDate FIRST_DAY = LocalDate.now(ZoneOffset.UTC).plusDays(2);

    final Path dir;
    final GoogleEmulator emulator;
    final TcpCut network;
    final Crm crm;
    /** JDBC: vtiger's database; null with REST. */
    final String vtigerUrl;
    /** REST: the webservice fake and each user's access key; null with JDBC. */
    final WebserviceFake webservice;
    private final Map<String, String> accessKeys = new HashMap<>();
    private final ScheduledExecutorService webserviceClock;
    final String stateUrl;
    final Path configFile;
    final Map<String, String> environment = new HashMap<>();
    final Map<String, Integer> owners = new LinkedHashMap<>();
    /** Titles each user's seeds put on each side: every one must end on both sides, once. */
    final Map<String, Census.Expected> expected = new LinkedHashMap<>();
    private final Map<ConfigKey, String> values = new EnumMap<>(ConfigKey.class);
    private int processes;

    private Deployment(String name, List<String> users, StateStore state, EmulatorSettings emulatorSettings, Crm crm) throws Exception {
        this.crm = crm;
        dir = Path.of("target", "e2e", name + "-" + UUID.randomUUID().toString().substring(0, 6)).toAbsolutePath();
        Files.createDirectories(dir);
        emulator = GoogleEmulator.start(emulatorSettings.autoApprove(true));
        network = new TcpCut(emulator.port());
        MariaDbServer mariaDb = crm == Crm.JDBC || state == StateStore.MARIADB ? MariaDbServer.get() : null;
        if (crm == Crm.JDBC) {
            vtigerUrl = mariaDb.newDatabase("vtiger_" + name);
            webservice = null;
            webserviceClock = null;
            try (Connection c = vtiger()) {
                VtigerSchema.createVtigerTables(c, false);
                for (String user : users) owners.put(user, VtigerSampleData.addUser(c, user, user + "@example.com", user, "Tester", "UTC"));
            }
        } else {
            vtigerUrl = null;
            webservice = new WebserviceFake();
            webservice.setClock(Instant.now());
            webserviceClock = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "webservice-clock");
                t.setDaemon(true);
                return t;
            });
            webserviceClock.scheduleAtFixedRate(() -> webservice.setClock(Instant.now()), 100, 100, TimeUnit.MILLISECONDS);
            Path keys = Files.createDirectories(dir.resolve("vtiger-keys"));
            int id = 5;
            for (String user : users) {
                String key = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
                webservice.user(++id, user, key, "UTC");
                owners.put(user, id);
                accessKeys.put(user, key);
                Files.writeString(keys.resolve(user + ".key"), key + "\n");
            }
            values.put(ConfigKey.CRM_REST_KEYS, "dir:" + keys);
        }
        for (String user : users) expected.put(user, new Census.Expected());
        stateUrl = state == StateStore.MARIADB ? mariaDb.newDatabase("state_" + name) + "?connectTimeout=5000&socketTimeout=60000"
                : "jdbc:h2:file:" + dir.resolve("gsync-data/state") + ";AUTO_SERVER=TRUE";
        String google = "http://127.0.0.1:" + network.port() + "/";
        if (crm == Crm.JDBC) {
            values.put(ConfigKey.CRM_ADAPTER, "jdbc");
            values.put(ConfigKey.CRM_JDBC_URL, vtigerUrl + "?connectTimeout=5000&socketTimeout=60000");
            values.put(ConfigKey.CRM_JDBC_USER, "root");
        } else {
            values.put(ConfigKey.CRM_ADAPTER, "rest");
            values.put(ConfigKey.CRM_REST_URL, webservice.endpoint().toString());
        }
        values.put(ConfigKey.STATE_JDBC_URL, stateUrl);
        values.put(ConfigKey.STATE_JDBC_USER, state == StateStore.MARIADB ? "root" : "sa");
        values.put(ConfigKey.GOOGLE_CLIENT_ID, "gsync-e2e-client");
        values.put(ConfigKey.GOOGLE_AUTH_URI, google + "o/oauth2/auth");
        values.put(ConfigKey.GOOGLE_TOKEN_URI, google + "token");
        values.put(ConfigKey.GOOGLE_CALENDAR_ROOT, google);
        values.put(ConfigKey.GOOGLE_TASKS_ROOT, google);
        values.put(ConfigKey.WEB_BIND, "127.0.0.1");
        values.put(ConfigKey.WEB_PORT, "0");
        values.put(ConfigKey.PUSH_ENABLED, "false");
        values.put(ConfigKey.SCHEDULER_INTERVAL, "PT3S");
        values.put(ConfigKey.SCHEDULER_RETRY, "PT1S");
        values.put(ConfigKey.SCHEDULER_CRM_INTERVAL, "PT1S");
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Map<ConfigKey, String> secrets = Map.of(
                ConfigKey.GOOGLE_CLIENT_SECRET, "e2e-secret-" + UUID.randomUUID(),
                ConfigKey.STATE_ENCRYPTION_KEY, Base64.getEncoder().encodeToString(key),
                ConfigKey.WEB_LINK_KEY, "e2e-link-key-" + UUID.randomUUID(),
                ConfigKey.WEB_ADMIN_TOKEN, "e2e-admin-" + UUID.randomUUID());
        StringBuilder file = new StringBuilder("# written by the e2e harness\n");
        values.forEach((k, v) -> file.append(k.key()).append('=').append(v).append('\n'));
        configFile = dir.resolve("gsync.properties");
        Files.writeString(configFile, file);
        secrets.forEach((k, v) -> environment.put(k.environmentVariable(), v));
        values.putAll(secrets);
    }

    static Deployment create(String name, List<String> users, StateStore state) throws Exception {
        return create(name, users, state, EmulatorSettings.defaults().withoutQuota());
    }

    static Deployment create(String name, List<String> users, StateStore state, EmulatorSettings emulator) throws Exception {
        return new Deployment(name, users, state, emulator, Crm.JDBC);
    }

    static Deployment create(String name, List<String> users, StateStore state, Crm crm) throws Exception {
        return new Deployment(name, users, state, EmulatorSettings.defaults().withoutQuota(), crm);
    }

    String google(String user) { return user + "@example.com"; }

    EmulatedUser googleUser(String user) { return emulator.user(google(user)); }

    Connection vtiger() throws SQLException { return DriverManager.getConnection(vtigerUrl, "root", ""); }

    /** Links every user's Google account (OAuth redirects, the emulator approves) and seeds the CRM tasks, in this JVM. */
    void linkAndSeedCrmTasks(int tasksPerUser) throws Exception {
        AppConfig config = AppConfig.of(values);
        try (Services services = Assembly.production(config);
             WebServer web = WebServer.of(services, config.get(ConfigKey.WEB_LINK_KEY), config.get(ConfigKey.WEB_ADMIN_TOKEN))) {
            web.start("127.0.0.1", 0, "");
            emulator.registerClient(config.get(ConfigKey.GOOGLE_CLIENT_ID), config.get(ConfigKey.GOOGLE_CLIENT_SECRET),
                    web.links().redirectUri().toString());
            HttpClient noRedirects = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
            HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
            for (String user : owners.keySet()) {
                HttpResponse<String> start = noRedirects.send(HttpRequest.newBuilder(web.links().connectLink(UserId.of(user))).build(),
                        HttpResponse.BodyHandlers.ofString());
                String consent = start.headers().firstValue("Location").orElseThrow(() -> new IllegalStateException("no redirect: " + start.body()));
                consent = consent.replaceAll("&login_hint=[^&]*", "") + "&login_hint=" + URLEncoder.encode(google(user), StandardCharsets.UTF_8);
                HttpResponse<String> landing = browser.send(HttpRequest.newBuilder(URI.create(consent)).build(), HttpResponse.BodyHandlers.ofString());
                if (landing.statusCode() != 200) throw new IllegalStateException("linking " + user + ": " + landing.statusCode() + " " + landing.body());
                CrmCalendar crm = crmCalendar(services, user);
                for (int i = 0; i < tasksPerUser; i++) {
                    String title = "CT-" + user + "-" + i;
                    var written = crm.write(new Write.Create(CalendarItem.task(title, Timing.Due.on(FIRST_DAY.plusDays(i % 20))),
                            new IdempotencyKey("seed:" + UUID.randomUUID())));
                    if (written.isLeft()) throw new IllegalStateException(written.getLeft().describe());
                    expected.get(user).tasks.add(title);
                }
            }
        }
    }

    private CrmCalendar crmCalendar(Services services, String user) {
        if (crm == Crm.REST) return webservice.calendarOf(user, accessKeys.get(user));
        return services.injector().getInstance(VtigerJdbcCalendars.class).forUser(UserId.of(user))
                .getOrElseThrow(problem -> new IllegalStateException(problem.toString()));
    }

    /**
     * {@code count} events in the user's vtiger calendar within the next days: JDBC, as vtiger's screens store them;
     * REST, created through webservice.php as another client of the webservice would.
     */
    void seedCrmEvents(String user, int count) throws SQLException {
        if (crm == Crm.REST) {
            CrmCalendar calendar = webservice.calendarOf(user, accessKeys.get(user));
            for (int i = 0; i < count; i++) {
                String title = "CE-" + user + "-" + i;
                Instant start = FIRST_DAY.atTime(7, 0).plusMinutes(41L * i).toInstant(ZoneOffset.UTC);
                var written = calendar.write(new Write.Create(CalendarItem.event(title,
                        new Timing.Timed(start, start.plus(Duration.ofMinutes(30)), ZoneOffset.UTC)), new IdempotencyKey("seed:" + UUID.randomUUID())));
                if (written.isLeft()) throw new IllegalStateException(written.getLeft().describe());
                expected.get(user).events.add(title);
            }
            return;
        }
        int owner = owners.get(user);
        try (Connection c = vtiger()) {
            int chunk = 40;   // 40 events 3 hours apart: five days; each chunk starts a few minutes later
            int first = Integer.MAX_VALUE;
            for (int done = 0, k = 0; done < count; done += chunk, k++) {
                int n = Math.min(chunk, count - done);
                int id = VtigerSampleData.addEvents(c, owner, n, FIRST_DAY.atTime(7, 0).plusMinutes(5L * k),
                        LocalDateTime.now(ZoneOffset.UTC).minusMinutes(5), k);
                first = Math.min(first, id);
            }
            // saved now, as vtiger's screens and its import stamp them (rows stamped in the past: see the notes of issue 11)
            try (PreparedStatement ps = c.prepareStatement("UPDATE vtiger_crmentity SET modifiedtime = UTC_TIMESTAMP() WHERE crmid >= ? AND smownerid = ?")) {
                ps.setInt(1, first);
                ps.setInt(2, owner);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT a.subject FROM vtiger_activity a JOIN vtiger_crmentity e ON e.crmid = a.activityid "
                    + "WHERE e.smownerid = ? AND e.deleted = 0 AND a.activitytype <> 'Task'")) {
                ps.setInt(1, owner);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) expected.get(user).events.add(rs.getString(1));
                }
            }
        }
    }

    /** {@code events} events and {@code tasks} tasks entered in the user's Google account. */
    void seedGoogle(String user, int events, int tasks) {
        seedGoogle(user, events, tasks, "");
    }

    /** The same, a second time or more: {@code batch} (e.g. "r2") keeps the titles of each batch unique. */
    void seedGoogle(String user, int events, int tasks, String batch) {
        String infix = batch.isEmpty() ? "-" : "-" + batch + "-";
        EmulatedUser g = googleUser(user);
        for (int i = 0; i < events; i++) {
            String title = "GE-" + user + infix + i;
            LocalDateTime start = FIRST_DAY.atTime(8, 0).plusMinutes(37L * i);
            g.seedEvent(g.primaryCalendarId(), "{\"summary\":\"" + title + "\",\"start\":{\"dateTime\":\"" + start + ":00Z\"},"
                    + "\"end\":{\"dateTime\":\"" + start.plusMinutes(45) + ":00Z\"}}");
            expected.get(user).events.add(title);
        }
        for (int i = 0; i < tasks; i++) {
            String title = "GT-" + user + infix + i;
            g.seedTask(g.defaultTaskListId(), "{\"title\":\"" + title + "\",\"due\":\"" + FIRST_DAY.plusDays(i % 20) + "T00:00:00.000Z\"}");
            expected.get(user).tasks.add(title);
        }
    }

    /** What each side holds for the user now. */
    Census.Sides census(String user) throws Exception {
        List<String> crmEvents = new ArrayList<>(), crmTasks = new ArrayList<>();
        if (crm == Crm.REST) {
            String owner = webservice.userWsId(owners.get(user));
            for (Map<String, String> row : webservice.rows().values()) {
                if (owner.equals(row.get("assigned_user_id"))) ("Task".equals(row.get("activitytype")) ? crmTasks : crmEvents).add(row.get("subject"));
            }
        } else try (Connection c = vtiger(); PreparedStatement ps = c.prepareStatement("SELECT a.subject, a.activitytype FROM vtiger_activity a "
                + "JOIN vtiger_crmentity e ON e.crmid = a.activityid WHERE e.smownerid = ? AND e.deleted = 0")) {
            ps.setInt(1, owners.get(user));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) ("Task".equals(rs.getString(2)) ? crmTasks : crmEvents).add(rs.getString(1));
            }
        }
        EmulatedUser g = googleUser(user);
        List<String> googleEvents = new ArrayList<>(), googleTasks = new ArrayList<>();
        for (String json : g.events(g.primaryCalendarId())) {
            JsonNode e = JSON.readTree(json);
            if (!"cancelled".equals(e.path("status").asText())) googleEvents.add(e.path("summary").asText());
        }
        for (String json : g.tasks(g.defaultTaskListId())) {
            JsonNode t = JSON.readTree(json);
            if (!t.path("deleted").asBoolean(false)) googleTasks.add(t.path("title").asText());
        }
        return new Census.Sides(crmEvents, crmTasks, googleEvents, googleTasks);
    }

    /** Items copied so far, both ways, all users: how far an initial sync has got. */
    int copied() throws Exception {
        int total = 0;
        if (crm == Crm.REST) total += webservice.rows().size();
        else try (Connection c = vtiger(); ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM vtiger_crmentity WHERE deleted = 0 AND setype = 'Calendar'")) {
            rs.next();
            total += rs.getInt(1);
        }
        for (String user : owners.keySet()) {
            EmulatedUser g = googleUser(user);
            total += g.eventCount(g.primaryCalendarId()) + g.taskCount(g.defaultTaskListId());
        }
        return total - seeded();
    }

    int seeded() {
        return expected.values().stream().mapToInt(e -> e.events.size() + e.tasks.size()).sum();
    }

    /** A `gsync` command as its own OS process, its output in files under {@link #dir}. */
    GsyncProcess start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("--config", configFile.toString()));
        command.addAll(List.of(args));
        return launch(command);
    }

    private GsyncProcess launch(List<String> mainArgs) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k", "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), "dev.gsync.app.Main"));
        command.addAll(mainArgs);
        int n = ++processes;
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve("process-" + n + ".out").toFile())
                .redirectError(dir.resolve("process-" + n + ".err").toFile());
        builder.environment().putAll(environment);
        return new GsyncProcess(builder.start(), dir.resolve("process-" + n + ".out"), dir.resolve("process-" + n + ".err"));
    }

    /** A `gsync` command with another properties file (e.g. another state file), as its own OS process. */
    GsyncProcess startWith(Path config, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("--config", config.toString()));
        command.addAll(List.of(args));
        return launch(command);
    }

    /** A copy of this deployment's properties file with the state in another H2 file (new or not): {@code <dir>/<name>.properties}. */
    Path configWithStateFile(String name, Path stateFile) throws IOException {
        String url = "jdbc:h2:file:" + stateFile + ";AUTO_SERVER=TRUE";
        StringBuilder text = new StringBuilder();
        for (String line : Files.readAllLines(configFile, StandardCharsets.UTF_8)) {
            text.append(line.startsWith(ConfigKey.STATE_JDBC_URL.key() + "=") ? ConfigKey.STATE_JDBC_URL.key() + "=" + url : line).append('\n');
        }
        Path file = dir.resolve(name + ".properties");
        Files.writeString(file, text);
        return file;
    }

    /** Runs a command to its end (at most {@code limit}); its exit code and output. */
    GsyncProcess.Result run(Duration limit, String... args) throws Exception {
        return start(args).await(limit);
    }

    Set<String> users() { return new TreeSet<>(owners.keySet()); }

    String summary() {
        return owners.keySet().stream().map(u -> u + ": " + expected.get(u)).collect(Collectors.joining("; "));
    }

    @Override
    public void close() throws Exception {
        network.close();
        emulator.close();
        if (webservice != null) {
            webserviceClock.shutdownNow();
            webservice.close();
        }
    }
}
