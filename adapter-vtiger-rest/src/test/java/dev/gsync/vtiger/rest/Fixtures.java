package dev.gsync.vtiger.rest;

import dev.gsync.core.model.CalendarItem;
import dev.gsync.core.model.ExternalId;
import dev.gsync.core.model.IdempotencyKey;
import dev.gsync.core.model.Side;
import dev.gsync.core.model.Timing;
import dev.gsync.core.port.CalendarFailure;
import dev.gsync.core.port.Change;
import dev.gsync.core.port.ChangePage;
import dev.gsync.core.port.Cursor;
import dev.gsync.core.port.Write;
import dev.gsync.core.port.Written;
import io.vavr.collection.List;
import io.vavr.control.Either;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** Shared set-up: a fake vtiger with two users and calendars talking to it. */
final class Fixtures {
    static final String ALICE_KEY = "aliceKey16chars1";
    static final String BOB_KEY = "bobKey16charsxx2";
    static final ZoneId UTC = ZoneId.of("UTC");
    static final Instant T0 = Instant.parse("2026-02-02T10:00:00Z");

    private Fixtures() {}

    static FakeVtiger vtiger() {
        return new FakeVtiger().user(1, "alice", ALICE_KEY, "UTC").user(5, "bob", BOB_KEY, "Europe/Rome");
    }

    static VtigerRestSettings settings(FakeVtiger vtiger) {
        return VtigerRestSettings.defaults(vtiger.endpoint()).withRetries(4, Duration.ofMillis(5))
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(20));
    }

    static VtigerRestCalendar alice(FakeVtiger vtiger) {
        return new VtigerRestCalendar(settings(vtiger), new VtigerUser("alice", AccessKey.of(ALICE_KEY)));
    }

    static CalendarItem meeting(String title) {
        return CalendarItem.event(title, new Timing.Timed(T0, T0.plus(Duration.ofMinutes(90)), UTC));
    }

    static CalendarItem todo(String title) {
        return CalendarItem.task(title, Timing.Due.on(LocalDate.of(2026, 2, 3)));
    }

    static IdempotencyKey key(String googleId) {
        return IdempotencyKey.mirrorOf(Side.GOOGLE, ExternalId.of(googleId));
    }

    static Written.Saved create(VtigerRestCalendar cal, CalendarItem item, String key) {
        Either<CalendarFailure, Written> w = cal.write(new Write.Create(item, key(key)));
        if (w.isLeft()) throw new AssertionError("create failed: " + w.getLeft().describe());
        return (Written.Saved) w.get();
    }

    /** Every page of one pass, and the cursor after it. */
    record Pass(List<Change> changes, Cursor next, int pages) {
        List<Change.Upserted> upserted() {
            return changes.filter(c -> c instanceof Change.Upserted).map(c -> (Change.Upserted) c);
        }

        List<ExternalId> removed() {
            return changes.filter(c -> c instanceof Change.Removed).map(Change::id);
        }
    }

    static Pass pass(VtigerRestCalendar cal, Cursor from) {
        List<Change> all = List.empty();
        Cursor at = from;
        for (int page = 1; page <= 500; page++) {
            Either<CalendarFailure, ChangePage> p = cal.changesSince(at);
            if (p.isLeft()) throw new AssertionError("feed failed: " + p.getLeft().describe());
            all = all.appendAll(p.get().changes());
            at = p.get().next();
            if (!p.get().more()) return new Pass(all, at, page);
        }
        throw new AssertionError("feed did not end within 500 pages");
    }
}
