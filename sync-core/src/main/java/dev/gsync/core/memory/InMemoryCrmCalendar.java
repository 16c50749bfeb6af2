package dev.gsync.core.memory;

import dev.gsync.core.model.CalendarItem;
import dev.gsync.core.model.Field;
import dev.gsync.core.model.Timing;
import dev.gsync.core.model.ItemKind;
import dev.gsync.core.port.CrmCalendar;
import io.vavr.collection.HashMap;
import io.vavr.collection.HashSet;

import java.time.Clock;

/** An in-memory CRM calendar holding what vtiger holds: events with everything, to-dos without place or guests. */
public final class InMemoryCrmCalendar extends InMemoryCalendar implements CrmCalendar {

    public InMemoryCrmCalendar(Clock clock) {
        super("crm-", clock, HashMap.of(
                ItemKind.EVENT, HashSet.of(Field.values()).remove(Field.DUE_TIME),
                ItemKind.TASK, HashSet.of(Field.TITLE, Field.DESCRIPTION, Field.TIMING, Field.DUE_TIME, Field.VISIBILITY, Field.STATUS)));
    }

    /** A to-do always has a real due date in the CRM: a stand-in one is stored as a date (R14). */
    @Override
    protected CalendarItem asStored(CalendarItem item) {
        return item.timing() instanceof Timing.Due due && due.placeholder() ? item.withTiming(due.dated()) : item;
    }
}
