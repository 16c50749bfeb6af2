package dev.gsync.state;

class SyncStateStoreOnH2Test extends SyncStateStoreChecks {
    @Override
    TestDatabase database() {
        return TestDatabase.H2;
    }
}
