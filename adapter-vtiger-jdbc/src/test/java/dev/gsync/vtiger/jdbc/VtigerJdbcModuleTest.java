package dev.gsync.vtiger.jdbc;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.gsync.core.model.UserId;
import dev.gsync.core.port.CrmCalendar;
import dev.gsync.core.port.Cursor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VtigerJdbcModuleTest {

    @Test
    void the_module_hands_out_one_working_calendar_per_vtiger_user() {
        TestDatabase db = TestDatabase.h2("vt_module").withVtigerTables();
        Injector injector = Guice.createInjector(new VtigerJdbcModule(db.config()));
        VtigerJdbcCalendars calendars = injector.getInstance(VtigerJdbcCalendars.class);
        try {
            CrmCalendar admin = calendars.forUser(UserId.of("admin")).get();

            assertThat(injector.getInstance(VtigerJdbcCalendars.class)).isSameAs(calendars);
            assertThat(admin.changesSince(Cursor.START).get().changes()).isEmpty();
        } finally {
            calendars.close();
        }
    }
}
