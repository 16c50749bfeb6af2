package dev.gsync.core.port;

import dev.gsync.core.model.Side;

/** One user's CRM calendar: events and to-dos. */
public interface CrmCalendar extends CalendarSide {
    @Override
    default Side side() {
        return Side.CRM;
    }
}
