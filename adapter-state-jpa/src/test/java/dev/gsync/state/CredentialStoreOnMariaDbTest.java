package dev.gsync.state;

class CredentialStoreOnMariaDbTest extends CredentialStoreChecks {
    @Override
    TestDatabase database() {
        return TestDatabase.MARIADB;
    }
}
