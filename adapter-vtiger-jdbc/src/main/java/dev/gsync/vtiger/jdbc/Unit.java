package dev.gsync.vtiger.jdbc;

import dev.gsync.core.model.CalendarItem;
import dev.gsync.core.model.ExternalId;
import dev.gsync.core.model.IdempotencyKey;
import dev.gsync.core.model.Version;
import dev.gsync.vtiger.mapping.VtigerIds;
import io.vavr.collection.List;
import io.vavr.control.Option;

import java.time.LocalDateTime;

/**
 * What one external id stands for: a single record ("4711"), or a whole vtiger series ("s4711", named after its
 * parent record) with its changed occurrences as separate items, each named by its own record id.
 */
record Unit(ExternalId id, Option<Piece> live, List<Piece> exceptions, List<Loaded> records, LocalDateTime modified) {

    /** An item as the feed reports it, with what the mapping changed on the way (said when it is handed out). */
    record Piece(ExternalId id, CalendarItem item, Version version, LocalDateTime modified, Option<IdempotencyKey> marker,
                 io.vavr.collection.Seq<String> notices) {
        Piece(ExternalId id, CalendarItem item, Version version, LocalDateTime modified) {
            this(id, item, version, modified, Option.none(), List.empty());
        }
    }

    static ExternalId seriesId(int parent) {
        return VtigerIds.series(parent);
    }

    static ExternalId recordId(int crmid) {
        return VtigerIds.record(crmid);
    }

    /** The parent id of a series id, the record id of a record id (old webservice ids too); none for foreign ids. */
    static Option<Integer> number(ExternalId id) {
        return VtigerIds.number(id).filter(n -> n <= Integer.MAX_VALUE).map(Long::intValue);
    }

    static boolean isSeries(ExternalId id) {
        return VtigerIds.isSeries(id);
    }

    boolean isRemoved() {
        return live.isEmpty();
    }

    List<Piece> pieces() {
        return live.toList().appendAll(exceptions);
    }
}
