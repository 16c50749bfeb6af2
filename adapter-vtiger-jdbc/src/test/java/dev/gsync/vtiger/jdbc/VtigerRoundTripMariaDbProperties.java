package dev.gsync.vtiger.jdbc;

/** The round-trip laws on vtiger's tables in a real MariaDB (utf8mb3 columns, strict mode). */
class VtigerRoundTripMariaDbProperties extends VtigerRoundTripPropertiesBase {
    @Override
    protected SharedVtiger shared() {
        return SharedVtiger.mariaDb();
    }
}
