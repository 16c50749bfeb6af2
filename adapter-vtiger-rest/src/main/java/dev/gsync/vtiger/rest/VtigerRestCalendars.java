package dev.gsync.vtiger.rest;

import dev.gsync.core.model.UserId;
import io.vavr.control.Either;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Hands out one {@link VtigerRestCalendar} per vtiger user and keeps it, so its session and detected feed mode are
 * reused from run to run.
 */
public final class VtigerRestCalendars {
    private final VtigerRestSettings settings;
    private final AccessKeySource keys;
    private final ConcurrentHashMap<UserId, VtigerRestCalendar> calendars = new ConcurrentHashMap<>();

    public VtigerRestCalendars(VtigerRestSettings settings, AccessKeySource keys) {
        this.settings = settings;
        this.keys = keys;
    }

    /** The calendar of this vtiger user (the user id is the vtiger user name). Left: no access key. */
    public Either<String, VtigerRestCalendar> calendarOf(UserId user) {
        VtigerRestCalendar known = calendars.get(user);
        if (known != null) return Either.right(known);
        return keys.accessKeyOf(user).map(key -> calendars.computeIfAbsent(user,
                u -> new VtigerRestCalendar(settings, new VtigerUser(u.value(), key))));
    }
}
