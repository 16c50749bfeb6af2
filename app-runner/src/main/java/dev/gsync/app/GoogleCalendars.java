package dev.gsync.app;

import dev.gsync.core.model.UserId;
import dev.gsync.core.port.GoogleCalendar;

/** Opens one linked user's Google side, with the tokens the OAuth flow stored for them. */
@FunctionalInterface
public interface GoogleCalendars {
    GoogleCalendar forUser(UserId user);
}
