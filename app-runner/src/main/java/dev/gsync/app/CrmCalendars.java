package dev.gsync.app;

import dev.gsync.core.model.UserId;
import dev.gsync.core.port.CrmCalendar;
import io.vavr.control.Either;
import io.vavr.control.Option;

import java.time.ZoneId;

/** Opens one user's CRM calendar; the CRM adapter chosen by configuration stands behind it. Left: why not. */
@FunctionalInterface
public interface CrmCalendars {
    Either<String, CrmCalendar> forUser(UserId user);

    /**
     * The user's own time zone as the CRM knows it (vtiger: {@code vtiger_users.time_zone}), the default of a user who
     * has not saved settings yet; none when the CRM cannot say (then {@code sync.zone} is used).
     */
    default Option<ZoneId> zoneOf(UserId user) {
        return Option.none();
    }
}
