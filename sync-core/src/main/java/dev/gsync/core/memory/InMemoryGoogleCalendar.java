package dev.gsync.core.memory;

import dev.gsync.core.model.Field;
import dev.gsync.core.model.ItemKind;
import dev.gsync.core.port.GoogleCalendar;
import io.vavr.collection.HashMap;
import io.vavr.collection.HashSet;

import java.time.Clock;

/** An in-memory Google side: Calendar events with everything, Tasks with title, notes, due date and status only. */
public final class InMemoryGoogleCalendar extends InMemoryCalendar implements GoogleCalendar {

    public InMemoryGoogleCalendar(Clock clock) {
        super("g-", clock, HashMap.of(
                ItemKind.EVENT, HashSet.of(Field.values()).remove(Field.DUE_TIME),
                ItemKind.TASK, HashSet.of(Field.TITLE, Field.DESCRIPTION, Field.TIMING, Field.STATUS)));
    }
}
