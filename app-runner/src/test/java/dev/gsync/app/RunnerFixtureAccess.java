package dev.gsync.app;

import dev.gsync.app.web.WebServer;
import dev.gsync.core.model.UserId;
import dev.gsync.emulator.GoogleEmulator;

/** {@link RunnerFixture} for tests in other packages. */
public final class RunnerFixtureAccess implements AutoCloseable {
    private final RunnerFixture fixture;

    private RunnerFixtureAccess(RunnerFixture fixture) {
        this.fixture = fixture;
    }

    public static RunnerFixtureAccess start(boolean autoApprove) {
        return new RunnerFixtureAccess(new RunnerFixture(autoApprove));
    }

    public Services services() { return fixture.services; }
    public WebServer web() { return fixture.web; }
    public GoogleEmulator emulator() { return fixture.emulator; }
    public void addToCrm(UserId user, dev.gsync.core.model.CalendarItem item) { fixture.addToCrm(user, item); }
    public static String adminToken() { return RunnerFixture.ADMIN_TOKEN; }

    @Override
    public void close() throws Exception {
        fixture.close();
    }
}
