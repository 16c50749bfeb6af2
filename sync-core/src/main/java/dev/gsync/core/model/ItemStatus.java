package dev.gsync.core.model;

/** Event statuses (confirmed/tentative/cancelled) and task statuses (open/completed) in one type. */
public enum ItemStatus {
    CONFIRMED, TENTATIVE, CANCELLED, OPEN, COMPLETED;

    public boolean fits(ItemKind kind) {
        return switch (this) {
            case CONFIRMED, TENTATIVE, CANCELLED -> kind == ItemKind.EVENT;
            case OPEN, COMPLETED -> kind == ItemKind.TASK;
        };
    }

    public static ItemStatus defaultFor(ItemKind kind) {
        return kind == ItemKind.EVENT ? CONFIRMED : OPEN;
    }
}
