package dev.gsync.vtiger.mapping;

import dev.gsync.core.model.ItemKind;
import dev.gsync.core.model.ItemStatus;

/**
 * Statuses, both ways, for both vtiger transports. Events keep theirs in {@code eventstatus} (Planned, Held, Not Held),
 * to-dos in {@code taskstatus} (column {@code status}: Not Started, In Progress, Completed, Pending Input, Deferred,
 * Planned); each is one core {@link ItemStatus} (the table is in docs/architecture.md, rule R14). The core's TENTATIVE
 * has no vtiger value and is stored as Planned. An unknown value (a picklist edited by an administrator) reads as the
 * kind's default and is kept on write as long as the wanted status folds to that default.
 */
public final class VtigerStatuses {
    private VtigerStatuses() {}

    public static final String EVENT_FIELD = "eventstatus";
    public static final String TASK_FIELD = "taskstatus";

    public static String field(ItemKind kind) {
        return kind == ItemKind.EVENT ? EVENT_FIELD : TASK_FIELD;
    }

    public static ItemStatus read(ItemKind kind, String stored) {
        String value = stored == null ? "" : stored.strip();
        if (kind == ItemKind.TASK) {
            return switch (value) {
                case "Completed" -> ItemStatus.COMPLETED;
                case "In Progress" -> ItemStatus.IN_PROGRESS;
                case "Pending Input" -> ItemStatus.PENDING_INPUT;
                case "Deferred" -> ItemStatus.DEFERRED;
                case "Planned" -> ItemStatus.PLANNED;
                default -> ItemStatus.OPEN;
            };
        }
        return switch (value) {
            case "Not Held" -> ItemStatus.CANCELLED;
            case "Held" -> ItemStatus.HELD;
            default -> ItemStatus.CONFIRMED;
        };
    }

    /** The value to store for {@code wanted}, given what is stored now (empty for a new record). */
    public static String write(ItemKind kind, ItemStatus wanted, String now) {
        String current = now == null ? "" : now.strip();
        String exact = label(wanted);
        // a value vtiger has but gsync does not know (custom picklist entry) is kept while it still means the wanted one
        boolean unknown = !current.isEmpty() && !known(kind, current);
        if (unknown && wanted == ItemStatus.defaultFor(kind)) return current;
        return exact;
    }

    private static boolean known(ItemKind kind, String value) {
        return kind == ItemKind.TASK
                ? java.util.List.of("Not Started", "In Progress", "Completed", "Pending Input", "Deferred", "Planned").contains(value)
                : java.util.List.of("Planned", "Held", "Not Held").contains(value);
    }

    static String label(ItemStatus status) {
        return switch (status) {
            case CONFIRMED, TENTATIVE -> "Planned";
            case HELD -> "Held";
            case CANCELLED -> "Not Held";
            case OPEN -> "Not Started";
            case IN_PROGRESS -> "In Progress";
            case PENDING_INPUT -> "Pending Input";
            case DEFERRED -> "Deferred";
            case PLANNED -> "Planned";
            case COMPLETED -> "Completed";
        };
    }
}
