package dev.gsync.app.vtiger;

import dev.gsync.app.VtigerIdMigration;
import dev.gsync.core.memory.InMemoryGoogleCalendar;
import dev.gsync.core.memory.InMemorySyncStateStore;
import dev.gsync.core.model.CalendarItem;
import dev.gsync.core.model.ExternalId;
import dev.gsync.core.model.Link;
import dev.gsync.core.model.Side;
import dev.gsync.core.model.SyncSettings;
import dev.gsync.core.model.Timing;
import dev.gsync.core.model.UserId;
import dev.gsync.core.port.CrmCalendar;
import dev.gsync.core.run.RunOptions;
import dev.gsync.core.run.RunReport;
import dev.gsync.core.run.SyncRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user synced through the webservice is switched to the database transport and back: one id scheme, one mapping,
 * so nothing is duplicated, re-created, or unlinked, and edits keep flowing through the links made before.
 */
class TransportSwitchTest {
    private static final UserId ROME = UserId.of("rome");
    private static final ZoneId ROME_ZONE = ZoneId.of("Europe/Rome");
    private final Clock clock = Clock.fixed(Instant.parse("2026-01-25T08:00:00Z"), ZoneId.of("UTC"));
    private final OneVtigerTwoTransports vtiger = new OneVtigerTwoTransports("switch", Map.of("rome", "Europe/Rome"));
    private final InMemoryGoogleCalendar google = new InMemoryGoogleCalendar(clock);
    private final InMemorySyncStateStore store = new InMemorySyncStateStore();

    @AfterEach
    void close() {
        vtiger.close();
    }

    private RunReport run(CrmCalendar crm) {
        RunReport report = new SyncRun(crm, google, store, clock).run(ROME, SyncSettings.defaults(ROME_ZONE), RunOptions.DEFAULT);
        assertThat(report.failures()).as(report.summary()).isEmpty();
        return report;
    }

    private static void nothingWritten(RunReport report) {
        for (Side side : Side.values()) {
            RunReport.Counts c = report.counts(side);
            assertThat(c.created() + c.updated() + c.deleted()).as(report.summary()).isZero();
        }
    }

    private void givenTwoMeetingsOnEachSide() {
        google.add(CalendarItem.event("Board", new Timing.Timed(Instant.parse("2026-02-02T09:00:00Z"), Instant.parse("2026-02-02T10:00:00Z"), ROME_ZONE)));
        google.add(CalendarItem.event("Holiday", new Timing.AllDay(LocalDate.parse("2026-02-10"), LocalDate.parse("2026-02-12"))));
        vtiger.put(9001, "rome", OneVtigerTwoTransports.row("Meeting", "Customer visit", "2026-02-03", "08:00:00", "2026-02-03", "09:30:00", "0"));
        vtiger.put(9002, "rome", OneVtigerTwoTransports.row("Meeting", "Trade fair", "2026-03-10", "00:00:00", "2026-03-12", "23:59:00", "1"));
    }

    @Test
    void rest_then_jdbc_then_rest_again_writes_nothing_and_keeps_every_link() {
        givenTwoMeetingsOnEachSide();

        // synced through the webservice: each side gets the other's two
        RunReport first = run(vtiger.viaRest("rome"));
        assertThat(first.counts(Side.GOOGLE).created()).isEqualTo(2);
        assertThat(first.counts(Side.CRM).created()).isEqualTo(2);
        assertThat(google.items().values().filter(i -> i.title().equals("Trade fair")).head().timing())
                .isEqualTo(new Timing.AllDay(LocalDate.parse("2026-03-10"), LocalDate.parse("2026-03-13")));   // its dates, in Rome too

        // the installation switches to the database transport: same records, same ids, same versions
        vtiger.copyWebserviceToDb();
        nothingWritten(run(vtiger.viaJdbc("rome")));
        assertThat(store.linkCount(ROME)).isEqualTo(4);
        assertThat(google.items()).hasSize(4);
        assertThat(vtiger.dbRows()).hasSize(4);

        // an edit in vtiger reaches Google through a link made over the webservice
        vtiger.db.update("UPDATE vtiger_activity SET subject = 'Customer visit (moved)' WHERE activityid = 9001");
        vtiger.db.update("UPDATE vtiger_crmentity SET modifiedtime = '2026-01-10 09:05:00' WHERE crmid = 9001");
        RunReport edit = run(vtiger.viaJdbc("rome"));
        assertThat(edit.counts(Side.GOOGLE).updated()).isEqualTo(1);
        assertThat(edit.counts(Side.GOOGLE).created()).isZero();
        assertThat(google.items().values().map(CalendarItem::title)).contains("Customer visit (moved)");

        // and back to the webservice
        vtiger.copyDbToWebservice();
        nothingWritten(run(vtiger.viaRest("rome")));
        assertThat(store.linkCount(ROME)).isEqualTo(4);
        assertThat(google.items()).hasSize(4);
        assertThat(vtiger.ws.rows()).hasSize(4);
    }

    @Test
    void links_stored_with_the_old_webservice_ids_are_migrated_and_the_switch_still_writes_nothing() {
        givenTwoMeetingsOnEachSide();
        run(vtiger.viaRest("rome"));
        // as the REST adapter stored them before the shared scheme: 18x<crmid>
        for (Link link : store.allLinks(ROME)) {
            store.removeLink(ROME, link);
            store.saveLink(ROME, link.with(Side.CRM, ExternalId.of("18x" + link.crmId().value()), link.crmVersion(), link.crmBase()));
        }

        assertThat(new VtigerIdMigration(store).migrate(ROME)).isEqualTo(4);
        assertThat(new VtigerIdMigration(store).migrate(ROME)).isZero();   // once is enough

        vtiger.copyWebserviceToDb();
        nothingWritten(run(vtiger.viaJdbc("rome")));
        assertThat(google.items()).hasSize(4);
        assertThat(vtiger.dbRows()).hasSize(4);
    }
}
