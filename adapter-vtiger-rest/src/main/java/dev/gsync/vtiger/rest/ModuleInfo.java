package dev.gsync.vtiger.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gsync.core.model.ExternalId;
import dev.gsync.core.model.ItemKind;
import io.vavr.collection.HashSet;
import io.vavr.collection.Set;
import io.vavr.control.Either;
import io.vavr.control.Option;

import java.util.Map;

/** What describe says about one of the two calendar types: its name, id prefix and fields. */
record ModuleInfo(ItemKind kind, String name, String idPrefix, Set<String> fields, Set<String> mandatory) {

    /** vtiger's type names: events live in Events, to-dos in Calendar. */
    static String typeName(ItemKind kind) {
        return kind == ItemKind.EVENT ? "Events" : "Calendar";
    }

    boolean owns(ExternalId id) {
        return id.value().startsWith(idPrefix + "x") && crmid(id).isDefined();
    }

    /** The number after the prefix, if the id is well formed. */
    static Option<Long> crmid(ExternalId id) {
        int x = id.value().indexOf('x');
        if (x <= 0) return Option.none();
        return io.vavr.control.Try.of(() -> Long.parseLong(id.value().substring(x + 1))).toOption().filter(n -> n > 0);
    }

    /** The webservice id of a record of this type. */
    ExternalId wsId(long crmid) {
        return ExternalId.of(idPrefix + "x" + crmid);
    }

    static Either<WsError, ModuleInfo> describe(VtigerWebservice ws, ItemKind kind) {
        return ws.get("describe", Map.of("elementType", typeName(kind))).map(d -> {
            Set<String> fields = HashSet.empty();
            Set<String> mandatory = HashSet.empty();
            for (JsonNode f : d.path("fields")) {
                fields = fields.add(f.path("name").asText());
                if (f.path("mandatory").asBoolean(false)) mandatory = mandatory.add(f.path("name").asText());
            }
            return new ModuleInfo(kind, d.path("name").asText(typeName(kind)), d.path("idPrefix").asText(), fields, mandatory);
        }).filterOrElse(m -> !m.idPrefix().isBlank(), m -> new WsError.Api("NO_ID_PREFIX", "describe of " + m.name() + " gave no idPrefix"));
    }
}
