package dev.gsync.vtiger.rest;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * A local webservice.php that behaves like vtiger 8.4 as the fact sheet describes it (sections 4 and 7): challenge
 * and login, sessions that expire, the JSON envelope, id prefixes from listtypes/describe, mandatory fields,
 * create / retrieve / update / revise / delete with their quirks (reminder seconds in, minutes out; script-tag
 * encoding; revise decoding every field; event saves dropping invitees and the recurrence row), VTQL with the
 * 100-row cap, sync with its window rule, and a mode where sync fails like PHP 8 does. Time comes from a settable
 * clock so tests can put several writes into one second. Binds 127.0.0.1 on a free port.
 */
final class FakeVtiger implements AutoCloseable {
    static final String EVENTS = "Events", CALENDAR = "Calendar";
    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final Pattern SCRIPT = Pattern.compile("script[^\\n]*/script", Pattern.CASE_INSENSITIVE);
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
    private static final Set<String> GET_OPS = Set.of("getchallenge", "listtypes", "describe", "retrieve", "query", "sync");
    private static final Set<String> REFERENCES = Set.of("parent_id", "contact_id");

    static final List<String> EVENT_FIELDS = List.of("subject", "assigned_user_id", "date_start", "time_start", "due_date", "time_end",
            "recurringtype", "duration_hours", "duration_minutes", "parent_id", "eventstatus", "sendnotification", "activitytype",
            "location", "createdtime", "modifiedtime", "taskpriority", "notime", "visibility", "modifiedby", "description",
            "reminder_time", "contact_id", "source", "starred", "tags", "id");
    static final List<String> TASK_FIELDS = List.of("subject", "assigned_user_id", "date_start", "time_start", "due_date",
            "taskstatus", "sendnotification", "parent_id", "contact_id", "taskpriority", "description", "location",
            "visibility", "notime", "activitytype", "createdtime", "modifiedtime", "modifiedby", "source", "starred", "tags", "id");
    static final List<String> EVENT_MANDATORY = List.of("subject", "assigned_user_id", "date_start", "time_start", "due_date",
            "time_end", "duration_hours", "eventstatus", "activitytype");
    static final List<String> TASK_MANDATORY = List.of("subject", "assigned_user_id", "date_start", "due_date", "taskstatus", "time_start");

    record User(int id, String name, String accessKey, String timeZone) {}

    /** A stored activity. Fields are strings as vtiger keeps them; invitees and the recurrence row are not exposed. */
    static final class Rec {
        final long crmid;
        final Map<String, String> fields = new TreeMap<>();
        boolean deleted;
        long modified;
        int contacts = 1;
        List<Integer> invitees = new ArrayList<>();
        boolean recurrenceRow;

        Rec(long crmid) { this.crmid = crmid; }

        boolean isTask() { return "Task".equals(fields.get("activitytype")); }

        String owner() { return fields.get("assigned_user_id"); }
    }

    private record Session(int userId, long created, long[] lastUsed) {}
    private record Challenge(String token, long expires) {}

    // ------------------------------------------------------------------ knobs for tests
    final AtomicLong clock = new AtomicLong(LocalDateTime.of(2026, 1, 10, 9, 0).atZone(ZoneId.of("UTC")).toEpochSecond());
    volatile ZoneId dbZone = ZoneId.of("UTC");
    volatile Duration challengeLifetime = Duration.ofMinutes(5);
    volatile Duration sessionIdle = Duration.ofMinutes(30);
    volatile boolean syncBroken;
    final AtomicInteger failNext = new AtomicInteger();          // answer HTTP 503 with HTML to the next n requests
    final AtomicInteger loseCreateAnswers = new AtomicInteger(); // carry out the next n creates, answer HTTP 500
    final List<String> operations = new CopyOnWriteArrayList<>();
    int eventsPrefix = 18, calendarPrefix = 9, usersPrefix = 19, groupsPrefix = 20;

    private final Map<String, User> users = new LinkedHashMap<>();
    private final Map<String, Challenge> challenges = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Session> sessions = new java.util.concurrent.ConcurrentHashMap<>();
    final Map<Long, Rec> records = new TreeMap<>();
    private long seq = 100;
    private final Javalin app;

    FakeVtiger() {
        app = Javalin.create(c -> c.showJavalinBanner = false);
        app.get("/webservice.php", this::handle);
        app.post("/webservice.php", this::handle);
        app.start("127.0.0.1", 0);
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + app.port() + "/webservice.php");
    }

    FakeVtiger user(int id, String name, String accessKey, String timeZone) {
        users.put(name, new User(id, name, accessKey, timeZone));
        return this;
    }

    String userWsId(int id) { return usersPrefix + "x" + id; }

    void advance(Duration d) { clock.addAndGet(d.toSeconds()); }

    synchronized void moveSequencePast(long crmid) { seq = Math.max(seq, crmid); }

    void expireSessions() { sessions.clear(); }

    long count(String operation) { return operations.stream().filter(operation::equals).count(); }

    @Override
    public void close() {
        app.stop();
    }

    // ------------------------------------------------------------------ the endpoint

    private synchronized void handle(Context ctx) throws Exception {
        String op = param(ctx, "operation", true);
        operations.add(op == null ? "?" : op);
        if (failNext.get() > 0 && failNext.getAndDecrement() > 0) {
            ctx.status(503).contentType("text/html").result("<html><body><h1>Service Unavailable</h1></body></html>");
            return;
        }
        boolean get = op != null && GET_OPS.contains(op);
        Map<String, String> p = new LinkedHashMap<>();
        // vtiger reads a GET operation's parameters only from the query string and a POST's only from the body
        if (get) ctx.queryParamMap().forEach((k, v) -> p.put(k, v.get(0)));
        else ctx.formParamMap().forEach((k, v) -> p.put(k, v.get(0)));
        try {
            if (op == null) throw new Fail("UNKNOWN_OPERATION", "Unknown operation requested");
            Object result = switch (op) {
                case "getchallenge" -> getChallenge(p);
                case "login" -> login(p);
                default -> {
                    User u = sessionUser(param(ctx, "sessionName", true));
                    yield switch (op) {
                        case "listtypes" -> listTypes();
                        case "describe" -> describe(p);
                        case "create" -> create(u, p);
                        case "retrieve" -> output(visible(u, p.get("id")), true);
                        case "update" -> update(u, p, false);
                        case "revise" -> update(u, p, true);
                        case "delete" -> delete(u, p);
                        case "query" -> query(u, p);
                        case "sync" -> {
                            if (syncBroken) {
                                ctx.status(500).contentType("text/html").result("<br />\n<b>Fatal error</b>:  Uncaught ArgumentCountError: "
                                        + "Too few arguments to function vtws_sync(), 3 passed and exactly 4 expected in include/Webservices/GetUpdates.php");
                                yield null;
                            }
                            yield sync(u, p);
                        }
                        default -> throw new Fail("UNKNOWN_OPERATION", "Unknown operation requested " + op);
                    };
                }
            };
            if (result == null) return;
            if ("create".equals(op) && loseCreateAnswers.get() > 0 && loseCreateAnswers.getAndDecrement() > 0) {
                ctx.status(500).contentType("text/html").result("<html><body>Internal Server Error</body></html>");
                return;
            }
            ObjectNode envelope = JSON.createObjectNode().put("success", true);
            envelope.set("result", JSON.valueToTree(result));
            ctx.contentType("application/json").result(JSON.writeValueAsString(envelope));
        } catch (Fail | FakeVtql.Failure f) {
            String code = f instanceof Fail x ? x.code : ((FakeVtql.Failure) f).code;
            ObjectNode envelope = JSON.createObjectNode().put("success", false);
            envelope.putObject("error").put("code", code).put("message", f.getMessage());
            ctx.contentType("application/json").result(JSON.writeValueAsString(envelope));
        }
    }

    private static String param(Context ctx, String name, boolean either) {
        String v = ctx.queryParam(name);
        if (v == null && either && ctx.method().name().equals("POST")) v = ctx.formParam(name);
        return v;
    }

    static final class Fail extends RuntimeException {
        final String code;

        Fail(String code, String message) {
            super(message);
            this.code = code;
        }
    }

    // ------------------------------------------------------------------ auth

    private Object getChallenge(Map<String, String> p) {
        if (!users.containsKey(p.getOrDefault("username", ""))) throw new Fail("ACCESS_DENIED", "username does not exists");
        String token = UUID.randomUUID().toString().replace("-", "").substring(0, 13);
        long expires = clock.get() + challengeLifetime.toSeconds();
        challenges.put(p.get("username"), new Challenge(token, expires));
        return Map.of("token", token, "serverTime", clock.get(), "expireTime", expires);
    }

    private Object login(Map<String, String> p) throws Exception {
        User u = users.get(p.getOrDefault("username", ""));
        Challenge c = u == null ? null : challenges.get(u.name());
        if (c == null || clock.get() > c.expires()) throw new Fail("INVALID_AUTH_TOKEN", "Specified token is invalid or expired");
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest((c.token() + u.accessKey()).getBytes(StandardCharsets.UTF_8)));
        if (!expected.equals(p.get("accessKey"))) throw new Fail("INVALID_USER_CREDENTIALS", "Invalid username or password");
        String name = UUID.randomUUID().toString().replace("-", "");
        sessions.put(name, new Session(u.id(), clock.get(), new long[]{clock.get()}));
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("sessionName", name);
        r.put("userId", userWsId(u.id()));
        r.put("version", "0.22");
        r.put("vtigerVersion", "8.4.0");
        r.put("time_zone", u.timeZone());
        r.put("date_format", "yyyy-mm-dd");
        r.put("hour_format", "24");
        r.put("is_admin", "off");
        return r;
    }

    private User sessionUser(String sessionName) {
        if (sessionName == null || sessionName.isEmpty()) throw new Fail("AUTHENTICATION_REQUIRED", "Authencation required");
        Session s = sessions.get(sessionName);
        if (s == null || clock.get() - s.lastUsed()[0] > sessionIdle.toSeconds() || clock.get() - s.created() > Duration.ofHours(24).toSeconds()) {
            sessions.remove(sessionName);
            throw new Fail("INVALID_SESSIONID", "Session Identifier provided is Invalid");
        }
        s.lastUsed()[0] = clock.get();
        return users.values().stream().filter(u -> u.id() == s.userId()).findFirst().orElseThrow();
    }

    // ------------------------------------------------------------------ metadata

    private Object listTypes() {
        Map<String, Object> info = new LinkedHashMap<>();
        for (String t : List.of(CALENDAR, EVENTS, "Users", "Groups", "Accounts", "Contacts"))
            info.put(t, Map.of("isEntity", true, "label", t, "singular", t));
        return Map.of("types", List.copyOf(info.keySet()), "information", info);
    }

    private Object describe(Map<String, String> p) {
        String type = p.getOrDefault("elementType", "");
        if (!type.equals(EVENTS) && !type.equals(CALENDAR)) throw new Fail("ACCESS_DENIED", "Permission to perform the operation is denied for name : " + type);
        boolean events = type.equals(EVENTS);
        List<Map<String, Object>> fields = new ArrayList<>();
        for (String f : events ? EVENT_FIELDS : TASK_FIELDS) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("name", f);
            d.put("label", f);
            d.put("mandatory", (events ? EVENT_MANDATORY : TASK_MANDATORY).contains(f));
            d.put("type", Map.of("name", f.equals("id") ? "autogenerated" : "string"));
            d.put("nullable", true);
            d.put("editable", true);
            fields.add(d);
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("label", type);
        r.put("name", type);
        r.put("createable", true);
        r.put("updateable", true);
        r.put("deleteable", true);
        r.put("retrieveable", true);
        r.put("fields", fields);
        r.put("idPrefix", Integer.toString(events ? eventsPrefix : calendarPrefix));
        r.put("isEntity", true);
        r.put("labelFields", "subject");
        return r;
    }

    // ------------------------------------------------------------------ records

    private String now() {
        return LocalDateTime.ofInstant(Instant.ofEpochSecond(clock.get()), dbZone).format(DATETIME);
    }

    private long epoch(String datetime) {
        return LocalDateTime.parse(datetime, DATETIME).atZone(dbZone).toEpochSecond();
    }

    private String wsId(Rec r) {
        return (r.isTask() ? calendarPrefix : eventsPrefix) + "x" + r.crmid;
    }

    /** vtiger's from_html on save, plus what utf8mb3 does to 4-byte characters. */
    private static String store(String value) {
        if (value == null) return "";
        StringBuilder out = new StringBuilder();
        value.codePoints().forEach(cp -> out.append(cp > 0xFFFF ? "????" : new String(Character.toChars(cp))));
        String s = out.toString();
        if (SCRIPT.matcher(s).find()) s = s.replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
        return s;
    }

    static String htmlEntities(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#039;");
    }

    static String htmlEntityDecode(String s) {
        return org.jsoup.parser.Parser.unescapeEntities(s, false);
    }

    private Map<String, String> element(Map<String, String> p) throws Exception {
        String text = p.get("element");
        if (text == null) throw new Fail("MANDATORY_FIELDS_MISSING", "element does not have a value");
        JsonNode node = JSON.readTree(text);
        Map<String, String> e = new LinkedHashMap<>();
        node.fields().forEachRemaining(f -> e.put(f.getKey(), f.getValue().isNull() ? null : f.getValue().asText()));
        return e;
    }

    private static void checkMandatory(Map<String, String> e, List<String> mandatory, boolean onlyGiven) {
        for (String f : mandatory) {
            if (onlyGiven && !e.containsKey(f)) continue;
            String v = e.get(f);
            if (v == null || v.isEmpty()) throw new Fail("MANDATORY_FIELDS_MISSING", f + " does not have a value");
        }
    }

    private Object create(User u, Map<String, String> p) throws Exception {
        String type = p.getOrDefault("elementType", "");
        if (!type.equals(EVENTS) && !type.equals(CALENDAR)) throw new Fail("ACCESS_DENIED", "Permission to perform the operation is denied for name : " + type);
        Map<String, String> e = element(p);
        checkMandatory(e, type.equals(EVENTS) ? EVENT_MANDATORY : TASK_MANDATORY, false);
        if (!userWsId(u.id()).equals(e.get("assigned_user_id"))) throw new Fail("ACCESS_DENIED", "Cannot assign record to the given user");
        Rec r = new Rec(++seq);
        for (String f : type.equals(EVENTS) ? EVENT_FIELDS : TASK_FIELDS) r.fields.put(f, "");
        e.forEach((k, v) -> { if (r.fields.containsKey(k) && !k.equals("id")) r.fields.put(k, store(v)); });
        r.fields.put("activitytype", e.getOrDefault("activitytype", ""));    // the webservice does not default it
        saveReminder(r, e);
        r.fields.put("createdtime", now());
        r.fields.put("source", "WEBSERVICE");
        r.fields.put("starred", "0");
        touch(r, u);
        records.put(r.crmid, r);
        return output(r, true);
    }

    /** Events: reminder_time is read as seconds, split into days/hours/minutes (0 minutes become 1), stored in minutes. */
    private static void saveReminder(Rec r, Map<String, String> e) {
        if (r.isTask()) { r.fields.remove("reminder_time"); return; }
        String v = e.get("reminder_time");
        long seconds = v == null || v.isBlank() ? 0 : Long.parseLong(v.strip());
        if (seconds == 0) { r.fields.put("reminder_time", ""); return; }
        long minutes = (seconds / 60) % 60, hours = (seconds / 3600) % 24, days = seconds / 86400;
        if (minutes == 0) minutes = 1;
        r.fields.put("reminder_time", Long.toString(days * 1440 + hours * 60 + minutes));
    }

    private void touch(Rec r, User u) {
        r.fields.put("modifiedtime", now());
        r.fields.put("modifiedby", userWsId(u.id()));
        r.modified = clock.get();
    }

    /** The record behind a ws id as vtiger resolves it, or the error vtiger gives. */
    private Rec visible(User u, String id) {
        if (id == null || id.indexOf('x') < 0) throw new Fail("INVALID_ID_ATTRIBUTE", "Id specified is incorrect");
        String[] parts = id.split("x", 2);
        int prefix;
        long crmid;
        try {
            prefix = Integer.parseInt(parts[0]);
            crmid = Long.parseLong(parts[1]);
        } catch (NumberFormatException e) {
            throw new Fail("INVALID_ID_ATTRIBUTE", "Id specified is incorrect");
        }
        if (prefix != eventsPrefix && prefix != calendarPrefix) throw new Fail("ACCESS_DENIED", "Permission to perform the operation is denied");
        Rec r = records.get(crmid);
        if (r == null || r.deleted) throw new Fail("ACCESS_DENIED", "Permission to perform the operation is denied");
        if ((prefix == calendarPrefix) != r.isTask()) throw new Fail("INVALID_ID_ATTRIBUTE", "Id specified is incorrect");
        if (!userWsId(u.id()).equals(r.owner()) && "Private".equals(r.fields.get("visibility")))
            throw new Fail("ACCESS_DENIED", "Permission to perform the operation is denied");
        return r;
    }

    private Object update(User u, Map<String, String> p, boolean revise) throws Exception {
        Map<String, String> e = element(p);
        Rec r = visible(u, e.get("id"));
        checkMandatory(e, r.isTask() ? TASK_MANDATORY : EVENT_MANDATORY, revise);
        if (revise) {
            // revise entity-decodes every field of the record before saving it again
            r.fields.replaceAll((k, v) -> v == null ? null : htmlEntityDecode(v));
        } else if (!e.containsKey("description")) {
            // 7.x update re-saves the description it read, which the DB layer hands out entity-encoded
            r.fields.put("description", htmlEntities(r.fields.getOrDefault("description", "")));
        }
        e.forEach((k, v) -> { if (r.fields.containsKey(k) && !Set.of("id", "modifiedtime", "createdtime", "modifiedby").contains(k)) r.fields.put(k, store(v)); });
        if (!r.isTask()) {
            saveReminder(r, e);
            r.invitees.clear();                  // Activity::save_module rewrites the relation rows from the request
            r.recurrenceRow = false;
            r.contacts = Math.min(r.contacts, 1);
        }
        touch(r, u);
        return output(r, true);
    }

    private Object delete(User u, Map<String, String> p) {
        Rec r = visible(u, p.get("id"));
        r.deleted = true;
        r.fields.put("reminder_time", "");
        r.recurrenceRow = false;
        touch(r, u);
        return Map.of("status", "successful");
    }

    private Map<String, Object> output(Rec r, boolean withLabel) {
        Map<String, Object> o = new LinkedHashMap<>();
        r.fields.forEach((k, v) -> o.put(k, REFERENCES.contains(k) && (v == null || v.isEmpty()) ? null : v));
        o.put("id", wsId(r));
        if (withLabel) o.put("label", htmlEntities(r.fields.getOrDefault("subject", "")));
        return o;
    }

    // ------------------------------------------------------------------ query and sync

    private boolean canSee(User u, Rec r) {
        return userWsId(u.id()).equals(r.owner()) || !"Private".equals(r.fields.get("visibility"));
    }

    private boolean ofType(Rec r, String type) {
        return type.equals(CALENDAR) ? r.isTask() : !r.isTask() && !"Emails".equals(r.fields.get("activitytype"));
    }

    private Object query(User u, Map<String, String> p) {
        String q = p.get("query");
        if (q == null) throw new Fail("QUERY_SYNTAX_ERROR", "no query");
        FakeVtql.Query query = FakeVtql.parse(q.strip());
        if (!query.from().equals(EVENTS) && !query.from().equals(CALENDAR))
            throw new Fail("ACCESS_DENIED", "Permission to perform the operation is denied for name : " + query.from());
        List<String> fields = query.from().equals(EVENTS) ? EVENT_FIELDS : TASK_FIELDS;
        for (String f : query.orderBy()) if (!fields.contains(f)) throw new Fail("ACCESS_DENIED", "Permission to access '" + f + "' attribute denied.");
        for (String f : query.select()) if (!f.equals("*") && !fields.contains(f)) throw new Fail("ACCESS_DENIED", "Permission to access '" + f + "' attribute denied.");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Rec r : records.values()) {
            if (r.deleted || !ofType(r, query.from()) || !canSee(u, r)) continue;
            Map<String, Object> row = output(r, false);
            boolean match = query.where().test(f -> {
                if (!fields.contains(f)) throw new Fail("ACCESS_DENIED", "Permission to access '" + f + "' attribute denied.");
                Object v = row.get(f);
                return v == null ? null : v.toString();
            });
            if (!match) continue;
            for (int c = 0; c < Math.max(1, r.contacts); c++) rows.add(row);   // LEFT JOINed contacts repeat the row
        }
        if (query.count()) return List.of();        // 8.4: count(*) answers an empty list
        Comparator<Map<String, Object>> order = (a, b) -> 0;
        for (String f : query.orderBy()) {
            Comparator<Map<String, Object>> by = f.equals("id")
                    ? Comparator.comparingLong(m -> Long.parseLong(m.get("id").toString().split("x")[1]))
                    : Comparator.comparing(m -> String.valueOf(m.get(f)));
            order = order.thenComparing(by);
        }
        if (query.desc()) order = order.reversed();
        rows.sort(order);
        List<Map<String, Object>> page = rows.subList(Math.min(query.offset(), rows.size()), Math.min(query.offset() + query.limit(), rows.size()));
        if (query.select().contains("*")) return new ArrayList<>(page);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> row : page) {
            Map<String, Object> o = new LinkedHashMap<>();
            for (String f : query.select()) o.put(f, row.get(f));
            out.add(o);
        }
        return out;
    }

    /**
     * GetUpdates: the caller's own records of the type, after modifiedTime: the first 100 rows by modifiedtime, then
     * every further row sharing the 100th row's second; deleted ones as ids.
     */
    private Object sync(User u, Map<String, String> p) {
        String type = p.get("elementType");
        String since = p.get("modifiedTime");
        if (type == null || since == null || since.isBlank() || since.equals("0"))
            throw new IllegalStateException("vtiger answers this with HTTP 500");
        long from = Long.parseLong(since);
        List<Rec> mine = records.values().stream()
                .filter(r -> userWsId(u.id()).equals(r.owner()) && ofType(r, type) && r.modified > from)
                .sorted(Comparator.comparingLong((Rec r) -> r.modified).thenComparingLong(r -> r.crmid)).toList();
        long end = mine.isEmpty() ? from : mine.get(Math.min(99, mine.size() - 1)).modified;
        List<Object> updated = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        for (Rec r : mine) {
            if (r.modified > end) continue;
            if (r.deleted) deleted.add(wsId(r));
            else updated.add(output(r, false));
        }
        boolean more = mine.stream().anyMatch(r -> r.modified > end);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("updated", updated);
        out.put("deleted", deleted);
        out.put("more", more);
        out.put("lastModifiedTime", end);
        return out;
    }

    // ------------------------------------------------------------------ direct "database" access for tests

    /** A record by webservice id ("18x4711") or by the shared id (the crmid, "4711"). */
    synchronized Rec rec(String id) {
        return records.get(Long.parseLong(id.substring(id.indexOf('x') + 1)));
    }

    /** As if someone edited the record in vtiger's UI (which stores what it was given and bumps modifiedtime). */
    synchronized void editInUi(String wsId, String field, String value, int userId) {
        Rec r = rec(wsId);
        r.fields.put(field, value);
        r.fields.put("modifiedtime", now());
        r.fields.put("modifiedby", userWsId(userId));
        r.modified = clock.get();
    }

    /**
     * As if someone saved the record through vtiger's edit form with these values: the form sends every field, and
     * vtiger runs the input through its HTML purifier ({@code vtlib_purify}: HTMLPurifier's default configuration,
     * which removes HTML comments; read in vtiger's source, not measured on 8.4), so gsync's comments at the end of
     * the description are gone afterwards.
     */
    synchronized void saveInUi(String wsId, Map<String, String> values, int userId) {
        Rec r = rec(wsId);
        r.fields.putAll(values);
        r.fields.put("description", r.fields.getOrDefault("description", "").replaceAll("(?s)<!--.*?-->", ""));
        r.fields.put("modifiedtime", now());
        r.fields.put("modifiedby", userWsId(userId));
        r.modified = clock.get();
    }

    synchronized void deleteInUi(String wsId, int userId) {
        Rec r = rec(wsId);
        r.deleted = true;
        r.fields.put("modifiedtime", now());
        r.modified = clock.get();
    }

    /** An event stored exactly as given, as a direct database insert would. */
    synchronized String insertRaw(int ownerId, String subject, String description) {
        Rec r = new Rec(++seq);
        for (String f : EVENT_FIELDS) r.fields.put(f, "");
        r.fields.put("subject", subject);
        r.fields.put("description", description);
        r.fields.put("activitytype", "Meeting");
        r.fields.put("assigned_user_id", userWsId(ownerId));
        r.fields.put("date_start", "2026-01-01");
        r.fields.put("time_start", "10:00:00");
        r.fields.put("due_date", "2026-01-01");
        r.fields.put("time_end", "11:00:00");
        r.fields.put("visibility", "Public");
        r.fields.put("modifiedtime", now());
        r.modified = clock.get();
        records.put(r.crmid, r);
        return wsId(r);
    }

    /** Ids of live records in the shared id scheme (crmids), for duplicate checks. */
    synchronized List<String> liveIds() {
        return records.values().stream().filter(r -> !r.deleted).map(r -> Long.toString(r.crmid)).toList();
    }
}
