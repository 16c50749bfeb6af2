package dev.gsync.core.port;

import dev.gsync.core.model.Side;

/** One user's Google side: events in the chosen calendars, tasks in Google Tasks. */
public interface GoogleCalendar extends CalendarSide {
    @Override
    default Side side() {
        return Side.GOOGLE;
    }
}
