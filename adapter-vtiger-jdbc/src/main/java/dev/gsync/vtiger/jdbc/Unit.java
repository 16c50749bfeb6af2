package dev.gsync.vtiger.jdbc;

import dev.gsync.core.model.CalendarItem;
import dev.gsync.core.model.ExternalId;
import dev.gsync.core.model.Version;
import io.vavr.collection.List;
import io.vavr.control.Option;

import java.time.LocalDateTime;

/**
 * What one external id stands for: a single record ("4711"), or a whole vtiger series ("s4711", named after its
 * parent record) with its changed occurrences as separate items, each named by its own record id.
 */
record Unit(ExternalId id, Option<Piece> live, List<Piece> exceptions, List<Loaded> records, LocalDateTime modified) {

    /** An item as the feed reports it. */
    record Piece(ExternalId id, CalendarItem item, Version version, LocalDateTime modified) {}

    static final String SERIES_PREFIX = "s";

    static ExternalId seriesId(int parent) {
        return ExternalId.of(SERIES_PREFIX + parent);
    }

    static ExternalId recordId(int crmid) {
        return ExternalId.of(Integer.toString(crmid));
    }

    /** The parent id of a series id, the record id of a record id; none for ids this adapter never hands out. */
    static Option<Integer> number(ExternalId id) {
        String v = id.value().startsWith(SERIES_PREFIX) ? id.value().substring(1) : id.value();
        try {
            return Option.of(Integer.parseInt(v));
        } catch (NumberFormatException e) {
            return Option.none();
        }
    }

    static boolean isSeries(ExternalId id) {
        return id.value().startsWith(SERIES_PREFIX);
    }

    boolean isRemoved() {
        return live.isEmpty();
    }

    List<Piece> pieces() {
        return live.toList().appendAll(exceptions);
    }
}
