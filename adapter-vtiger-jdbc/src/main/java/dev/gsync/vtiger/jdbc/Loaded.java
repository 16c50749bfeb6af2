package dev.gsync.vtiger.jdbc;

import dev.gsync.vtiger.mapping.VtigerInvitee;
import io.vavr.collection.List;
import io.vavr.control.Option;

/** One vtiger calendar record as read: its two main rows plus reminder, invitees and series membership. */
record Loaded(CrmEntityRow entity, ActivityRow activity, Option<Integer> reminderMinutes, List<VtigerInvitee> invitees,
              Option<Integer> seriesParent, boolean byComment) {

    /** {@code byComment}: its series is known only from gsync's series comment, vtiger's series rows do not tie it (D36). */
    Loaded(CrmEntityRow entity, ActivityRow activity, Option<Integer> reminderMinutes, List<VtigerInvitee> invitees, Option<Integer> seriesParent) {
        this(entity, activity, reminderMinutes, invitees, seriesParent, false);
    }

    int id() {
        return entity.crmid;
    }

    boolean isDeleted() {
        return entity.deleted != 0;
    }
}
