package dev.gsync.app.vtiger;

import dev.gsync.core.memory.InMemoryGoogleCalendar;
import dev.gsync.core.memory.InMemorySyncStateStore;
import dev.gsync.core.model.Attendee;
import dev.gsync.core.model.CalendarItem;
import dev.gsync.core.model.Side;
import dev.gsync.core.model.SyncSettings;
import dev.gsync.core.model.Timing;
import dev.gsync.core.model.UserId;
import dev.gsync.core.port.CrmCalendar;
import dev.gsync.core.run.RunOptions;
import dev.gsync.core.run.RunReport;
import dev.gsync.core.run.SyncRun;
import io.vavr.collection.List;
import io.vavr.control.Option;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14, item 5, through both transports with the real SyncRun: every value vtiger's mapping changes on the way
 * (end before start, text cut to its column, emoji replaced, HTML stored escaped by vtiger's script filter, an
 * attendee who is no vtiger user) is named in the run report with the record's id and title, the item still syncs,
 * and the next run neither writes it again nor reports it again.
 */
class NormalisationsReportedTest {
    private static final UserId ROME = UserId.of("rome");
    private static final ZoneId ROME_ZONE = ZoneId.of("Europe/Rome");
    private final Clock clock = Clock.fixed(Instant.parse("2026-01-25T08:00:00Z"), ZoneId.of("UTC"));
    private final OneVtigerTwoTransports vtiger = new OneVtigerTwoTransports("notices", Map.of("rome", "Europe/Rome"));
    private final InMemoryGoogleCalendar google = new InMemoryGoogleCalendar(clock);
    private final InMemorySyncStateStore store = new InMemorySyncStateStore();

    enum Transport { JDBC, REST }

    @AfterEach
    void close() {
        vtiger.close();
    }

    private CrmCalendar crm(Transport t) {
        return t == Transport.JDBC ? vtiger.viaJdbc("rome") : vtiger.viaRest("rome");
    }

    private RunReport run(CrmCalendar crm) {
        RunReport report = new SyncRun(crm, google, store, clock).run(ROME, SyncSettings.defaults(ROME_ZONE), RunOptions.DEFAULT);
        assertThat(report.failures()).as(report.summary()).isEmpty();
        return report;
    }

    private static Timing.Timed at(String start, String end) {
        return new Timing.Timed(Instant.parse(start), Instant.parse(end), ROME_ZONE);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void every_value_changed_on_the_way_is_in_the_run_report_with_id_and_title_and_the_items_still_sync(Transport transport) {
        // from Google: too long, emoji, HTML vtiger's script filter stores escaped, an attendee vtiger cannot invite
        google.add(CalendarItem.event("L".repeat(300), at("2026-02-02T09:00:00Z", "2026-02-02T10:00:00Z")));
        google.add(CalendarItem.event("Party", at("2026-02-03T09:00:00Z", "2026-02-03T10:00:00Z")).withLocation("Bar \uD83C\uDF7A"));
        google.add(CalendarItem.event("Code review", at("2026-02-04T09:00:00Z", "2026-02-04T10:00:00Z"))
                .withDescription("<p>see <b>script</b> in /script</p>"));
        google.add(CalendarItem.event("Guests", at("2026-02-05T09:00:00Z", "2026-02-05T10:00:00Z"))
                .withAttendees(List.of(new Attendee("stranger@elsewhere.example", Option.none(), Attendee.Response.NEEDS_ACTION))));
        // from vtiger: a record that ends before it starts
        vtiger.put(9001, "rome", OneVtigerTwoTransports.row("Meeting", "Backwards", "2026-02-06", "10:00:00", "2026-02-06", "09:00:00", "0"));
        CrmCalendar crm = crm(transport);

        RunReport first = run(crm);

        assertThat(first.counts(Side.CRM).created()).isEqualTo(4);
        assertThat(first.counts(Side.GOOGLE).created()).isEqualTo(1);
        Map<String, String> idByTitle = idsByTitle();
        java.util.List<String> expected = new java.util.ArrayList<>(java.util.List.of(
                "changed on the way: " + idByTitle.get("L".repeat(255)) + " '" + "L".repeat(255) + "': title cut to vtiger's 255 characters",
                "changed on the way: " + idByTitle.get("Party") + " 'Party': location: characters outside the BMP (emoji) replaced by U+FFFD",
                "changed on the way: " + idByTitle.get("Code review") + " 'Code review': description: matches vtiger's script filter, so its HTML is stored escaped (vtiger shows it as text)",
                "changed on the way: 9001 'Backwards': ends before it starts (2026-02-06T10:00 > 2026-02-06T09:00 in the CRM's time zone): read with its end at its start"));
        if (transport == Transport.JDBC)   // the webservice holds no invitees at all (ATTENDEES is not held over REST)
            expected.add("changed on the way: " + idByTitle.get("Guests") + " 'Guests': attendee stranger@elsewhere.example is not a vtiger user: not stored (vtiger invites users only)");
        assertThat(first.notes().filter(n -> n.startsWith("changed on the way"))).containsExactlyInAnyOrderElementsOf(expected);
        Timing.Timed backwards = (Timing.Timed) google.items().values().find(i -> i.title().equals("Backwards")).get().timing();
        assertThat(backwards.end()).isEqualTo(backwards.start());

        // what vtiger holds now is the synced state: nothing flips back, nothing is said twice
        RunReport second = run(crm(transport));
        assertThat(second.notes()).noneMatch(n -> n.startsWith("changed on the way"));
        for (Side side : Side.values())
            assertThat(second.counts(side).created() + second.counts(side).updated() + second.counts(side).deleted()).as(second.summary()).isZero();
    }

    /** crmid by title, read from the store the transport wrote to (the database for JDBC, the webservice for REST). */
    private Map<String, String> idsByTitle() {
        Map<String, String> out = new LinkedHashMap<>();
        vtiger.dbRows().forEach((id, f) -> out.put(f.get("subject"), Long.toString(id)));
        vtiger.ws.rows().forEach((id, f) -> out.put(f.get("subject"), Long.toString(id)));
        return out;
    }
}
