package dev.gsync.app;

import dev.gsync.core.memory.InMemoryCrmCalendar;
import dev.gsync.core.memory.InMemorySyncStateStore;
import dev.gsync.core.model.SyncSettings;
import dev.gsync.core.model.UserId;
import dev.gsync.core.port.CrmCalendar;
import io.vavr.control.Either;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/** A user who has not saved settings is synced in their CRM time zone; sync.zone is only the fallback. */
class NewUserZoneTest {
    private static final UserId ALICE = UserId.of("alice");
    private static final ZoneId ROME = ZoneId.of("Europe/Rome");
    private static final ZoneId FALLBACK = ZoneId.of("UTC");

    private final InMemorySyncStateStore store = new InMemorySyncStateStore();

    /** Only settings are asked of it: the Google side, the engine and the run log are not needed (null). */
    private UserSync userSync(CrmCalendars crm) {
        return new UserSync(crm, null, null, store, null, null, Clock.systemUTC(), FALLBACK);
    }

    private static CrmCalendars crmKnowing(Option<ZoneId> zone) {
        return new CrmCalendars() {
            @Override
            public Either<String, CrmCalendar> forUser(UserId user) {
                return Either.right(new InMemoryCrmCalendar(Clock.systemUTC()));
            }

            @Override
            public Option<ZoneId> zoneOf(UserId user) {
                return zone;
            }
        };
    }

    @Test
    void a_new_user_starts_in_their_crm_time_zone() {
        assertThat(userSync(crmKnowing(Option.some(ROME))).settings(ALICE).zone()).isEqualTo(ROME);
    }

    @Test
    void sync_zone_is_the_fallback_when_the_crm_cannot_say() {
        assertThat(userSync(crmKnowing(Option.none())).settings(ALICE).zone()).isEqualTo(FALLBACK);
    }

    @Test
    void saved_settings_win_over_the_crm_zone() {
        store.saveSettings(ALICE, SyncSettings.defaults(ZoneId.of("Asia/Tokyo")));

        assertThat(userSync(crmKnowing(Option.some(ROME))).settings(ALICE).zone()).isEqualTo(ZoneId.of("Asia/Tokyo"));
    }
}
