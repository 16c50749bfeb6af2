package dev.gsync.vtiger.jdbc;

/** The round-trip laws on vtiger's tables in H2. */
class VtigerRoundTripH2Properties extends VtigerRoundTripPropertiesBase {
    @Override
    protected SharedVtiger shared() {
        return SharedVtiger.h2();
    }
}
