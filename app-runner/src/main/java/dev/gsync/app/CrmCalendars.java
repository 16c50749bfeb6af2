package dev.gsync.app;

import dev.gsync.core.model.UserId;
import dev.gsync.core.port.CrmCalendar;

/** Opens one user's CRM calendar. The CRM adapter chosen by configuration stands behind it. */
@FunctionalInterface
public interface CrmCalendars {
    CrmCalendar forUser(UserId user);
}
