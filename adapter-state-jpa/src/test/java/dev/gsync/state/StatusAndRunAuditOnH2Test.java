package dev.gsync.state;

class StatusAndRunAuditOnH2Test extends StatusAndRunAuditChecks {
    @Override
    TestDatabase database() {
        return TestDatabase.H2;
    }
}
