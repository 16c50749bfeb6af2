package dev.gsync.core.memory;

import dev.gsync.core.port.CalendarSide;
import dev.gsync.core.port.CalendarSideContract;
import dev.gsync.core.port.SyncStateStore;
import dev.gsync.core.port.SyncStateStoreContract;
import org.junit.jupiter.api.Nested;

import java.time.Clock;

class InMemoryCalendarsTest {

    @Nested
    class Crm extends CalendarSideContract {
        @Override
        protected CalendarSide calendar() {
            return new InMemoryCrmCalendar(Clock.systemUTC());
        }
    }

    @Nested
    class Google extends CalendarSideContract {
        @Override
        protected CalendarSide calendar() {
            return new InMemoryGoogleCalendar(Clock.systemUTC());
        }
    }

    @Nested
    class State extends SyncStateStoreContract {
        @Override
        protected SyncStateStore store() {
            return new InMemorySyncStateStore();
        }
    }
}
