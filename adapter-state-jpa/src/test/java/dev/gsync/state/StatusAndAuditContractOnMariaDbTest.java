package dev.gsync.state;

import dev.gsync.core.port.RunAuditStore;
import dev.gsync.core.port.StatusAndAuditStoreContract;
import dev.gsync.core.port.UserStatusStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import java.time.Clock;

/** sync-core's contract for the status and run audit ports, on MariaDb. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatusAndAuditContractOnMariaDbTest extends StatusAndAuditStoreContract {
    private StateDatabase db;

    @BeforeAll
    void open() {
        db = StateDatabase.open(TestDatabase.MARIADB.fresh());
    }

    @AfterAll
    void close() {
        db.close();
    }

    @Override
    protected UserStatusStore statuses() {
        return new JpaUserStatusStore(db, Clock.systemUTC());
    }

    @Override
    protected RunAuditStore audits() {
        return new JpaRunAuditStore(db, RunRetention.DEFAULT, Clock.systemUTC());
    }
}
