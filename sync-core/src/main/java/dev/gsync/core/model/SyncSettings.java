package dev.gsync.core.model;

import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.Set;
import io.vavr.control.Validation;

import java.time.ZoneId;

/**
 * One user's choices. Build through {@link #validate}, which names every bad field at once; the canonical
 * constructor only guards against nulls.
 *
 * @param googleCalendars  Google calendar ids to sync; the first receives items created in the CRM
 * @param maxDeleteShare   a plan deleting more than this share of the user's linked items is refused
 * @param googleTaskLists  Google Tasks list ids to sync ({@code @default}: the user's default list); the first
 *                         receives to-dos created in the CRM
 */
public record SyncSettings(
        SyncDirection direction,
        ConflictPolicy conflictPolicy,
        PrivateEvents privateEvents,
        PrivateLanding privateGoogleLandsAs,
        HourWindow hourWindow,
        boolean allDayInScope,
        ZoneId zone,
        Horizon horizon,
        Set<ItemKind> kinds,
        Seq<String> googleCalendars,
        double maxDeleteShare,
        Seq<String> googleTaskLists) {

    /** Google's name for the user's default task list. */
    public static final String DEFAULT_TASK_LIST = "@default";

    /** The settings as they were before task lists could be chosen: the default list only. */
    public SyncSettings(SyncDirection direction, ConflictPolicy conflictPolicy, PrivateEvents privateEvents,
                        PrivateLanding privateGoogleLandsAs, HourWindow hourWindow, boolean allDayInScope, ZoneId zone,
                        Horizon horizon, Set<ItemKind> kinds, Seq<String> googleCalendars, double maxDeleteShare) {
        this(direction, conflictPolicy, privateEvents, privateGoogleLandsAs, hourWindow, allDayInScope, zone, horizon,
                kinds, googleCalendars, maxDeleteShare, List.of(DEFAULT_TASK_LIST));
    }

    public static final String PRIMARY_CALENDAR = "primary";

    public SyncSettings {
        java.util.Objects.requireNonNull(direction, "direction");
        java.util.Objects.requireNonNull(conflictPolicy, "conflictPolicy");
        java.util.Objects.requireNonNull(privateEvents, "privateEvents");
        java.util.Objects.requireNonNull(privateGoogleLandsAs, "privateGoogleLandsAs");
        java.util.Objects.requireNonNull(hourWindow, "hourWindow");
        java.util.Objects.requireNonNull(zone, "zone");
        java.util.Objects.requireNonNull(horizon, "horizon");
        java.util.Objects.requireNonNull(kinds, "kinds");
        java.util.Objects.requireNonNull(googleCalendars, "googleCalendars");
        java.util.Objects.requireNonNull(googleTaskLists, "googleTaskLists");
    }

    /** Both ways, CRM wins conflicts, all private items cross, private Google items land public, whole day. */
    public static SyncSettings defaults(ZoneId zone) {
        return new SyncSettings(SyncDirection.BIDIRECTIONAL, ConflictPolicy.CRM_WINS, PrivateEvents.SYNC_ALL,
                PrivateLanding.PUBLIC, HourWindow.WHOLE_DAY, true, zone, Horizon.DEFAULT,
                HashSet.of(ItemKind.EVENT, ItemKind.TASK), List.of(PRIMARY_CALENDAR), 0.5, List.of(DEFAULT_TASK_LIST));
    }

    public static SyncSettings defaults() {
        return defaults(ZoneId.of("UTC"));
    }

    /** Checks every field and reports every problem, each naming its field ("horizon.daysBack: ..."). */
    public static Validation<Seq<String>, SyncSettings> validate(SyncSettings s) {
        List<String> problems = List.empty();
        if (s.horizon().daysBack() < 0) problems = problems.append("horizon.daysBack: must be 0 or more, got " + s.horizon().daysBack());
        if (s.horizon().daysAhead() < 0) problems = problems.append("horizon.daysAhead: must be 0 or more, got " + s.horizon().daysAhead());
        if (s.horizon().daysBack() + (long) s.horizon().daysAhead() == 0) problems = problems.append("horizon: an empty horizon syncs nothing");
        if (s.kinds().isEmpty()) problems = problems.append("kinds: enable events, tasks or both");
        if (s.googleCalendars().isEmpty()) problems = problems.append("googleCalendars: name at least one calendar (\"primary\")");
        if (s.googleCalendars().exists(String::isBlank)) problems = problems.append("googleCalendars: blank calendar id");
        if (s.kinds().contains(ItemKind.TASK) && s.googleTaskLists().isEmpty()) problems = problems.append("googleTaskLists: name at least one task list (\"@default\")");
        if (s.googleTaskLists().exists(String::isBlank)) problems = problems.append("googleTaskLists: blank task list id");
        if (!(s.maxDeleteShare() > 0 && s.maxDeleteShare() <= 1)) problems = problems.append("maxDeleteShare: must be in (0, 1], got " + s.maxDeleteShare());
        return problems.isEmpty() ? Validation.valid(s) : Validation.invalid(problems);
    }

    public SyncSettings with(SyncDirection v) { return new SyncSettings(v, conflictPolicy, privateEvents, privateGoogleLandsAs, hourWindow, allDayInScope, zone, horizon, kinds, googleCalendars, maxDeleteShare, googleTaskLists); }
    public SyncSettings with(ConflictPolicy v) { return new SyncSettings(direction, v, privateEvents, privateGoogleLandsAs, hourWindow, allDayInScope, zone, horizon, kinds, googleCalendars, maxDeleteShare, googleTaskLists); }
    public SyncSettings with(PrivateEvents v) { return new SyncSettings(direction, conflictPolicy, v, privateGoogleLandsAs, hourWindow, allDayInScope, zone, horizon, kinds, googleCalendars, maxDeleteShare, googleTaskLists); }
    public SyncSettings with(PrivateLanding v) { return new SyncSettings(direction, conflictPolicy, privateEvents, v, hourWindow, allDayInScope, zone, horizon, kinds, googleCalendars, maxDeleteShare, googleTaskLists); }
    public SyncSettings with(HourWindow v) { return new SyncSettings(direction, conflictPolicy, privateEvents, privateGoogleLandsAs, v, allDayInScope, zone, horizon, kinds, googleCalendars, maxDeleteShare, googleTaskLists); }
    public SyncSettings withAllDayInScope(boolean v) { return new SyncSettings(direction, conflictPolicy, privateEvents, privateGoogleLandsAs, hourWindow, v, zone, horizon, kinds, googleCalendars, maxDeleteShare, googleTaskLists); }
    public SyncSettings with(ZoneId v) { return new SyncSettings(direction, conflictPolicy, privateEvents, privateGoogleLandsAs, hourWindow, allDayInScope, v, horizon, kinds, googleCalendars, maxDeleteShare, googleTaskLists); }
    public SyncSettings with(Horizon v) { return new SyncSettings(direction, conflictPolicy, privateEvents, privateGoogleLandsAs, hourWindow, allDayInScope, zone, v, kinds, googleCalendars, maxDeleteShare, googleTaskLists); }
    public SyncSettings withKinds(Set<ItemKind> v) { return new SyncSettings(direction, conflictPolicy, privateEvents, privateGoogleLandsAs, hourWindow, allDayInScope, zone, horizon, v, googleCalendars, maxDeleteShare, googleTaskLists); }
    public SyncSettings withGoogleCalendars(Seq<String> v) { return new SyncSettings(direction, conflictPolicy, privateEvents, privateGoogleLandsAs, hourWindow, allDayInScope, zone, horizon, kinds, v, maxDeleteShare, googleTaskLists); }
    public SyncSettings withMaxDeleteShare(double v) { return new SyncSettings(direction, conflictPolicy, privateEvents, privateGoogleLandsAs, hourWindow, allDayInScope, zone, horizon, kinds, googleCalendars, v, googleTaskLists); }
    public SyncSettings withGoogleTaskLists(Seq<String> v) { return new SyncSettings(direction, conflictPolicy, privateEvents, privateGoogleLandsAs, hourWindow, allDayInScope, zone, horizon, kinds, googleCalendars, maxDeleteShare, v); }
}
