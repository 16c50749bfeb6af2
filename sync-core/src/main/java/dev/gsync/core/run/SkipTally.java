package dev.gsync.core.run;

import dev.gsync.core.model.Side;
import dev.gsync.core.port.ItemRef;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts skipped items per (target, rule, reason), keeping the first few ids of each: what keeps a report's size
 * bounded by the number of distinct reasons, not by the calendar. Reasons that carry item details would make a
 * group each; past {@link #MAX_GROUPS} groups, further reasons are counted under their rule alone.
 */
final class SkipTally {
    static final int MAX_GROUPS = 50;
    static final String OTHER_REASONS = "other reasons";

    private record Key(Side target, String rule, String reason) {}

    private static final class Group {
        int count;
        Vector<ItemRef> samples = Vector.empty();
    }

    private final Map<Key, Group> groups = new LinkedHashMap<>();   // mutable on purpose: one per run, 100k adds

    void add(Side target, String rule, String reason, ItemRef item) {
        Key key = new Key(target, rule, reason);
        if (!groups.containsKey(key) && groups.size() >= MAX_GROUPS) key = new Key(target, rule, OTHER_REASONS);
        Group group = groups.computeIfAbsent(key, k -> new Group());
        group.count++;
        if (group.samples.size() < RunReport.SkipGroup.SAMPLES) group.samples = group.samples.append(item);
    }

    Seq<RunReport.SkipGroup> groups() {
        return Vector.ofAll(groups.entrySet()).map(e ->
                new RunReport.SkipGroup(e.getKey().target(), e.getKey().rule(), e.getKey().reason(), e.getValue().count, e.getValue().samples));
    }
}
