package dev.gsync.state;

import dev.gsync.core.port.SyncStateStore;
import dev.gsync.core.port.SyncStateStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import java.time.Clock;

/** The port's contract from sync-core, on H2. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SyncStateStoreContractOnH2Test extends SyncStateStoreContract {
    private StateDatabase db;
    private JpaSyncStateStore store;

    @BeforeAll
    void open() {
        db = StateDatabase.open(TestDatabase.H2.fresh());
        store = new JpaSyncStateStore(db, Clock.systemUTC());
    }

    @AfterAll
    void close() {
        db.close();
    }

    @Override
    protected SyncStateStore store() {
        return store;
    }
}
