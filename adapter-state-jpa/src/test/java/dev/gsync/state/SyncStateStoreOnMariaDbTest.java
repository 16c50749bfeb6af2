package dev.gsync.state;

class SyncStateStoreOnMariaDbTest extends SyncStateStoreChecks {
    @Override
    TestDatabase database() {
        return TestDatabase.MARIADB;
    }
}
