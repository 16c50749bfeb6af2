package dev.gsync.core.memory;

import dev.gsync.core.model.Field;
import dev.gsync.core.model.ItemKind;
import dev.gsync.core.port.GoogleCalendar;
import io.vavr.collection.HashMap;
import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import dev.gsync.core.model.CalendarItem;
import dev.gsync.core.model.SyncSettings;

import java.time.Clock;

/**
 * An in-memory Google side: Calendar events with everything but the CRM's finer statuses, Tasks with title, notes,
 * due date (or none) and open/completed only.
 * Events live in calendars: new ones go to the first selected calendar, and only selected calendars are listed
 * and covered (a deselected calendar's events stay where they are, as in Google).
 */
public final class InMemoryGoogleCalendar extends InMemoryCalendar implements GoogleCalendar {
    public static final String TASKS = "@tasks";
    private volatile Seq<String> selected = List.of(SyncSettings.PRIMARY_CALENDAR);

    public InMemoryGoogleCalendar(Clock clock) {
        super("g-", clock, HashMap.of(
                ItemKind.EVENT, HashSet.of(Field.values()).remove(Field.DUE_TIME),
                ItemKind.TASK, HashSet.of(Field.TITLE, Field.DESCRIPTION, Field.TIMING, Field.STATUS)));
    }

    /** The calendars synced from now on, as {@code SyncSettings.googleCalendars} names them; the first takes new events. */
    public void select(Seq<String> calendars) {
        if (calendars.isEmpty()) throw new IllegalArgumentException("select at least one calendar");
        selected = calendars;
    }

    /** Google holds the coarse form of a status only (R14); a task may have no due date. */
    @Override
    protected CalendarItem asStored(CalendarItem item) {
        return item.withStatus(item.status().coarse());
    }

    @Override
    protected String containerFor(CalendarItem item) {
        return item.kind() == ItemKind.TASK ? TASKS : selected.head();
    }

    @Override
    protected boolean visible(String container) {
        return container.equals(TASKS) || selected.contains(container);
    }
}
