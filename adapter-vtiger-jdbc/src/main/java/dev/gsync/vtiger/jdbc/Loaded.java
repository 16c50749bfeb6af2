package dev.gsync.vtiger.jdbc;

import io.vavr.collection.List;
import io.vavr.control.Option;

/** One vtiger calendar record as read: its two main rows plus reminder, invitees and series membership. */
record Loaded(CrmEntityRow entity, ActivityRow activity, Option<Integer> reminderMinutes, List<Invitee> invitees,
              Option<Integer> seriesParent) {

    /** An invited vtiger user (vtiger_invitees joined with vtiger_users). */
    record Invitee(int userId, String email, String name, String status) {}

    int id() {
        return entity.crmid;
    }

    boolean isDeleted() {
        return entity.deleted != 0;
    }
}
