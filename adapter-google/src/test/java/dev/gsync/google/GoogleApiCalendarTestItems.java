package dev.gsync.google;

import dev.gsync.core.model.CalendarItem;
import dev.gsync.core.model.ExternalId;
import dev.gsync.core.model.IdempotencyKey;
import dev.gsync.core.model.Side;
import dev.gsync.core.model.Timing;

import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/** Domain-like fixtures for the adapter tests. */
final class GoogleApiCalendarTestItems {
    private GoogleApiCalendarTestItems() {
    }

    static CalendarItem meeting(String title) {
        Instant start = Instant.parse("2026-05-04T09:00:00Z");
        return CalendarItem.event(title, new Timing.Timed(start, start.plus(1, ChronoUnit.HOURS), ZoneId.of("Europe/Berlin")));
    }

    static IdempotencyKey key(String crmId) {
        return IdempotencyKey.mirrorOf(Side.CRM, ExternalId.of(crmId));
    }
}
