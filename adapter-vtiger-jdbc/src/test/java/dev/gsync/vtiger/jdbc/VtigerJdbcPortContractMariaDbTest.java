package dev.gsync.vtiger.jdbc;

import dev.gsync.core.port.CalendarSide;
import dev.gsync.core.port.CalendarSideContract;

/** sync-core's port contract, on vtiger's tables in a real MariaDB. */
class VtigerJdbcPortContractMariaDbTest extends CalendarSideContract {
    private static VtigerJdbcCalendar calendar;

    @Override
    protected CalendarSide calendar() {
        synchronized (VtigerJdbcPortContractMariaDbTest.class) {
            if (calendar == null) calendar = SharedVtiger.mariaDb().calendarOf(SharedVtiger.mariaDb().newUser());
            return calendar;
        }
    }
}
