package dev.gsync.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

/** A calendar and its events; deleted events stay here as cancelled tombstones. */
final class CalendarData {
    final String id;
    final String summary;
    final String timeZone;
    final String ownerEmail;
    final Instant created;
    final String etag;
    final Map<String, EventRecord> events = new LinkedHashMap<>();
    /** Bumped to invalidate every sync token issued for this calendar. */
    int tokenEpoch;
    /** The last change number a purged tombstone carried: older sync tokens would miss that deletion. */
    long purgedUpTo;
    private final ZoneId zone;

    CalendarData(String id, String summary, String timeZone, String ownerEmail, Instant created, String etag) {
        this.id = id;
        this.summary = summary;
        this.timeZone = timeZone;
        this.ownerEmail = ownerEmail;
        this.created = created;
        this.etag = etag;
        this.zone = Times.zone(timeZone, ZoneId.of("UTC"));
    }

    ZoneId zone() { return zone; }

    /** Drops tombstones older than the TTL (ZERO: never), as Google does after about 30 days. */
    void purgeTombstones(java.time.Duration ttl, Instant now) {
        if (ttl.isZero()) return;
        events.values().removeIf(record -> {
            boolean purge = record.cancelled() && record.updated().plus(ttl).isBefore(now);
            if (purge) purgedUpTo = Math.max(purgedUpTo, record.changed);
            return purge;
        });
    }

    /** An event as stored, with the sequence number of its last write (what sync tokens compare against). */
    static final class EventRecord {
        ObjectNode resource;
        long changed;

        EventRecord(ObjectNode resource, long changed) {
            this.resource = resource;
            this.changed = changed;
        }

        String id() { return resource.get("id").asText(); }

        boolean cancelled() { return "cancelled".equals(Json.text(resource, "status")); }

        String recurringEventId() { return Json.text(resource, "recurringEventId"); }

        boolean isSeries() { return resource.has("recurrence") && resource.get("recurrence").size() > 0; }

        Instant updated() { return parsed(null).updated; }

        Instant start(ZoneId zone) { return parsed(zone).start; }

        Instant end(ZoneId zone) { return parsed(zone).end; }

        /** Lists read these times for every event on every page, so they are parsed once per write. */
        private record ParsedTimes(ObjectNode of, ZoneId zone, Instant start, Instant end, Instant updated) {}

        private ParsedTimes cache;

        private ParsedTimes parsed(ZoneId zone) {
            ParsedTimes c = cache;
            if (c != null && c.of == resource && (zone == null || zone.equals(c.zone))) return c;
            ZoneId z = zone != null ? zone : c != null ? c.zone : ZoneId.of("UTC");
            c = new ParsedTimes(resource, z, Times.eventInstant(resource.get("start"), z), Times.eventInstant(resource.get("end"), z),
                    Instant.parse(resource.get("updated").asText()));
            cache = c;
            return c;
        }
    }
}
