package dev.gsync.vtiger.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One vtiger database per backend for the port contract and the property tests, on the system clock; each caller
 * gets a vtiger user of its own.
 */
final class SharedVtiger {
    static final ZoneId ROME = ZoneId.of("Europe/Rome");
    private static final AtomicInteger USERS = new AtomicInteger();
    private static SharedVtiger h2;
    private static SharedVtiger mariaDb;

    final TestDatabase db;
    final VtigerJdbcCalendars calendars;

    private SharedVtiger(TestDatabase db) {
        this.db = db.withVtigerTables();
        this.calendars = new VtigerJdbcCalendars(db.config(), Clock.systemUTC());
    }

    static synchronized SharedVtiger h2() {
        if (h2 == null) h2 = new SharedVtiger(TestDatabase.h2("vt_shared"));
        return h2;
    }

    static synchronized SharedVtiger mariaDb() {
        if (mariaDb == null) mariaDb = new SharedVtiger(TestDatabase.mariaDb("vt_shared"));
        return mariaDb;
    }

    /** A new vtiger user; answers (id, e-mail, "First Last"). */
    record User(int id, String email, String name) {}

    User newUser() {
        int n = USERS.incrementAndGet();
        try (Connection c = db.connect()) {
            String name = "shared" + n;
            int id = VtigerSampleData.addUser(c, name, name + "@example.com", "Ada" + n, "Lovelace", "Europe/Rome");
            return new User(id, name + "@example.com", "Ada" + n + " Lovelace");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    VtigerJdbcCalendar calendarOf(User user) {
        return calendars.forUserId(user.id(), ROME);
    }
}
