package dev.gsync.core.memory;

import dev.gsync.core.model.UserId;
import dev.gsync.core.port.RunAudit;
import dev.gsync.core.port.RunAuditStore;
import dev.gsync.core.port.StatusAndAuditStoreContract;
import dev.gsync.core.port.UserStatusStore;
import io.vavr.collection.List;
import io.vavr.control.Option;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class InMemoryStatusAndAuditTest {
    private static final Instant T0 = Instant.parse("2030-01-01T08:00:00Z");

    @Nested
    class Contract extends StatusAndAuditStoreContract {
        @Override
        protected UserStatusStore statuses() {
            return new InMemoryUserStatusStore();
        }

        @Override
        protected RunAuditStore audits() {
            return new InMemoryRunAuditStore();
        }
    }

    private static RunAudit run(UserId user, Instant started) {
        return new RunAudit(user, started, started, "COMPLETED", Option.none(), List.empty());
    }

    @Test
    void only_the_newest_runs_per_user_are_kept() {
        InMemoryRunAuditStore store = new InMemoryRunAuditStore(2, Option.none());
        UserId alice = UserId.of("alice");
        store.record(run(alice, T0.plusSeconds(10)));
        store.record(run(alice, T0));                       // recorded late, started first: the first to go
        store.record(run(alice, T0.plusSeconds(20)));
        store.record(run(UserId.of("bob"), T0));
        assertThat(store.recent(alice, 10).map(RunAudit::started)).containsExactly(T0.plusSeconds(20), T0.plusSeconds(10));
        assertThat(store.recent(UserId.of("bob"), 10)).hasSize(1);
    }

    @Test
    void prune_drops_runs_older_than_the_age_limit() {
        InMemoryRunAuditStore store = new InMemoryRunAuditStore(10, Option.some(Duration.ofDays(1)));
        UserId alice = UserId.of("alice");
        store.record(run(alice, T0));
        store.record(run(alice, T0.plus(Duration.ofDays(2))));
        assertThat(store.prune(T0.plus(Duration.ofDays(2)).plusSeconds(1))).isEqualTo(1);
        assertThat(store.recent(alice, 10).map(RunAudit::started)).containsExactly(T0.plus(Duration.ofDays(2)));
        assertThat(new InMemoryRunAuditStore().prune(T0.plus(Duration.ofDays(999)))).isZero();
    }
}
