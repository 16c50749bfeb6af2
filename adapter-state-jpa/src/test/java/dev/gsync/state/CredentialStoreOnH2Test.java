package dev.gsync.state;

class CredentialStoreOnH2Test extends CredentialStoreChecks {
    @Override
    TestDatabase database() {
        return TestDatabase.H2;
    }
}
