package dev.gsync.google;

import dev.gsync.core.port.CalendarSide;
import dev.gsync.core.port.CalendarSideContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.util.UUID;

/** The core's port contract, met by the adapter with the real Google clients against the emulator. */
class GoogleCalendarContractTest extends CalendarSideContract {
    private static EmulatedGoogle google;
    private static GoogleApiCalendar calendar;

    @BeforeAll
    static void start() {
        google = EmulatedGoogle.start();
        calendar = google.adapter("contract@example.com");
    }

    @AfterAll
    static void stop() {
        google.close();
    }

    @Override
    protected CalendarSide calendar() {
        return calendar;
    }

    @Override
    protected String missingId() {
        return GoogleIds.event("primary", "nosuch" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).replaceAll("[w-z]", "a")).value();
    }
}
