package dev.gsync.app;

import dev.gsync.core.model.SyncSettings;
import dev.gsync.core.model.UserId;
import dev.gsync.core.port.GoogleCalendar;

/**
 * Opens one user's Google side under their settings (which calendars, tasks or not), with the tokens linking
 * stored. A user who is not linked gets a side that answers AuthorizationRequired.
 */
@FunctionalInterface
public interface GoogleCalendars {
    GoogleCalendar forUser(UserId user, SyncSettings settings);
}
