package dev.gsync.vtiger.jdbc;

import dev.gsync.core.model.CalendarItem;
import dev.gsync.core.model.ExternalId;
import dev.gsync.core.model.IdempotencyKey;
import dev.gsync.core.model.Timing;
import dev.gsync.core.port.CalendarFailure;
import dev.gsync.core.port.Cursor;
import dev.gsync.core.port.Write;
import dev.gsync.core.model.UserId;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/** A database that is not (or no longer) a vtiger database gives failures as values, never exceptions. */
class VtigerJdbcFailureTest {

    @Test
    void a_database_without_vtiger_tables_answers_unavailable_and_an_unknown_user_a_clear_message() {
        TestDatabase empty = TestDatabase.h2("vt_empty");
        try (VtigerJdbcCalendars calendars = new VtigerJdbcCalendars(empty.config(), Clock.systemUTC())) {
            VtigerJdbcCalendar cal = calendars.forUserId(5, ZoneId.of("UTC"));
            Instant start = Instant.parse("2026-05-01T10:00:00Z");

            var feed = cal.changesSince(Cursor.START);
            var get = cal.get(ExternalId.of("17"));
            var write = cal.write(new Write.Create(CalendarItem.event("x", new Timing.Timed(start, start.plusSeconds(60), ZoneId.of("UTC"))), new IdempotencyKey("k")));

            assertThat(feed.getLeft()).isInstanceOf(CalendarFailure.Unavailable.class);
            assertThat(get.getLeft()).isInstanceOf(CalendarFailure.Unavailable.class);
            assertThat(write.getLeft()).isInstanceOf(CalendarFailure.Unavailable.class);
            assertThat(calendars.forUser(UserId.of("nobody")).getLeft()).contains("cannot read vtiger_users");
        }
    }

    @Test
    void a_user_name_that_vtiger_does_not_know_is_refused_by_name() {
        TestDatabase db = TestDatabase.h2("vt_users").withVtigerTables();
        try (VtigerJdbcCalendars calendars = new VtigerJdbcCalendars(db.config(), Clock.systemUTC())) {
            assertThat(calendars.forUser(UserId.of("nobody")).getLeft()).isEqualTo("no vtiger user named 'nobody'");
            assertThat(calendars.forUser(UserId.of("admin")).get().vtigerUserId()).isEqualTo(1);
        }
    }
}
