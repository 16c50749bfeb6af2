package dev.gsync.google;

import dev.gsync.core.model.Field;
import dev.gsync.core.model.ItemKind;
import dev.gsync.core.model.SyncSettings;
import dev.gsync.core.port.CalendarFailure;
import dev.gsync.core.port.Change;
import dev.gsync.core.port.Cursor;
import dev.gsync.core.port.Write;
import dev.gsync.core.port.Written;
import dev.gsync.emulator.EmulatorSettings;
import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

import static dev.gsync.google.GoogleApiCalendarTestItems.key;
import static dev.gsync.google.GoogleApiCalendarTestItems.meeting;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end figures of the adapter against the emulator, off the normal test run (it takes minutes):
 * <pre>
 * mvn -B -q -pl adapter-google -am verify -Dtest='dev.gsync.google.GoogleBenchmarkTest' \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dgsync.benchmark=true \
 *     [-Dgsync.benchmark.events=10000] [-Dgsync.benchmark.quotaPerMinute=3000] [-Dgsync.benchmark.quotaEvents=6000]
 * </pre>
 * Results are printed and written to {@code adapter-google/target/benchmarks-google.txt}.
 */
@EnabledIfSystemProperty(named = "gsync.benchmark", matches = "true")
class GoogleBenchmarkTest {
    private static final SyncSettings EVENTS = SyncSettings.defaults().withKinds(HashSet.of(ItemKind.EVENT));
    private final StringBuilder report = new StringBuilder();

    private void line(String format, Object... args) {
        String text = String.format(Locale.ROOT, format, args);
        System.out.println(text);
        report.append(text).append('\n');
    }

    @Test
    void bulk_push_and_update_then_a_push_under_the_users_quota() throws IOException {
        int events = Integer.getInteger("gsync.benchmark.events", 10_000);
        int quotaPerMinute = Integer.getInteger("gsync.benchmark.quotaPerMinute", 3_000);
        int quotaEvents = Integer.getInteger("gsync.benchmark.quotaEvents", 6_000);
        line("# adapter-google benchmark, %d cores, Java %s", Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        throughput(events);
        quotaShare(quotaPerMinute, quotaEvents);
        Files.writeString(Path.of("target", "benchmarks-google.txt"), report.toString());
    }

    private void throughput(int events) {
        try (EmulatedGoogle google = EmulatedGoogle.start()) {
            String email = "bench@example.com";
            GoogleApiCalendar adapter = google.adapter(email, EVENTS);
            google.emulator.resetStats();

            long start = System.nanoTime();
            Seq<Either<CalendarFailure, Written>> created = writeAll(adapter, List.range(0, events).map(i -> new Write.Create(meeting("Event " + i), key("bench-" + i))));
            double pushSeconds = seconds(start);
            long pushRequests = google.emulator.stats().httpRequests();
            long pushCalls = google.emulator.stats().apiCalls();
            assertThat(created.filter(Either::isLeft)).isEmpty();
            line("initial push: %d events in %.1f s = %.0f events/s; %d HTTP requests (%d API calls) = %.4f requests per event",
                    events, pushSeconds, events / pushSeconds, pushRequests, pushCalls, pushRequests / (double) events);

            Seq<Write> updates = created.map(r -> (Written.Saved) r.get())
                    .map(s -> new Write.Update(s.id(), s.version(), s.stored().withTitle(s.stored().title() + " (moved)"), HashSet.of(Field.TITLE)));
            google.emulator.resetStats();
            start = System.nanoTime();
            Seq<Either<CalendarFailure, Written>> updated = writeAll(adapter, updates);
            double updateSeconds = seconds(start);
            long updateRequests = google.emulator.stats().httpRequests();
            assertThat(updated.filter(Either::isLeft)).isEmpty();
            line("updates:      %d events in %.1f s = %.0f events/s; %d HTTP requests (%d API calls) = %.4f requests per event",
                    events, updateSeconds, events / updateSeconds, updateRequests, google.emulator.stats().apiCalls(), updateRequests / (double) events);

            google.emulator.resetStats();
            start = System.nanoTime();
            Seq<Change> listed = EmulatedGoogle.drain(adapter, Cursor.START).get().changes();
            line("full listing: %d events in %.1f s, %d HTTP requests", listed.size(), seconds(start), google.emulator.stats().httpRequests());
            assertThat(listed).hasSize(events);
        }
    }

    private void quotaShare(int quotaPerMinute, int events) {
        // paced at 98% of the emulator's per-user quota: the slices of the rate limiter may overshoot a sliding window by ~1%
        GoogleConfig.Rate pace = GoogleConfig.Rate.perMinute((int) (quotaPerMinute * 0.98));
        try (EmulatedGoogle google = new EmulatedGoogle(EmulatorSettings.defaults().userRequestsPerMinute(quotaPerMinute).projectRequestsPerMinute(0), pace)) {
            String email = "quota-bench@example.com";
            GoogleApiCalendar adapter = google.adapter(email, EVENTS);
            google.emulator.resetStats();

            long start = System.nanoTime();
            Seq<Either<CalendarFailure, Written>> created = writeAll(adapter, List.range(0, events).map(i -> new Write.Create(meeting("Event " + i), key("quota-" + i))));
            double minutes = seconds(start) / 60;
            long calls = google.emulator.stats().apiCalls();
            long refused = google.emulator.stats().quotaRejections();
            assertThat(created.filter(Either::isLeft)).isEmpty();
            line("under a quota of %d calls/min per user, paced at %d/min: %d events in %.2f min, %d API calls, %d refused by quota; share of quota used = %.1f%%",
                    quotaPerMinute, pace.limit(), events, minutes, calls, refused, 100.0 * calls / (quotaPerMinute * minutes));
        }
    }

    private static Seq<Either<CalendarFailure, Written>> writeAll(GoogleApiCalendar adapter, Seq<Write> writes) {
        Seq<Either<CalendarFailure, Written>> results = List.empty();
        for (Seq<Write> batch : writes.grouped(adapter.batchSize())) results = results.appendAll(adapter.write(batch));
        return results;
    }

    private static double seconds(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos).toMillis() / 1000.0;
    }
}
