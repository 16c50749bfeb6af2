package dev.gsync.vtiger.rest;

import dev.gsync.core.port.CalendarSide;
import dev.gsync.core.port.CalendarSideContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import static org.assertj.core.api.Assertions.assertThat;

/** The port contract against a vtiger whose {@code sync} works. */
class VtigerRestSyncModeContractTest extends CalendarSideContract {
    private FakeVtiger vtiger;
    private VtigerRestCalendar calendar;

    @BeforeEach
    void start() {
        vtiger = Fixtures.vtiger();
        calendar = Fixtures.alice(vtiger);
        assertThat(calendar.feedMode().get()).isEqualTo(FeedMode.SYNC);
    }

    @AfterEach
    void stop() {
        vtiger.close();
    }

    @Override
    protected CalendarSide calendar() {
        return calendar;
    }

    @Override
    protected String missingId() {
        return "18x987654";
    }
}
