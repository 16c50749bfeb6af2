package dev.gsync.vtiger.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gsync.core.port.Change;
import dev.gsync.vtiger.mapping.ActivityMapping;
import dev.gsync.vtiger.mapping.Reading;
import dev.gsync.vtiger.mapping.RecordFields;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Moves webservice records (JSON objects of strings) into and out of the shared vtiger mapping: the JSON fields are
 * handed over as they are, and the answer carries the crmid the shared id scheme names the record by.
 */
final class WsRecords {
    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final ActivityMapping mapping;

    WsRecords(ActivityMapping mapping) {
        this.mapping = mapping;
    }

    ActivityMapping mapping() {
        return mapping;
    }

    ZoneId userZone() {
        return mapping.times().userZone();
    }

    Either<String, Reading> read(JsonNode r) {
        Option<Long> crmid = ModuleInfo.crmid(dev.gsync.core.model.ExternalId.of(text(r, "id").isEmpty() ? "-" : text(r, "id")));
        if (crmid.isEmpty()) return Either.left("vtiger record without a usable id: " + text(r, "id"));
        return mapping.read(crmid.get(), fields(r), List.empty());
    }

    static Change.Upserted upserted(Reading reading) {
        return new Change.Upserted(reading.id(), reading.version(), reading.item(), reading.modified(), reading.marker());
    }

    static RecordFields fields(JsonNode r) {
        Map<String, String> m = new LinkedHashMap<>();
        r.fields().forEachRemaining(f -> m.put(f.getKey(), f.getValue().isNull() ? "" : f.getValue().asText()));
        return RecordFields.of(m);
    }

    static String text(JsonNode r, String field) {
        JsonNode v = r.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }

    String dbDateTime(Instant instant) {
        return instant.atZone(mapping.times().dbZone()).toLocalDateTime().format(DATETIME);
    }

    long epochSecond(String dbDateTime) {
        return LocalDateTime.parse(dbDateTime, DATETIME).atZone(mapping.times().dbZone()).toEpochSecond();
    }
}
