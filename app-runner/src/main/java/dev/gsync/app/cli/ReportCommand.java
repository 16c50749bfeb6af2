package dev.gsync.app.cli;

import dev.gsync.app.ExitCode;
import dev.gsync.app.Services;
import dev.gsync.app.report.RunAuditView;
import dev.gsync.core.model.UserId;
import dev.gsync.core.port.RunAudit;
import io.vavr.collection.Seq;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

/** The stored audit of a user's runs: which item was written, failed or skipped, and why. */
@Command(name = "report", mixinStandardHelpOptions = true, footerHeading = "%nExamples:%n",
        footer = {"  gsync report --user alice                 # the last run", "  gsync report --user alice --last 5",
                "  gsync report --user alice --run 2026-12-04T17:47:19.123Z", "  gsync report --user alice --json | jq '.[0].skipped'"},
        description = {"Show what a user's runs did, item by item (side, record id, action, reason), skips summarised by reason.",
                "Runs are kept per user (the newest 200 by default); a run's id is its start time."})
public final class ReportCommand implements Callable<Integer> {
    /** How far back --run looks for the run asked for. */
    static final int LOOKBACK = 200;

    @ParentCommand GsyncCommand parent;

    @Option(names = {"-u", "--user"}, required = true, paramLabel = "USER", description = "The CRM user.")
    String user;

    @Option(names = "--run", paramLabel = "ID", description = "The run with this id (its start time, as `--last` lists it).")
    String run;

    @Option(names = "--last", paramLabel = "N", defaultValue = "1", description = "The newest N runs (default: ${DEFAULT-VALUE}).")
    int last;

    @Option(names = "--json", description = "JSON for scripts: an array of runs, newest first.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (last < 1) {
            System.err.println("--last: expected 1 or more, got " + last);
            return ExitCode.USAGE;
        }
        var config = parent.config();
        if (config.isLeft()) {
            System.err.println(config.getLeft());
            return ExitCode.USAGE;
        }
        try (Services services = parent.assemble(config.get())) {
            UserId who = UserId.of(user);
            Seq<RunAudit> runs = run == null ? services.runLog().runs(who, last)
                    : services.runLog().runs(who, LOOKBACK).filter(r -> RunAuditView.isRun(r, run)).take(1);
            if (run != null && runs.isEmpty()) {
                System.err.println("--run: no stored run " + run + " of " + who + " (see `gsync report --user " + who + " --last 10`)");
                return ExitCode.USAGE;
            }
            if (json) {
                System.out.println(RunAuditView.json(runs));
            } else if (runs.isEmpty()) {
                System.out.println("No runs stored for " + who + ".");
            } else {
                runs.forEach(r -> System.out.print(RunAuditView.text(r)));
            }
            return ExitCode.OK;
        }
    }
}
