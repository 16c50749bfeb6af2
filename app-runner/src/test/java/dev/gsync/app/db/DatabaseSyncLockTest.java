package dev.gsync.app.db;

import dev.gsync.app.EmbeddedMariaDb;
import dev.gsync.app.SyncLock;
import dev.gsync.core.model.UserId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-user lock between two processes (two pools on one database), on H2 and on MariaDB. */
class DatabaseSyncLockTest {

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void a_user_is_locked_by_one_process_at_a_time_and_free_again_when_it_lets_go(String kind) {
        String url = kind.equals("h2") ? "jdbc:h2:mem:lock-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1" : EmbeddedMariaDb.newDatabase();
        String user = kind.equals("h2") ? "sa" : "root";
        try (RunnerDatabase one = RunnerDatabase.open(url, user, ""); RunnerDatabase two = RunnerDatabase.open(url, user, "")) {
            SyncLock first = new DatabaseSyncLock(one.dataSource());
            SyncLock second = new DatabaseSyncLock(two.dataSource());
            UserId ann = UserId.of("ann");

            SyncLock.Held held = first.tryLock(ann).get();
            assertThat(second.tryLock(ann)).as("ann is busy").isEmpty();
            assertThat(first.tryLock(ann)).as("even for another run of the same process").isEmpty();
            SyncLock.Held bob = second.tryLock(UserId.of("bob")).get();   // other users are free
            held.close();
            bob.close();

            SyncLock.Held again = second.tryLock(ann).get();
            again.close();
        }
    }
}
