package dev.gsync.state;

class MigrationOnMariaDbTest extends MigrationChecks {
    @Override
    TestDatabase database() {
        return TestDatabase.MARIADB;
    }
}
