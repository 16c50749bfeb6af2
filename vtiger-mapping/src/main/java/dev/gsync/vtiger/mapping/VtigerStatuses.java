package dev.gsync.vtiger.mapping;

import dev.gsync.core.model.ItemKind;
import dev.gsync.core.model.ItemStatus;

/**
 * Statuses, both ways. Events keep theirs in {@code eventstatus} (Planned, Held, Not Held), to-dos in {@code taskstatus}
 * (column {@code status}: Not Started, In Progress, Completed, Pending Input, Deferred, Planned). The core knows fewer:
 * a finer vtiger status that already means the wanted one (Held for CONFIRMED, In Progress for OPEN) is kept on write.
 */
public final class VtigerStatuses {
    private VtigerStatuses() {}

    public static final String EVENT_FIELD = "eventstatus";
    public static final String TASK_FIELD = "taskstatus";

    public static String field(ItemKind kind) {
        return kind == ItemKind.EVENT ? EVENT_FIELD : TASK_FIELD;
    }

    public static ItemStatus read(ItemKind kind, String stored) {
        if (kind == ItemKind.TASK) return "Completed".equals(stored) ? ItemStatus.COMPLETED : ItemStatus.OPEN;
        return "Not Held".equals(stored) ? ItemStatus.CANCELLED : ItemStatus.CONFIRMED;
    }

    /** The value to store for {@code wanted}, given what is stored now (empty for a new record). */
    public static String write(ItemKind kind, ItemStatus wanted, String now) {
        String current = now == null ? "" : now;
        if (kind == ItemKind.TASK) {
            if (wanted == ItemStatus.COMPLETED) return "Completed";
            return !current.isEmpty() && !"Completed".equals(current) ? current : "Not Started";
        }
        if (wanted == ItemStatus.CANCELLED) return "Not Held";
        // Held is vtiger's "it took place": still a confirmed event, so keep it rather than reset to Planned
        return !current.isEmpty() && !"Not Held".equals(current) ? current : "Planned";
    }
}
