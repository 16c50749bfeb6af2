package dev.gsync.app;

import dev.gsync.core.model.SyncSettings;
import dev.gsync.core.model.UserId;
import dev.gsync.core.port.CrmCalendar;
import dev.gsync.core.port.GoogleCalendar;
import dev.gsync.core.port.SyncStateStore;
import dev.gsync.core.run.RunOptions;
import dev.gsync.core.run.RunReport;
import dev.gsync.core.run.SyncRun;
import dev.gsync.state.RunReports;

import java.time.Clock;

/** The core's {@link SyncRun}, its report turned into the runner's {@link RunSummary}. */
public final class CoreSyncEngine implements SyncEngine {
    private final SyncStateStore store;
    private final Clock clock;
    private final RunOptions options;

    public CoreSyncEngine(SyncStateStore store, Clock clock, RunOptions options) {
        this.store = store;
        this.clock = clock;
        this.options = options;
    }

    @Override
    public RunSummary run(UserId user, CrmCalendar crm, GoogleCalendar google, SyncSettings settings, boolean dryRun) {
        return run(user, crm, google, settings, dryRun, RunOptions.HeldDecision.NONE);
    }

    @Override
    public RunSummary run(UserId user, CrmCalendar crm, GoogleCalendar google, SyncSettings settings, boolean dryRun,
                          RunOptions.HeldDecision decision) {
        RunReport report = new SyncRun(crm, google, store, clock).run(user, settings, options.withDryRun(dryRun).with(decision));
        return summarise(report);
    }

    static RunSummary summarise(RunReport report) {
        Outcome outcome = switch (report.outcome()) {
            case COMPLETED -> Outcome.OK;
            case PARTIAL -> Outcome.PARTIAL;
            case NEEDS_REAUTHORISATION -> Outcome.NOT_LINKED;
            case HELD -> Outcome.HELD;
            case FAILED -> Outcome.FAILED;
        };
        var failures = report.problem().toList()
                .appendAll(report.failures().map(f -> f.items().mkString(", ") + ": " + f.reason().getOrElse("?")));
        return new RunSummary(report.user(), report.started(), report.finished(), outcome, report.dryRun(),
                RunLog.counts(RunReports.counts(report)),
                failures, report.summary(), io.vavr.control.Option.some(report));
    }
}
