package dev.gsync.app;

import dev.gsync.core.model.UserId;
import dev.gsync.core.port.CrmCalendar;
import io.vavr.control.Either;

/** Opens one user's CRM calendar; the CRM adapter chosen by configuration stands behind it. Left: why not. */
@FunctionalInterface
public interface CrmCalendars {
    Either<String, CrmCalendar> forUser(UserId user);
}
