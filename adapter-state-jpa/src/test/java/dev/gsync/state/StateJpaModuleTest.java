package dev.gsync.state;

import dev.gsync.core.port.RunAudit;
import dev.gsync.core.port.RunAuditStore;
import dev.gsync.core.port.UserStatusStore;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import dev.gsync.core.model.Side;
import dev.gsync.core.model.UserId;
import dev.gsync.core.port.CredentialStore;
import dev.gsync.core.port.Cursor;
import dev.gsync.core.port.SyncStateStore;
import io.vavr.collection.List;
import io.vavr.collection.TreeMap;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class StateJpaModuleTest {

    @Test
    void the_module_binds_every_store_to_one_migrated_database() {
        StateConfig config = TestDatabase.H2.fresh();
        Injector injector = Guice.createInjector(Stage.PRODUCTION, new StateJpaModule(config));
        UserId ann = UserId.of("ann");
        try (StateDatabase db = injector.getInstance(StateDatabase.class)) {

            injector.getInstance(SyncStateStore.class).saveCursor(ann, Side.GOOGLE, new Cursor("t1"));
            injector.getInstance(CredentialStore.class).save(ann, "google-refresh-token", "secret");
            injector.getInstance(UserStatusStore.class).update(ann, s -> s.afterRun(Instant.now(), TreeMap.of("runs", 1), Option.none()));
            injector.getInstance(RunAuditStore.class).record(new RunAudit(ann, Instant.now(), Instant.now(), "COMPLETED", Option.none(), List.empty()));

            assertThat(injector.getInstance(SyncStateStore.class).cursor(ann, Side.GOOGLE).get()).isEqualTo(new Cursor("t1"));
            assertThat(injector.getInstance(CredentialStore.class).load(ann, "google-refresh-token").get()).isEqualTo("secret");
            assertThat(injector.getInstance(UserStatusStore.class).status(ann).get().lastCounts().get("runs").get()).isEqualTo(1);
            assertThat(injector.getInstance(RunAuditStore.class).recent(ann, 5)).hasSize(1);
            assertThat(injector.getInstance(StateDatabase.class)).isSameAs(db);
        }
    }
}
