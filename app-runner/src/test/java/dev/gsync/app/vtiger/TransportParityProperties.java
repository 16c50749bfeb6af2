package dev.gsync.app.vtiger;

import dev.gsync.core.model.CalendarItem;
import dev.gsync.core.model.ExternalId;
import dev.gsync.core.model.IdempotencyKey;
import dev.gsync.core.model.ItemKind;
import dev.gsync.core.model.ItemStatus;
import dev.gsync.core.model.Recurrence;
import dev.gsync.core.model.Side;
import dev.gsync.core.model.Timing;
import dev.gsync.core.model.Visibility;
import dev.gsync.core.port.CalendarSide;
import dev.gsync.core.port.Change;
import dev.gsync.core.port.Write;
import dev.gsync.core.port.Written;
import io.vavr.collection.List;
import io.vavr.control.Option;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One vtiger, two transports, one mapping: any record vtiger can hold reads as the same item (and the same id and
 * version) through the JDBC adapter and through the webservice adapter; and an item written through either reads
 * back the same through the other. Users in four zones, so all-day rows, to-do times and DST are read by people east
 * and west of the DB zone (UTC).
 */
class TransportParityProperties {
    private static final Map<String, String> USERS = Map.of("rome", "Europe/Rome", "ny", "America/New_York",
            "kolkata", "Asia/Kolkata", "utc", "UTC");
    private static OneVtigerTwoTransports vtiger;
    private static final AtomicLong ids = new AtomicLong(5000);
    private static final AtomicLong keys = new AtomicLong();

    private static synchronized OneVtigerTwoTransports vtiger() {
        if (vtiger == null) vtiger = new OneVtigerTwoTransports("parity", USERS);
        return vtiger;
    }

    @AfterContainer
    static void close() {
        if (vtiger != null) vtiger.close();
        vtiger = null;
    }

    @Property(tries = 150)
    void a_stored_record_reads_the_same_through_both_transports(@ForAll("owners") String owner, @ForAll("rows") Map<String, String> row) {
        long crmid = ids.incrementAndGet();
        vtiger().put(crmid, owner, row);

        Option<Change.Upserted> viaJdbc = vtiger().viaJdbc(owner).get(ExternalId.of(Long.toString(crmid))).get();
        Option<Change.Upserted> viaRest = vtiger().viaRest(owner).get(ExternalId.of(Long.toString(crmid))).get();

        assertThat(viaJdbc).as("row %s", row).isNotEmpty();
        assertThat(viaRest).as("row %s", row).isEqualTo(viaJdbc);
    }

    @Property(tries = 60)
    void an_item_written_through_the_database_reads_the_same_through_the_webservice(@ForAll("owners") String owner, @ForAll("items") CalendarItem item) {
        Written.Saved saved = write(vtiger().viaJdbc(owner), item);
        vtiger().copyDbToWebservice();

        assertThat(vtiger().viaRest(owner).get(saved.id()).get()).isEqualTo(vtiger().viaJdbc(owner).get(saved.id()).get());
        assertThat(vtiger().viaRest(owner).get(saved.id()).get().get().item()).isEqualTo(saved.stored());
    }

    @Property(tries = 60)
    void an_item_written_through_the_webservice_reads_the_same_through_the_database(@ForAll("owners") String owner, @ForAll("items") CalendarItem item) {
        Written.Saved saved = write(vtiger().viaRest(owner), item);
        vtiger().copyWebserviceToDb();

        assertThat(vtiger().viaJdbc(owner).get(saved.id()).get()).isEqualTo(vtiger().viaRest(owner).get(saved.id()).get());
        assertThat(vtiger().viaJdbc(owner).get(saved.id()).get().get().item()).isEqualTo(saved.stored());
    }

    private static Written.Saved write(CalendarSide side, CalendarItem item) {
        var result = side.write(new Write.Create(item, IdempotencyKey.mirrorOf(Side.GOOGLE, ExternalId.of("g" + keys.incrementAndGet()))));
        assertThat(result.isRight()).as("%s", result).isTrue();
        return (Written.Saved) result.get();
    }

    // ------------------------------------------------------------------ generators

    @Provide
    Arbitrary<String> owners() {
        return Arbitraries.of(USERS.keySet());
    }

    /** Text as vtiger may hold it: entities typed in the UI, HTML, script tags, U+FFFD where emoji were, long lines. */
    private static Arbitrary<String> text(int max) {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("ab &;<>\"'#\n\uFFFD€").ofMaxLength(Math.min(max, 30)),
                Arbitraries.of("Tom &amp; Jerry", "R&D <lab>", "&lt;b&gt;", "<p><b>x</b> &amp; & \"q\"</p>", "<script>alert(1)</script> &amp;",
                        "Party \uD83C\uDF89", "", "Demo"),
                Arbitraries.strings().alpha().ofLength(max));
    }

    private static Arbitrary<String> time() {
        return Arbitraries.oneOf(
                Combinators.combine(Arbitraries.integers().between(0, 23), Arbitraries.integers().between(0, 59), Arbitraries.of(0, 0, 30, 59))
                        .as((h, m, s) -> String.format("%02d:%02d:%02d", h, m, s)),
                Arbitraries.of("00:00:00", "23:59:00", "10:00", "", "01:30:00", "02:30:00"));
    }

    /** Dates around the DST changes of 2027 (29 March and 25 October in Europe, 14 March and 7 November in America). */
    private static Arbitrary<LocalDate> date() {
        return Arbitraries.oneOf(
                Arbitraries.of(LocalDate.parse("2027-03-13"), LocalDate.parse("2027-03-14"), LocalDate.parse("2027-03-28"),
                        LocalDate.parse("2027-03-29"), LocalDate.parse("2027-10-31"), LocalDate.parse("2027-11-07"), LocalDate.parse("2030-06-10")),
                Arbitraries.integers().between(0, 800).map(d -> LocalDate.parse("2026-01-01").plusDays(d)));
    }

    @Provide
    Arbitrary<Map<String, String>> rows() {
        Arbitrary<Map<String, String>> events = Combinators.combine(
                Combinators.combine(Arbitraries.of("Meeting", "Call", "Mobile Call"), text(255), text(400), text(150)).as(List::of),
                Combinators.combine(date(), time(), Arbitraries.integers().between(-2, 4), time(), Arbitraries.of("0", "1")).as(List::of),
                Combinators.combine(Arbitraries.of("Planned", "Held", "Not Held", ""), Arbitraries.of("Public", "Private", "all", ""),
                        Arbitraries.of("", "0", "1", "15", "60", "61", "121", "1440")).as(List::of))
                .as((texts, when, rest) -> {
                    Map<String, String> r = new LinkedHashMap<>();
                    r.put("activitytype", (String) texts.get(0));
                    r.put("subject", (String) texts.get(1));
                    r.put("description", (String) texts.get(2));
                    r.put("location", (String) texts.get(3));
                    LocalDate start = (LocalDate) when.get(0);
                    r.put("date_start", start.toString());
                    r.put("time_start", (String) when.get(1));
                    r.put("due_date", start.plusDays((Integer) when.get(2)).toString());   // may end before it starts
                    r.put("time_end", (String) when.get(3));
                    r.put("notime", (String) when.get(4));
                    r.put("eventstatus", (String) rest.get(0));
                    r.put("visibility", (String) rest.get(1));
                    r.put("reminder_time", (String) rest.get(2));
                    r.put("modifiedtime", "2026-01-10 09:00:00");
                    return r;
                });
        Arbitrary<Map<String, String>> todos = Combinators.combine(text(255), text(400), date(), Arbitraries.integers().between(-1, 2), time(),
                        Arbitraries.of("0", "1"), Arbitraries.of("Not Started", "In Progress", "Completed", "Pending Input", "Deferred", "Planned", ""),
                        Arbitraries.of("Public", "Private"))
                .as((title, description, due, startOffset, startTime, notime, status, visibility) -> {
                    Map<String, String> r = new LinkedHashMap<>();
                    r.put("activitytype", "Task");
                    r.put("subject", title);
                    r.put("description", description);
                    r.put("date_start", due.plusDays(startOffset).toString());
                    r.put("time_start", startTime);
                    r.put("due_date", due.toString());
                    r.put("time_end", "");
                    r.put("notime", notime);
                    r.put("taskstatus", status);
                    r.put("visibility", visibility);
                    r.put("modifiedtime", "2026-01-10 09:00:00");
                    return r;
                });
        return Arbitraries.oneOf(events, todos);
    }

    @Provide
    Arbitrary<CalendarItem> items() {
        Arbitrary<String> title = Arbitraries.oneOf(Arbitraries.strings().withChars("ab &<>\"\n€").ofMinLength(1).ofMaxLength(20),
                Arbitraries.of("Tom & Jerry <3", "Party \uD83C\uDF89", "x".repeat(300)));
        Arbitrary<String> description = Arbitraries.of("", "<p>Hi</p>", "<p>Hi</p><script>alert(\"x\")</script> &amp; more", "a & b");
        Arbitrary<ZoneId> zone = Arbitraries.of(ZoneId.of("Europe/Rome"), ZoneId.of("America/New_York"), ZoneId.of("UTC"));
        Arbitrary<Timing> timed = Combinators.combine(Arbitraries.longs().between(0, 700L * 86_400), Arbitraries.longs().between(0, 2L * 86_400), zone)
                .as((offset, length, z) -> new Timing.Timed(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(offset),
                        Instant.parse("2026-01-01T00:00:00Z").plusSeconds(offset + length), z));
        Arbitrary<Timing> allDay = Combinators.combine(date(), Arbitraries.integers().between(1, 5)).as((d, n) -> new Timing.AllDay(d, d.plusDays(n)));
        Arbitrary<CalendarItem> events = Combinators.combine(title, description, Arbitraries.oneOf(timed, allDay), Arbitraries.of(Visibility.class),
                        Arbitraries.of(ItemStatus.CONFIRMED, ItemStatus.CANCELLED), Arbitraries.of(0, 10, 60, 90, 1440).list().ofMaxSize(1))
                .as((t, d, timing, v, s, reminders) -> new CalendarItem(ItemKind.EVENT, t, d, "Room 1", timing, v, s, Recurrence.NONE,
                        Option.none(), List.ofAll(reminders), List.empty()));
        Arbitrary<Timing.Due> due = Combinators.combine(date(), Arbitraries.of(Option.<LocalTime>none(), Option.some(LocalTime.of(9, 30)), Option.some(LocalTime.of(0, 15))))
                .as(Timing.Due::new);
        Arbitrary<CalendarItem> todos = Combinators.combine(title, description, due, Arbitraries.of(ItemStatus.OPEN, ItemStatus.COMPLETED))
                .as((t, d, when, s) -> CalendarItem.task(t, when).withDescription(d).withStatus(s));
        return Arbitraries.oneOf(events, todos);
    }
}
