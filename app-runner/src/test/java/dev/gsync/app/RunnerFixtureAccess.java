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

    /** vtiger's tables and gsync's state on the embedded MariaDB server. */
    public static RunnerFixtureAccess startOnMariaDb(boolean autoApprove) {
        return new RunnerFixtureAccess(new RunnerFixture(autoApprove, true));
    }

    public Services services() { return fixture.services; }
    public WebServer web() { return fixture.web; }
    public GoogleEmulator emulator() { return fixture.emulator; }
    public dev.gsync.core.model.ExternalId addToCrm(UserId user, dev.gsync.core.model.CalendarItem item) { return fixture.addToCrm(user, item); }
    public void deleteFromCrm(UserId user, dev.gsync.core.model.ExternalId id) { fixture.deleteFromCrm(user, id); }
    public io.vavr.collection.List<String> crmTitles(UserId user) { return fixture.crmTitles(user); }
    public static String adminToken() { return RunnerFixture.ADMIN_TOKEN; }

    @Override
    public void close() throws Exception {
        fixture.close();
    }
}
