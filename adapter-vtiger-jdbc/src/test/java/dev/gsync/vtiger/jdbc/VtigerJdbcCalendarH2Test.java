package dev.gsync.vtiger.jdbc;

/** The adapter on H2 in MySQL mode, the embedded database of demos. */
class VtigerJdbcCalendarH2Test extends VtigerJdbcCalendarContract {
    @Override
    protected TestDatabase newDatabase() {
        return TestDatabase.h2("vt_contract");
    }
}
