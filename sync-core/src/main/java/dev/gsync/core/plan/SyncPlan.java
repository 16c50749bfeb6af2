package dev.gsync.core.plan;

import io.vavr.collection.Seq;

/** What the planner decided, in order. Data only: a dry run prints it, the executor carries it out. */
public record SyncPlan(Seq<SyncAction> actions) {

    /** Actions that write to a calendar (not link bookkeeping, not skips). */
    public Seq<SyncAction> writes() {
        return actions.filter(a -> a instanceof SyncAction.Create || a instanceof SyncAction.Delete
                || (a instanceof SyncAction.Update u && !u.patches().isEmpty()));
    }

    public int deletes() {
        return actions.count(a -> a instanceof SyncAction.Delete);
    }


    public boolean isEmpty() {
        return actions.isEmpty();
    }

    /** One line per action, for dry runs and logs. */
    public String describe() {
        return actions.map(SyncPlan::line).mkString("\n");
    }

    static String line(SyncAction a) {
        if (a instanceof SyncAction.Create c)
            return "create on " + c.target() + " from " + c.source().id() + " \"" + c.item().title() + "\" [" + c.rule() + "]";
        if (a instanceof SyncAction.Update u)
            return (u.patches().isEmpty() ? "relink " : "update ") + u.link().crmId() + " <-> " + u.link().googleId()
                    + u.patches().map(p -> " " + p.target() + p.fields().toSortedSet().mkString("{", ",", "}")).mkString()
                    + " [" + u.rule() + "]";
        if (a instanceof SyncAction.Delete d) return "delete on " + d.target() + " " + d.id() + " [" + d.rule() + "]";
        if (a instanceof SyncAction.Unlink u) return "unlink " + u.link().crmId() + " <-> " + u.link().googleId() + " [" + u.rule() + "]";
        if (a instanceof SyncAction.Skip s) return "skip " + s.item() + ": " + s.reason() + " [" + s.rule() + "]";
        throw new AssertionError("unknown action " + a);
    }
}
