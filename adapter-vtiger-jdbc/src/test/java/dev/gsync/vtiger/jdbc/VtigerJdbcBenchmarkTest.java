package dev.gsync.vtiger.jdbc;

import dev.gsync.core.model.CalendarItem;
import dev.gsync.core.model.Field;
import dev.gsync.core.model.IdempotencyKey;
import dev.gsync.core.model.Timing;
import dev.gsync.core.port.Change;
import dev.gsync.core.port.ChangePage;
import dev.gsync.core.port.Cursor;
import dev.gsync.core.port.Write;
import dev.gsync.core.port.Written;
import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Locale;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The change feed, the deletion check of linked ids and bulk creation on a real MariaDB holding 100,000 events of one user (plus 50,000
 * of others). Runs only with {@code -Dgsync.benchmark=true}; figures go to stdout and target/benchmark-vtiger-jdbc.md.
 * Reproduce: see docs/benchmarks-vtiger-jdbc.md.
 */
@EnabledIfSystemProperty(named = "gsync.benchmark", matches = "true")
class VtigerJdbcBenchmarkTest {
    private static final int EVENTS = Integer.getInteger("gsync.benchmark.events", 100_000);
    private static final int BULK = Integer.getInteger("gsync.benchmark.bulk", 10_000);
    private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");
    private final StringBuilder report = new StringBuilder();

    @Test
    void measure() throws Exception {
        TestDatabase db = TestDatabase.mariaDb("vt_bench").withVtigerTables();
        VtigerJdbcConfig config = db.config();
        LocalDateTime lastRun = LocalDateTime.ofInstant(NOW, ZoneOffset.UTC).minusDays(1);
        int user;
        long t0 = System.nanoTime();
        try (Connection c = db.connect()) {
            user = VtigerSampleData.addUser(c, "bench", "bench@example.com", "Ben", "Ch", "UTC");
            for (int i = 0; i < 5; i++) {
                int other = VtigerSampleData.addUser(c, "other" + i, "other" + i + "@example.com", "O", "T", "UTC");
                VtigerSampleData.addEvents(c, other, 10_000, LocalDateTime.parse("2025-01-01T08:00:00"), lastRun.minusDays(2), i);
            }
            VtigerSampleData.addEvents(c, user, EVENTS, LocalDateTime.parse("2025-01-01T08:00:00"), lastRun.minusHours(1), 42);
            try (var s = c.createStatement()) {
                s.execute("ANALYZE TABLE vtiger_crmentity, vtiger_activity");
            }
        }
        line("# vtiger-jdbc benchmark (MariaDB " + version(db) + ", " + Runtime.getRuntime().availableProcessors() + " CPUs)");
        line("");
        line("- sample data: " + EVENTS + " events of the measured user + 50000 of 5 other users, written in " + ms(System.nanoTime() - t0) + " ms");

        try (VtigerJdbcCalendars calendars = new VtigerJdbcCalendars(config, Clock.fixed(NOW, ZoneOffset.UTC))) {
            VtigerJdbcCalendar cal = calendars.forUserId(user, ZoneId.of("UTC"));
            // the state a finished full listing leaves: last pass an hour after the newest row (no id list since issue 10)
            FeedState st = new FeedState();
            st.mode = FeedState.Mode.INCREMENTAL;
            st.mark = DbTimes.epochSecond(lastRun);
            Cursor cursor = st.encode();
            java.util.List<Integer> all = db.query("SELECT crmid FROM vtiger_crmentity WHERE smownerid = ?", user).stream().map(r -> (Integer) r.get(0)).toList();
            line("- cursor after a full listing: " + cursor.value().length() + " characters for " + all.size() + " events");

            // ten events changed since the last run, through the adapter
            java.util.List<Integer> ids = new ArrayList<>(all);
            Collections.shuffle(ids, new java.util.Random(7));
            for (int i = 0; i < 10; i++) {
                var id = Unit.recordId(ids.get(i));
                Change.Upserted now = cal.get(id).get().get();
                Written w = cal.write(new Write.Update(id, now.version(), now.item().withTitle("changed " + i), HashSet.of(Field.TITLE))).get();
                assertThat(w).isInstanceOf(Written.Saved.class);
            }

            line("");
            line("## Without an index on modifiedtime (vtiger 8.4 as installed)");
            measureFeed(db, cal, cursor, user, ids);
            try (Connection c = db.connect()) {
                VtigerSchema.addFeedIndex(c, config);
                try (var s = c.createStatement()) {
                    s.execute("ANALYZE TABLE vtiger_crmentity");
                }
            }
            line("");
            line("## With gsync's optional index " + config.feedIndex() + " (smownerid, setype, modifiedtime)");
            measureFeed(db, cal, cursor, user, ids);

            line("");
            line("## Full listing (first sync, or a reconciliation) of the user's " + EVENTS + " events");
            long f0 = System.nanoTime();
            Cursor fullCursor = Cursor.START;
            int pages = 0;
            long items = 0;
            while (true) {
                ChangePage page = cal.changesSince(fullCursor).get();
                pages++;
                items += page.changes().size();
                fullCursor = page.next();
                if (!page.more()) break;
            }
            line("- " + items + " items in " + pages + " pages of " + config.pageSize() + ": " + ms(System.nanoTime() - f0) + " ms; final cursor "
                    + fullCursor.value().length() + " characters");

            line("");
            line("## Series reads (D36: comments written on first read; the LIKE only for a series vtiger does not tie yet)");
            int[][] series = new int[20][];
            try (Connection c = db.connect()) {
                for (int i = 0; i < series.length; i++)
                    series[i] = VtigerSampleData.addWeeklySeries(c, user, "Series " + i, LocalDateTime.parse("2026-03-02T09:00:00").plusHours(i), 10, lastRun);
            }
            long s0 = System.nanoTime();
            for (int[] one : series) assertThat(cal.get(Unit.seriesId(one[0])).get().isDefined()).isTrue();
            long firstNs = System.nanoTime() - s0;
            long s1 = System.nanoTime();
            for (int[] one : series) assertThat(cal.get(Unit.seriesId(one[0])).get().isDefined()).isTrue();
            long againNs = System.nanoTime() - s1;
            long l0 = System.nanoTime();
            for (int[] one : series)
                db.query("SELECT crmid FROM vtiger_crmentity WHERE smownerid = ? AND deleted = 0 AND setype = 'Calendar' AND description LIKE ?",
                        user, "%gsync-series:s" + one[0] + ":%");
            long likeNs = System.nanoTime() - l0;
            line("- " + series.length + " UI series of 10 among the user's " + EVENTS + " events, read through `get`: first read (ties nothing, writes "
                    + "the comments) " + ms(firstNs / series.length) + " ms per series; again " + ms(againNs / series.length) + " ms per series; "
                    + "the LIKE a series made over the webservice costs once (before it is tied) " + ms(likeNs / series.length) + " ms");

            line("");
            line("## Bulk creation through the adapter");
            VtigerJdbcCalendar bulkCal = calendars.forUserId(user, ZoneId.of("UTC"));
            Instant start = Instant.parse("2026-04-01T08:00:00Z");
            long b0 = System.nanoTime();
            int made = 0;
            for (int batch = 0; batch < BULK / 50; batch++) {
                List<Write> writes = List.empty();
                for (int i = 0; i < 50; i++) {
                    Instant s = start.plus(Duration.ofHours(2L * (batch * 50 + i)));
                    writes = writes.append(new Write.Create(CalendarItem.event("Bulk " + (batch * 50 + i), new Timing.Timed(s, s.plusSeconds(3600), ZoneId.of("UTC")))
                            .withDescription("<p>created in bulk</p>").withReminders(List.of(15)), new IdempotencyKey("bench:" + UUID.randomUUID())));
                }
                Seq<?> answers = bulkCal.write(writes);
                made += answers.count(a -> ((io.vavr.control.Either<?, ?>) a).isRight());
            }
            long bulkNs = System.nanoTime() - b0;
            assertThat(made).isEqualTo(BULK / 50 * 50);
            line("- " + made + " events (each in its own transaction, all vtiger tables + history + idempotency key): "
                    + ms(bulkNs) + " ms, " + String.format(Locale.ROOT, "%.0f", made / (bulkNs / 1e9)) + " events/s");
        }
        Path out = Path.of("target", "benchmark-vtiger-jdbc.md");
        Files.writeString(out, report.toString(), StandardCharsets.UTF_8);
        System.out.println(report);
    }

    private void measureFeed(TestDatabase db, VtigerJdbcCalendar cal, Cursor cursor, int user, java.util.List<Integer> ids) throws Exception {
        // the whole changesSince call: page query + loading 10 records + new cursor
        java.util.List<Long> calls = new ArrayList<>();
        ChangePage last = null;
        for (int i = 0; i < 25; i++) {
            long t = System.nanoTime();
            last = cal.changesSince(cursor).get();
            if (i >= 5) calls.add(System.nanoTime() - t);
        }
        assertThat(last.changes().count(c -> c instanceof Change.Upserted)).isEqualTo(10);
        io.vavr.collection.Set<dev.gsync.core.model.ExternalId> linked = io.vavr.collection.HashSet.ofAll(ids.subList(0, 1000)).map(Unit::recordId);
        java.util.List<Long> checks = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            long t = System.nanoTime();
            assertThat(cal.removedAmong(linked).get()).isEmpty();
            if (i >= 5) checks.add(System.nanoTime() - t);
        }
        line("- deletion check of 1000 linked ids among " + ids.size() + " (removedAmong, once per run): median " + ms(median(checks)) + " ms");
        line("- changesSince (10 changed): median " + ms(median(calls)) + " ms, max " + ms(Collections.max(calls)) + " ms");

        LocalDateTime from = LocalDateTime.ofInstant(NOW, ZoneOffset.UTC).minusDays(1).minusMinutes(2);
        String feedSql = VtigerJdbcCalendar.CHANGED_ROWS_SQL + "200";
        try (Connection c = db.connect()) {
            java.util.List<Long> feed = time(c, feedSql, user, from, from, -1);
            line("- feed page query alone: median " + ms(median(feed)) + " ms");
            line("");
            line("EXPLAIN of the feed query:");
            line("```");
            explain(c, feedSql, user, from, from, -1);
            line("```");
        }
    }

    private static java.util.List<Long> time(Connection c, String sql, Object... params) throws Exception {
        java.util.List<Long> out = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            long t = System.nanoTime();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int p = 0; p < params.length; p++) ps.setObject(p + 1, params[p]);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) rs.getInt(1);
                }
            }
            if (i >= 5) out.add(System.nanoTime() - t);
        }
        return out;
    }

    private void explain(Connection c, String sql, Object... params) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("EXPLAIN " + sql)) {
            for (int p = 0; p < params.length; p++) ps.setObject(p + 1, params[p]);
            try (ResultSet rs = ps.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                StringBuilder head = new StringBuilder();
                for (int i = 1; i <= n; i++) head.append(i > 1 ? " | " : "").append(rs.getMetaData().getColumnLabel(i));
                line(head.toString());
                while (rs.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int i = 1; i <= n; i++) row.append(i > 1 ? " | " : "").append(rs.getString(i));
                    line(row.toString());
                }
            }
        }
    }

    private static String version(TestDatabase db) {
        return String.valueOf(db.query("SELECT VERSION()").get(0).get(0));
    }

    private static long median(java.util.List<Long> xs) {
        java.util.List<Long> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e6);
    }

    private void line(String s) {
        report.append(s).append('\n');
    }
}
