package dev.gsync.state;

class StatusAndRunAuditOnMariaDbTest extends StatusAndRunAuditChecks {
    @Override
    TestDatabase database() {
        return TestDatabase.MARIADB;
    }
}
