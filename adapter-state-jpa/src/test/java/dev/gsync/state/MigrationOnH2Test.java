package dev.gsync.state;

class MigrationOnH2Test extends MigrationChecks {
    @Override
    TestDatabase database() {
        return TestDatabase.H2;
    }
}
