package dev.gsync.core.port;

import dev.gsync.core.model.SyncSettings;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * What the last successful run applied: the settings that decide what may cross (as readable text), and the last
 * day the horizon reached. A run whose settings text differs re-examines everything (rule R9); a run whose horizon
 * reaches further reads only the days that entered it (rule R11).
 *
 * @param settings   {@link #settingsOf(SyncSettings)} of the settings then
 * @param horizonEnd the last day inside the horizon then, in the user's zone
 */
public record AppliedScope(String settings, LocalDate horizonEnd) {

    public AppliedScope {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(horizonEnd, "horizonEnd");
    }

    public static AppliedScope of(SyncSettings settings, Instant now) {
        return new AppliedScope(settingsOf(settings), LocalDate.ofInstant(now, settings.zone()).plusDays(settings.horizon().daysAhead()));
    }

    /**
     * Every setting that decides which items cross, which way, and how they land; not the conflict policy (it only
     * settles edits) nor the mass-delete share. Plain text, so it can be read in the state store.
     */
    public static String settingsOf(SyncSettings s) {
        return "direction=" + s.direction()
                + ";privateEvents=" + s.privateEvents()
                + ";privateGoogleLandsAs=" + s.privateGoogleLandsAs()
                + ";hourWindow=" + s.hourWindow()
                + ";allDay=" + s.allDayInScope()
                + ";zone=" + s.zone().getId()
                + ";horizon=" + s.horizon().daysBack() + "/" + s.horizon().daysAhead()
                + ";kinds=" + s.kinds().toSortedSet().mkString(",")
                + ";googleCalendars=" + s.googleCalendars().mkString(",")
                + (s.googleTaskLists().equals(io.vavr.collection.List.of(SyncSettings.DEFAULT_TASK_LIST)) ? "" : ";googleTaskLists=" + s.googleTaskLists().mkString(","));
    }
}
