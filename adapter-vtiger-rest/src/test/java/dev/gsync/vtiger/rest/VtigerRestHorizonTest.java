package dev.gsync.vtiger.rest;

import dev.gsync.core.fixtures.MutableClock;
import dev.gsync.core.memory.InMemoryGoogleCalendar;
import dev.gsync.core.memory.InMemorySyncStateStore;
import dev.gsync.core.model.CalendarItem;
import dev.gsync.core.model.Horizon;
import dev.gsync.core.model.IdempotencyKey;
import dev.gsync.core.model.SyncSettings;
import dev.gsync.core.model.Timing;
import dev.gsync.core.model.UserId;
import dev.gsync.core.port.Write;
import dev.gsync.core.run.RunOptions;
import dev.gsync.core.run.RunReport;
import dev.gsync.core.run.SyncRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;

import static dev.gsync.vtiger.rest.Fixtures.UTC;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rule R11 through the webservice: an event beyond the horizon is skipped; when the days pass and the horizon's edge
 * passes it, the next run reads it with a date range query (the modifiedtime feed would never list it again) and
 * copies it, without anyone editing it.
 */
class VtigerRestHorizonTest {
    private static final UserId ALICE = UserId.of("alice");
    private FakeVtiger vtiger;

    @AfterEach
    void stop() {
        if (vtiger != null) vtiger.close();
    }

    @ParameterizedTest
    @EnumSource(FeedMode.class)
    void an_event_entering_the_horizon_is_copied_without_an_edit(FeedMode mode) {
        vtiger = Fixtures.vtiger();
        vtiger.syncBroken = mode == FeedMode.QUERY;
        VtigerRestCalendar crm = Fixtures.alice(vtiger);
        MutableClock clock = new MutableClock(Fixtures.T0);
        InMemoryGoogleCalendar google = new InMemoryGoogleCalendar(clock);
        InMemorySyncStateStore store = new InMemorySyncStateStore();
        SyncSettings settings = SyncSettings.defaults(UTC).with(new Horizon(1, 5));
        Instant start = Fixtures.T0.plus(Duration.ofDays(7));
        assertThat(crm.write(new Write.Create(CalendarItem.event("Trade fair", new Timing.Timed(start, start.plus(Duration.ofHours(2)), UTC)),
                new IdempotencyKey("ui:1"))).isRight()).isTrue();

        run(crm, google, store, clock, settings);
        assertThat(google.items()).isEmpty();                   // a week ahead, the horizon reaches 5 days
        clock.advance(Duration.ofDays(1));
        run(crm, google, store, clock, settings);
        assertThat(google.items()).isEmpty();

        clock.advance(Duration.ofDays(1));
        RunReport entered = run(crm, google, store, clock, settings);

        assertThat(google.items().values().map(CalendarItem::title)).containsExactly("Trade fair");
        assertThat(entered.notes()).anyMatch(n -> n.contains("entered the horizon"));
    }

    private RunReport run(VtigerRestCalendar crm, InMemoryGoogleCalendar google, InMemorySyncStateStore store, MutableClock clock, SyncSettings settings) {
        vtiger.advance(Duration.ofSeconds(2));
        RunReport report = new SyncRun(crm, google, store, clock).run(ALICE, settings, RunOptions.DEFAULT);
        assertThat(report.failures()).as(report.toString()).isEmpty();
        return report;
    }
}
