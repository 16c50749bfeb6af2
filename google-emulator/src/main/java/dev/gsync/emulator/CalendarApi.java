package dev.gsync.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gsync.emulator.CalendarData.EventRecord;
import dev.gsync.emulator.Router.Access;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Calendar v3: calendarList, calendars.get and the events methods a sync adapter uses. */
final class CalendarApi {
    private static final String BASE = "/calendar/v3";
    private static final Pattern CLIENT_ID = Pattern.compile("[0-9a-v]{5,1024}");
    private static final Pattern INSTANCE_ID = Pattern.compile("(.+)_(\\d{8}(T\\d{6}Z)?)");
    /** Parameters Google refuses next to a syncToken. */
    private static final List<String> NOT_WITH_SYNC_TOKEN = List.of("timeMin", "timeMax", "updatedMin", "orderBy", "q",
            "iCalUID", "privateExtendedProperty", "sharedExtendedProperty");
    private static final Set<String> READ_ONLY = Set.of("kind", "etag", "htmlLink", "created", "updated", "creator",
            "organizer", "recurringEventId", "originalStartTime", "iCalUID", "id", "eventType");

    private final SyncTokens tokens;
    private final EmulatorStats stats;

    private final PushChannels push;

    CalendarApi(SyncTokens tokens, EmulatorStats stats, PushChannels push) {
        this.tokens = tokens;
        this.stats = stats;
        this.push = push;
    }

    void register(Router router) {
        router.add("GET", BASE + "/users/me/calendarList", "calendar.calendarList.list", Access.CALENDAR_LIST, this::calendarList)
              .add("GET", BASE + "/users/me/calendarList/{calendarId}", "calendar.calendarList.get", Access.CALENDAR_LIST, this::calendarListEntry)
              .add("GET", BASE + "/calendars/{calendarId}", "calendar.calendars.get", Access.CALENDAR_READ, this::calendarGet)
              .add("POST", BASE + "/calendars", "calendar.calendars.insert", Access.CALENDARS_MANAGE, this::calendarInsert)
              .add("DELETE", BASE + "/calendars/{calendarId}", "calendar.calendars.delete", Access.CALENDARS_MANAGE, this::calendarDelete)
              .add("GET", BASE + "/calendars/{calendarId}/events", "calendar.events.list", Access.CALENDAR_READ, this::list)
              .add("POST", BASE + "/calendars/{calendarId}/events", "calendar.events.insert", Access.CALENDAR_WRITE, this::insert)
              .add("GET", BASE + "/calendars/{calendarId}/events/{eventId}", "calendar.events.get", Access.CALENDAR_READ, this::get)
              .add("GET", BASE + "/calendars/{calendarId}/events/{eventId}/instances", "calendar.events.instances", Access.CALENDAR_READ, this::instances)
              .add("PUT", BASE + "/calendars/{calendarId}/events/{eventId}", "calendar.events.update", Access.CALENDAR_WRITE, c -> write(c, false))
              // Google charges a patch as 3 quota units
              .add("PATCH", BASE + "/calendars/{calendarId}/events/{eventId}", "calendar.events.patch", Access.CALENDAR_WRITE, 3, c -> write(c, true))
              .add("DELETE", BASE + "/calendars/{calendarId}/events/{eventId}", "calendar.events.delete", Access.CALENDAR_WRITE, this::delete)
              .add("POST", BASE + "/calendars/{calendarId}/events/watch", "calendar.events.watch", Access.CALENDAR_READ, this::watch)
              .add("POST", BASE + "/channels/stop", "calendar.channels.stop", Access.CALENDAR_READ, this::stopChannel);
    }

    // ---- calendars ------------------------------------------------------------------------------------

    private ApiResponse calendarList(Call c) {
        String minRole = c.request().param("minAccessRole");
        List<ObjectNode> entries = new ArrayList<>();
        c.account().calendarRoles.forEach((id, role) -> {
            if (minRole == null || rank(role) >= rank(minRole)) entries.add(listEntry(c, c.state().calendars.get(id), role));
        });
        int max = Math.min(c.request().intParam("maxResults") == null ? 100 : c.request().intParam("maxResults"), 250);
        int from = TasksApi.offset(c.request().param("pageToken"));
        ObjectNode page = Json.object().put("kind", "calendar#calendarList").put("etag", "\"p33k9lxs7ss8so0g\"");
        ArrayNode items = page.putArray("items");
        entries.stream().skip(from).limit(max).forEach(items::add);
        if (from + max < entries.size()) page.put("nextPageToken", String.valueOf(from + max));
        else page.put("nextSyncToken", tokens.issue("calendarList:" + c.account().email, 0, c.state().currentSequence(), c.state().now()));
        return ApiResponse.ok(page);
    }

    private ApiResponse calendarListEntry(Call c) {
        String id = resolve(c, c.param("calendarId"));
        String role = c.account().calendarRoles.get(id);
        if (role == null) throw GoogleError.notFound();
        return ApiResponse.ok(listEntry(c, c.state().calendars.get(id), role));
    }

    private static ObjectNode listEntry(Call c, CalendarData calendar, String role) {
        ObjectNode entry = Json.object().put("kind", "calendar#calendarListEntry").put("etag", calendar.etag)
                .put("id", calendar.id).put("summary", calendar.summary).put("timeZone", calendar.timeZone)
                .put("colorId", "14").put("backgroundColor", "#9fe1e7").put("foregroundColor", "#000000")
                .put("selected", true).put("accessRole", role);
        ArrayNode reminders = entry.putArray("defaultReminders");
        if (calendar.id.equals(c.account().primaryCalendarId())) {
            entry.put("primary", true);
            reminders.addObject().put("method", "popup").put("minutes", 10);
        }
        return entry;
    }

    private static int rank(String role) {
        return switch (role) {
            case "owner" -> 4;
            case "writer" -> 3;
            case "reader" -> 2;
            case "freeBusyReader" -> 1;
            default -> 0;
        };
    }

    private ApiResponse calendarGet(Call c) {
        CalendarData calendar = calendar(c, false);
        return ApiResponse.ok(Json.object().put("kind", "calendar#calendar").put("etag", calendar.etag)
                .put("id", calendar.id).put("summary", calendar.summary).put("timeZone", calendar.timeZone));
    }

    private ApiResponse calendarInsert(Call c) {
        ObjectNode body = Json.parseObject(c.request().body);
        String summary = Json.text(body, "summary");
        if (summary == null || summary.isBlank()) throw GoogleError.required("Missing title.");
        CalendarData calendar = c.state().addCalendar(c.account(), summary, Json.text(body, "timeZone"));
        return ApiResponse.ok(Json.object().put("kind", "calendar#calendar").put("etag", calendar.etag)
                .put("id", calendar.id).put("summary", calendar.summary).put("timeZone", calendar.timeZone));
    }

    /** Only secondary calendars can be deleted; the owner's deletion removes it from every calendar list. */
    private ApiResponse calendarDelete(Call c) {
        CalendarData calendar = calendar(c, true);
        if (calendar.id.equals(c.account().primaryCalendarId())) throw GoogleError.invalid("Cannot delete primary calendar.");
        if (!"owner".equals(c.account().calendarRoles.get(calendar.id))) throw GoogleError.requiredAccessLevel();
        c.state().calendars.remove(calendar.id);
        c.state().changes.calendarGone(calendar.id);
        c.state().accounts.values().forEach(account -> account.calendarRoles.remove(calendar.id));
        return ApiResponse.empty(204);
    }

    static String resolve(Call c, String calendarId) {
        return "primary".equals(calendarId) ? c.account().primaryCalendarId() : calendarId;
    }

    private static CalendarData calendar(Call c, boolean write) {
        String id = resolve(c, c.param("calendarId"));
        String role = c.account().calendarRoles.get(id);
        CalendarData calendar = c.state().calendars.get(id);
        if (role == null || calendar == null) throw GoogleError.notFound();
        if (write && rank(role) < rank("writer")) throw GoogleError.requiredAccessLevel();
        calendar.purgeTombstones(c.state().settings.tombstoneTtl(), c.state().now());
        return calendar;
    }

    // ---- push channels -------------------------------------------------------------------------------------

    private ApiResponse watch(Call c) {
        CalendarData calendar = calendar(c, false);
        return ApiResponse.ok(push.watch(calendar.id, Json.parseObject(c.request().body)));
    }

    private ApiResponse stopChannel(Call c) {
        push.stop(Json.parseObject(c.request().body));
        return ApiResponse.empty(204);
    }

    // ---- events: reads --------------------------------------------------------------------------------

    private ApiResponse get(Call c) {
        CalendarData calendar = calendar(c, false);
        String id = c.param("eventId");
        EventRecord record = calendar.events.get(id);
        ObjectNode event = record != null ? record.resource : virtualInstance(calendar, id);
        if (event == null) throw GoogleError.notFound();
        String ifNoneMatch = c.request().header("If-None-Match");
        if (ifNoneMatch != null && ifNoneMatch.equals(Json.text(event, "etag"))) return ApiResponse.empty(304);
        return ApiResponse.ok(event);
    }

    /** One item as a list sees it: a stored event or an occurrence of a series. */
    private record Item(ObjectNode json, long changed, Instant updated, Instant start, Instant end, boolean cancelled,
                        boolean series, boolean exception) {}

    private ApiResponse list(Call c) {
        CalendarData calendar = calendar(c, false);
        ApiRequest q = c.request();
        Instant now = c.state().now();
        String syncToken = q.param("syncToken");
        boolean singleEvents = q.flag("singleEvents", false);
        boolean showDeleted = q.flag("showDeleted", false);
        String orderBy = q.param("orderBy");
        int maxResults = pageSize(q, 250, 2500);
        Instant timeMin = q.has("timeMin") ? Times.parseParameter("timeMin", q.param("timeMin")) : null;
        Instant timeMax = q.has("timeMax") ? Times.parseParameter("timeMax", q.param("timeMax")) : null;
        Instant updatedMin = q.has("updatedMin") ? Times.parseParameter("updatedMin", q.param("updatedMin")) : null;
        long since = -1;
        if (syncToken != null) {
            for (String name : NOT_WITH_SYNC_TOKEN) {
                if (q.has(name)) throw GoogleError.invalidParameter(name, "Sync token cannot be used with " + name + ".");
            }
            if (q.has("showDeleted") && !showDeleted) {
                throw GoogleError.invalidParameter("showDeleted", "Sync token cannot be used with showDeleted=false.");
            }
            since = tokens.check(syncToken, calendar.id, calendar.tokenEpoch, now, c.state().settings.syncTokenMaxAge());
            if (since < calendar.purgedUpTo) throw GoogleError.fullSyncRequired();   // it would miss a purged deletion
        }
        if ("startTime".equals(orderBy) && !singleEvents) {
            throw GoogleError.invalidParameter("orderBy", "The requested ordering is not available for the particular query.");
        }
        if (orderBy != null && !orderBy.equals("startTime") && !orderBy.equals("updated")) {
            throw GoogleError.invalidParameter("orderBy", "Invalid value for orderBy.");
        }
        if (timeMin != null && timeMax != null && !timeMax.isAfter(timeMin)) throw GoogleError.timeRangeEmpty();
        Duration horizon = c.state().settings.updatedMinHorizon();
        if (updatedMin != null && !horizon.isZero() && updatedMin.isBefore(now.minus(horizon))) {
            throw GoogleError.updatedMinTooLongAgo();
        }
        boolean incremental = syncToken != null || updatedMin != null;

        String fingerprint = fingerprint(calendar.id, q);
        SyncTokens.Page cursor = q.param("pageToken") == null
                ? new SyncTokens.Page(fingerprint, c.state().currentSequence(), "")
                : tokens.readPage(q.param("pageToken"), fingerprint);

        long changedAfter = since;
        Predicate<Item> wanted = item -> {
            if (item.changed <= changedAfter) return false;
            if (updatedMin != null && item.updated.isBefore(updatedMin)) return false;
            if (item.cancelled && !incremental) {
                if (singleEvents && (!showDeleted || item.series)) return false;
                if (!singleEvents && !showDeleted && !(item.exception && liveSeries(calendar, item.json))) return false;
            }
            if (timeMin != null && item.end != null && !item.end.isAfter(timeMin)) return false;
            if (timeMax != null && item.start != null && !item.start.isBefore(timeMax)) return false;
            if (!matchesProperties(item.json, "private", q.params("privateExtendedProperty"))) return false;
            if (!matchesProperties(item.json, "shared", q.params("sharedExtendedProperty"))) return false;
            if (q.has("iCalUID") && !q.param("iCalUID").equals(Json.text(item.json, "iCalUID"))) return false;
            return !q.has("q") || matchesText(item.json, q.param("q"));
        };
        TreeMap<String, Item> sorted = new TreeMap<>();
        for (Item item : items(calendar, singleEvents, timeMin, timeMax, now)) {
            if (wanted.test(item)) sorted.put(sortKey(item, orderBy), item);
        }

        boolean minimalTombstones = incremental && !showDeleted;
        ObjectNode page = eventsEnvelope(c, calendar, now);
        ArrayNode out = page.putArray("items");
        if (c.state().settings.shortPages() && q.param("pageToken") == null && !sorted.isEmpty()) {
            // Google may answer an empty page that still has a nextPageToken; clients must keep going
            page.put("nextPageToken", tokens.page(fingerprint, cursor.snapshot(), ""));
            return ApiResponse.ok(page);
        }
        int pageLimit = c.state().settings.shortPages() ? Math.max(1, maxResults / 2) : maxResults;
        String lastKey = null;
        for (Map.Entry<String, Item> entry : sorted.tailMap(cursor.lastKey(), false).entrySet()) {
            if (out.size() == pageLimit) break;
            Item item = entry.getValue();
            out.add(item.cancelled && minimalTombstones ? tombstone(item.json) : item.json);
            lastKey = entry.getKey();
        }
        boolean more = lastKey != null && sorted.higherKey(lastKey) != null;
        if (more) {
            page.put("nextPageToken", tokens.page(fingerprint, cursor.snapshot(), lastKey));
        } else if (!"startTime".equals(orderBy)) {
            page.put("nextSyncToken", tokens.issue(calendar.id, calendar.tokenEpoch, cursor.snapshot(), now));
        }
        return ApiResponse.ok(page);
    }

    private ApiResponse instances(Call c) {
        CalendarData calendar = calendar(c, false);
        EventRecord series = calendar.events.get(c.param("eventId"));
        if (series == null || !series.isSeries()) throw GoogleError.notFound();
        ApiRequest q = c.request();
        Instant now = c.state().now();
        Instant timeMin = q.has("timeMin") ? Times.parseParameter("timeMin", q.param("timeMin")) : null;
        Instant timeMax = q.has("timeMax") ? Times.parseParameter("timeMax", q.param("timeMax")) : null;
        boolean showDeleted = q.flag("showDeleted", false);
        int maxResults = pageSize(q, 250, 2500);
        List<Item> all = new ArrayList<>();
        expandInto(all, calendar, series, earlier(timeMax, Recurrences.horizon(series.resource, calendar.zone(), now)));
        List<Item> wanted = all.stream()
                .filter(i -> showDeleted || !i.cancelled)
                .filter(i -> timeMin == null || i.end == null || i.end.isAfter(timeMin))
                .filter(i -> timeMax == null || i.start == null || i.start.isBefore(timeMax))
                .toList();
        int from = TasksApi.offset(q.param("pageToken"));
        ObjectNode page = eventsEnvelope(c, calendar, now);
        ArrayNode out = page.putArray("items");
        wanted.stream().skip(from).limit(maxResults).forEach(i -> out.add(i.json));
        if (from + maxResults < wanted.size()) page.put("nextPageToken", String.valueOf(from + maxResults));
        return ApiResponse.ok(page);
    }

    private static ObjectNode eventsEnvelope(Call c, CalendarData calendar, Instant now) {
        ObjectNode page = Json.object().put("kind", "calendar#events").put("etag", "\"" + now.toEpochMilli() + "\"")
                .put("summary", calendar.summary).put("updated", Times.format(now)).put("timeZone", calendar.timeZone)
                .put("accessRole", c.account().calendarRoles.get(calendar.id));
        page.putArray("defaultReminders");
        return page;
    }

    static int pageSize(ApiRequest q, int fallback, int cap) {
        Integer requested = q.intParam("maxResults");
        if (requested == null) return fallback;
        if (requested < 1) throw GoogleError.invalidParameter("maxResults", "Invalid value '" + requested + "'. Values must be within the range: [1, " + cap + "]");
        return Math.min(requested, cap);   // Google silently caps larger values
    }

    private static String fingerprint(String calendarId, ApiRequest q) {
        StringBuilder text = new StringBuilder(calendarId);
        new TreeMap<>(q.query).forEach((name, values) -> {
            if (!name.equals("pageToken") && !name.equals("maxResults")) text.append('&').append(name).append('=').append(values);
        });
        return Integer.toHexString(text.toString().hashCode());
    }

    private static String sortKey(Item item, String orderBy) {
        String id = item.json.get("id").asText();
        if ("updated".equals(orderBy)) return String.format("%020d|%s", item.updated.toEpochMilli(), id);
        if ("startTime".equals(orderBy)) {
            long start = item.start == null ? 0 : item.start.toEpochMilli();
            return String.format("%020d|%s", start, id);
        }
        return id;
    }

    /** Stored events, or with singleEvents their occurrences (exceptions replace the occurrence they stand for). */
    private List<Item> items(CalendarData calendar, boolean singleEvents, Instant timeMin, Instant timeMax, Instant now) {
        List<Item> result = new ArrayList<>();
        for (EventRecord record : calendar.events.values()) {
            Instant horizon = record.isSeries() ? earlier(timeMax, Recurrences.horizon(record.resource, calendar.zone(), now)) : null;
            if (!singleEvents) {
                Item item = item(calendar, record);
                if (record.isSeries() && !record.cancelled()) item = seriesSpan(calendar, record, item, horizon);
                result.add(item);
            } else if (record.isSeries() && !record.cancelled()) {
                expandInto(result, calendar, record, horizon);
            } else if (record.isSeries()) {
                result.add(item(calendar, record));   // a deleted series: filtered out unless incremental
            } else if (record.recurringEventId() == null || !liveSeries(calendar, record.resource)) {
                result.add(item(calendar, record));
            }
        }
        return result;
    }

    /** A series overlaps a window if any occurrence does: its span runs from the first to the last occurrence. */
    private static Item seriesSpan(CalendarData calendar, EventRecord record, Item item, Instant horizon) {
        List<Recurrences.Occurrence> occurrences = Recurrences.occurrences(record.resource, calendar.zone(), horizon);
        if (occurrences.isEmpty()) return item;
        Duration length = Recurrences.duration(record.resource, calendar.zone());
        Instant lastEnd = occurrences.get(occurrences.size() - 1).start().plus(length);
        boolean unbounded = occurrences.size() >= Recurrences.MAX_INSTANCES || !Recurrences.hasEnd(record.resource);
        return new Item(item.json, item.changed, item.updated, item.start, unbounded ? null : lastEnd, false, true, false);
    }

    /** The earlier of a caller's timeMax (may be null) and a series' own horizon. */
    private static Instant earlier(Instant timeMax, Instant seriesHorizon) {
        return timeMax != null && timeMax.isBefore(seriesHorizon) ? timeMax : seriesHorizon;
    }

    private void expandInto(List<Item> result, CalendarData calendar, EventRecord series, Instant horizon) {
        for (Recurrences.Occurrence occurrence : Recurrences.occurrences(series.resource, calendar.zone(), horizon)) {
            String id = series.id() + "_" + occurrence.idSuffix();
            EventRecord exception = calendar.events.get(id);
            if (exception != null) result.add(item(calendar, exception));
            else result.add(item(calendar, new EventRecord(instanceOf(calendar, series.resource, occurrence), series.changed)));
        }
        // exceptions that were moved away from (or no longer match) an occurrence still belong to the series
        for (EventRecord record : calendar.events.values()) {
            if (series.id().equals(record.recurringEventId()) && result.stream().noneMatch(i -> i.json == record.resource)) {
                result.add(item(calendar, record));
            }
        }
    }

    private static Item item(CalendarData calendar, EventRecord record) {
        ZoneId zone = calendar.zone();
        return new Item(record.resource, record.changed, record.updated(), record.start(zone), record.end(zone),
                record.cancelled(), record.isSeries(),
                record.recurringEventId() != null);
    }

    private static boolean liveSeries(CalendarData calendar, ObjectNode event) {
        EventRecord series = calendar.events.get(Json.text(event, "recurringEventId"));
        return series != null && !series.cancelled();
    }

    private static ObjectNode tombstone(ObjectNode event) {
        ObjectNode stub = Json.object();
        for (String field : List.of("kind", "etag", "id", "status", "updated", "recurringEventId", "originalStartTime")) {
            if (event.has(field)) stub.set(field, event.get(field).deepCopy());
        }
        return stub;
    }

    private static boolean matchesProperties(ObjectNode event, String scope, List<String> constraints) {
        for (String constraint : constraints) {
            int eq = constraint.indexOf('=');
            if (eq < 0) throw GoogleError.invalidParameter(scope + "ExtendedProperty", "Invalid extended property constraint.");
            JsonNode value = event.path("extendedProperties").path(scope).get(constraint.substring(0, eq));
            if (value == null || !value.asText().equals(constraint.substring(eq + 1))) return false;
        }
        return true;
    }

    private static boolean matchesText(ObjectNode event, String text) {
        String needle = text.toLowerCase(Locale.ROOT);
        for (String field : List.of("summary", "description", "location")) {
            String value = Json.text(event, field);
            if (value != null && value.toLowerCase(Locale.ROOT).contains(needle)) return true;
        }
        return false;
    }

    /** An occurrence of a series as its own event: id series_stamp, recurringEventId, originalStartTime. */
    private static ObjectNode instanceOf(CalendarData calendar, ObjectNode series, Recurrences.Occurrence occurrence) {
        ObjectNode instance = series.deepCopy();
        instance.remove("recurrence");
        instance.put("id", series.get("id").asText() + "_" + occurrence.idSuffix());
        instance.put("recurringEventId", series.get("id").asText());
        instance.set("originalStartTime", occurrence.asEventDateTime());
        instance.set("start", occurrence.asEventDateTime());
        Duration length = Recurrences.duration(series, calendar.zone());
        instance.set("end", new Recurrences.Occurrence(occurrence.start().plus(length), occurrence.allDay(), occurrence.zone()).asEventDateTime());
        return instance;
    }

    /** The occurrence an instance id names, if its series lives and the rule produces it. */
    private static ObjectNode virtualInstance(CalendarData calendar, String id) {
        Matcher m = INSTANCE_ID.matcher(id);
        if (!m.matches()) return null;
        EventRecord series = calendar.events.get(m.group(1));
        if (series == null || !series.isSeries() || series.cancelled()) return null;
        // an instance id names its own start: expand up to just past it, whatever the series' horizon
        Instant named = instanceStart(m.group(2), calendar, series.resource);
        if (named == null) return null;
        for (Recurrences.Occurrence occurrence : Recurrences.occurrences(series.resource, calendar.zone(), named.plusSeconds(1))) {
            if (occurrence.idSuffix().equals(m.group(2))) return instanceOf(calendar, series.resource, occurrence);
        }
        return null;
    }

    private static Instant instanceStart(String stamp, CalendarData calendar, ObjectNode series) {
        try {
            if (stamp.length() == 8) {
                ZoneId zone = Times.zone(Json.text(series.get("start"), "timeZone"), calendar.zone());
                return java.time.LocalDate.parse(stamp, java.time.format.DateTimeFormatter.BASIC_ISO_DATE).atStartOfDay(zone).toInstant();
            }
            return java.time.LocalDateTime.parse(stamp.substring(0, 15), java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss"))
                    .toInstant(java.time.ZoneOffset.UTC);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    // ---- events: writes -------------------------------------------------------------------------------

    private ApiResponse insert(Call c) {
        CalendarData calendar = calendar(c, true);
        ObjectNode body = Json.parseObject(c.request().body);
        ObjectNode event = insert(c.state(), calendar, c.account().email, body, false);
        countNotification(c);
        return ApiResponse.ok(event);
    }

    /** Shared by the API and the test API ({@code asSeed} allows instance ids and recurringEventId). */
    static ObjectNode insert(EmulatorState state, CalendarData calendar, String actorEmail, ObjectNode body, boolean asSeed) {
        String id = Json.text(body, "id");
        if (id != null) {
            boolean valid = CLIENT_ID.matcher(id).matches() || (asSeed && INSTANCE_ID.matcher(id).matches());
            if (!valid) throw GoogleError.invalid("Invalid resource id value.");
            if (calendar.events.containsKey(id)) throw GoogleError.duplicate();
        } else {
            id = state.base32hexId(26);
        }
        validateTimes(body);
        Instant now = state.now();
        ObjectNode event = Json.object();
        event.put("kind", "calendar#event");
        event.put("id", id);
        event.put("status", "confirmed");
        event.put("htmlLink", "https://www.google.com/calendar/event?eid="
                + Base64.getUrlEncoder().withoutPadding().encodeToString((id + " " + calendar.id).getBytes(StandardCharsets.UTF_8)));
        event.put("created", Times.format(now));
        event.putObject("creator").put("email", actorEmail);
        ObjectNode organizer = event.putObject("organizer").put("email", calendar.id);
        if (!calendar.id.equals(calendar.ownerEmail)) organizer.put("displayName", calendar.summary);
        if (calendar.ownerEmail.equals(actorEmail)) organizer.put("self", true);
        event.put("iCalUID", Json.text(body, "iCalUID") != null ? Json.text(body, "iCalUID") : id + "@google.com");
        event.put("sequence", 0);
        event.putObject("reminders").put("useDefault", true);
        event.put("eventType", Json.text(body, "eventType") != null ? Json.text(body, "eventType") : "default");
        if (asSeed) {
            if (body.has("recurringEventId")) event.set("recurringEventId", body.get("recurringEventId"));
            if (body.has("originalStartTime")) event.set("originalStartTime", body.get("originalStartTime"));
        }
        copyWritable(body, event);
        addMissingOffsets(event, calendar);
        if (actorEmail.equals(calendar.ownerEmail)) ((ObjectNode) event.get("creator")).put("self", true);
        event.put("updated", Times.format(now));
        event.put("etag", state.newEtag());
        calendar.events.put(id, new EventRecord(event, state.nextSequence()));
        state.changes.eventsChanged(calendar.id);
        return event;
    }

    private ApiResponse write(Call c, boolean patch) {
        CalendarData calendar = calendar(c, true);
        ObjectNode body = Json.parseObject(c.request().body);
        EventRecord record = existingOrException(c.state(), calendar, c.param("eventId"));
        checkIfMatch(c.request(), record.resource);
        ObjectNode event = write(c.state(), calendar, record, body, patch);
        countNotification(c);
        return ApiResponse.ok(event);
    }

    static ObjectNode write(EmulatorState state, CalendarData calendar, EventRecord record, ObjectNode body, boolean patch) {
        ObjectNode old = record.resource;
        ObjectNode next;
        if (patch) {
            next = old.deepCopy();
            ObjectNode writable = body.deepCopy();
            READ_ONLY.forEach(writable::remove);
            Json.mergePatch(next, writable);
        } else {
            next = Json.object();
            for (String field : READ_ONLY) if (old.has(field)) next.set(field, old.get(field).deepCopy());
            next.put("status", "confirmed");
            next.put("sequence", old.path("sequence").asInt(0));
            next.putObject("reminders").put("useDefault", true);
            copyWritable(body, next);
        }
        validateTimes(next);
        addMissingOffsets(next, calendar);
        int oldSequence = old.path("sequence").asInt(0);
        int sequence = next.path("sequence").asInt(oldSequence);
        if (sequence < oldSequence && state.settings.strictSequence()) {
            throw GoogleError.invalid("Invalid sequence value. The specified sequence number is below the current sequence number of the resource.");
        }
        boolean timeChanged = !same(old, next, "start") || !same(old, next, "end") || !same(old, next, "recurrence");
        if (timeChanged && sequence <= oldSequence) sequence = oldSequence + 1;
        next.put("sequence", Math.max(sequence, oldSequence));
        // Google leaves `updated` alone when only reminders change
        boolean onlyReminders = onlyRemindersDiffer(old, next);
        next.put("updated", onlyReminders ? old.get("updated").asText() : Times.format(state.now()));
        next.put("etag", state.newEtag());
        record.resource = next;
        record.changed = state.nextSequence();
        if (!calendar.events.containsKey(record.id())) calendar.events.put(record.id(), record);
        if (record.isSeries() && "cancelled".equals(Json.text(next, "status"))) cancelExceptions(state, calendar, record.id());
        state.changes.eventsChanged(calendar.id);
        return next;
    }

    private ApiResponse delete(Call c) {
        CalendarData calendar = calendar(c, true);
        EventRecord record = existingOrException(c.state(), calendar, c.param("eventId"));
        if (record.cancelled()) throw GoogleError.deleted();
        checkIfMatch(c.request(), record.resource);
        delete(c.state(), calendar, record);
        countNotification(c);
        return ApiResponse.empty(204);
    }

    static void delete(EmulatorState state, CalendarData calendar, EventRecord record) {
        ObjectNode next = record.resource.deepCopy();
        next.put("status", "cancelled");
        next.put("updated", Times.format(state.now()));
        next.put("etag", state.newEtag());
        record.resource = next;
        record.changed = state.nextSequence();
        if (!calendar.events.containsKey(record.id())) calendar.events.put(record.id(), record);
        if (record.isSeries()) cancelExceptions(state, calendar, record.id());
        state.changes.eventsChanged(calendar.id);
    }

    /** Deleting a series takes its exceptions with it. */
    private static void cancelExceptions(EmulatorState state, CalendarData calendar, String seriesId) {
        for (EventRecord exception : new ArrayList<>(calendar.events.values())) {
            if (seriesId.equals(exception.recurringEventId()) && !exception.cancelled()) delete(state, calendar, exception);
        }
    }

    /** A stored event, or a not-yet-stored exception when the id names an occurrence of a live series. */
    static EventRecord existingOrException(EmulatorState state, CalendarData calendar, String id) {
        EventRecord record = calendar.events.get(id);
        if (record != null) return record;
        ObjectNode instance = virtualInstance(calendar, id);
        if (instance == null) throw GoogleError.notFound();
        return new EventRecord(instance, 0);
    }

    private static void checkIfMatch(ApiRequest request, ObjectNode current) {
        String ifMatch = request.header("If-Match");
        if (ifMatch != null && !ifMatch.equals("*") && !ifMatch.equals(Json.text(current, "etag"))) {
            throw GoogleError.conditionNotMet();
        }
    }

    private void countNotification(Call c) {
        String sendUpdates = c.request().param("sendUpdates");
        boolean legacy = c.request().flag("sendNotifications", false);
        if ((sendUpdates != null && !sendUpdates.equals("none")) || (sendUpdates == null && legacy)) {
            stats.notifyingWrites.incrementAndGet();
        }
    }

    private static void copyWritable(ObjectNode body, ObjectNode event) {
        body.fields().forEachRemaining(field -> {
            if (!READ_ONLY.contains(field.getKey()) && !field.getValue().isNull()) event.set(field.getKey(), field.getValue().deepCopy());
        });
    }

    private static void validateTimes(ObjectNode event) {
        JsonNode start = event.get("start");
        JsonNode end = event.get("end");
        if (start == null || !(start.has("date") || start.has("dateTime"))) throw GoogleError.required("Missing start time.");
        if (end == null || !(end.has("date") || end.has("dateTime"))) throw GoogleError.required("Missing end time.");
        if (start.has("date") != end.has("date")) {
            throw GoogleError.invalid("Start and end times must either both be date or both be dateTime.");
        }
        boolean recurring = event.has("recurrence") && event.get("recurrence").size() > 0;
        if (recurring && start.has("dateTime") && Json.text(start, "timeZone") == null) {
            throw GoogleError.required("Missing time zone definition for start time.");
        }
        ZoneId utc = ZoneId.of("UTC");
        if (start.has("dateTime") && !hasOffset(Json.text(start, "dateTime")) && Json.text(start, "timeZone") == null) {
            throw GoogleError.required("Missing time zone definition for start time.");
        }
        Instant from = Times.eventInstant(start, utc);
        Instant to = Times.eventInstant(end, utc);
        if (from == null || to == null) throw GoogleError.invalid("Invalid start or end time.");
        if (to.isBefore(from)) throw GoogleError.timeRangeEmpty();
    }

    private static boolean hasOffset(String dateTime) { return Times.hasOffset(dateTime); }

    private static void addMissingOffsets(ObjectNode event, CalendarData calendar) {
        for (String field : List.of("start", "end", "originalStartTime")) Times.addMissingOffset(event.get(field), calendar.zone());
    }

    private static boolean same(ObjectNode a, ObjectNode b, String field) {
        JsonNode x = a.get(field);
        JsonNode y = b.get(field);
        return x == null ? y == null : x.equals(y);
    }

    private static boolean onlyRemindersDiffer(ObjectNode old, ObjectNode next) {
        ObjectNode a = old.deepCopy();
        ObjectNode b = next.deepCopy();
        for (String field : List.of("reminders", "etag", "updated", "sequence")) {
            a.remove(field);
            b.remove(field);
        }
        return a.equals(b) && !same(old, next, "reminders");
    }
}
