package dev.gsync.core.plan;

import dev.gsync.core.model.Field;
import dev.gsync.core.model.ItemKind;
import dev.gsync.core.model.Side;
import dev.gsync.core.port.CalendarSide;
import io.vavr.Tuple;
import io.vavr.collection.HashMap;
import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.collection.Set;

/** Which fields each side keeps for each kind, read once from the two calendars. */
public final class Capabilities {
    private final Map<Side, Map<ItemKind, Set<Field>>> held;

    private Capabilities(Map<Side, Map<ItemKind, Set<Field>>> held) {
        this.held = held;
    }

    public static Capabilities of(CalendarSide crm, CalendarSide google) {
        return new Capabilities(HashMap.of(Side.CRM, read(crm), Side.GOOGLE, read(google)));
    }


    private static Map<ItemKind, Set<Field>> read(CalendarSide side) {
        return HashMap.ofEntries(List.of(ItemKind.values()).map(k -> Tuple.of(k, side.fieldsHeld(k))));
    }

    public Set<Field> held(Side side, ItemKind kind) {
        return held.get(side).flatMap(m -> m.get(kind)).getOrElse(HashSet.empty());
    }

    public boolean holds(Side side, ItemKind kind, Field field) {
        return held(side, kind).contains(field);
    }
}
