package dev.gsync.vtiger.rest;

import dev.gsync.core.port.CalendarSide;
import dev.gsync.core.port.CalendarSideContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import static org.assertj.core.api.Assertions.assertThat;

/** The port contract against a vtiger whose {@code sync} answers HTTP 500 (vtiger 8 on PHP 8). */
class VtigerRestQueryModeContractTest extends CalendarSideContract {
    private FakeVtiger vtiger;
    private VtigerRestCalendar calendar;

    @BeforeEach
    void start() {
        vtiger = Fixtures.vtiger();
        vtiger.syncBroken = true;
        calendar = Fixtures.alice(vtiger);
        assertThat(calendar.feedMode().get()).isEqualTo(FeedMode.QUERY);
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
