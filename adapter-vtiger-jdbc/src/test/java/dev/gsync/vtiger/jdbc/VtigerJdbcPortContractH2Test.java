package dev.gsync.vtiger.jdbc;

import dev.gsync.core.port.CalendarSide;
import dev.gsync.core.port.CalendarSideContract;

/** sync-core's port contract, on vtiger's tables in H2. */
class VtigerJdbcPortContractH2Test extends CalendarSideContract {
    private static VtigerJdbcCalendar calendar;

    @Override
    protected CalendarSide calendar() {
        synchronized (VtigerJdbcPortContractH2Test.class) {
            if (calendar == null) calendar = SharedVtiger.h2().calendarOf(SharedVtiger.h2().newUser());
            return calendar;
        }
    }
}
