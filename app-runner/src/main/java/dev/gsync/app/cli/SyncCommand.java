package dev.gsync.app.cli;

import dev.gsync.app.ExitCode;
import dev.gsync.app.Outcome;
import dev.gsync.app.RunSummary;
import dev.gsync.app.Services;
import dev.gsync.core.model.UserId;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.util.concurrent.Callable;

/** Syncs some or all users once and prints the report; the exit code is the worst user's outcome. */
@Command(name = "sync", mixinStandardHelpOptions = true, footerHeading = "%nExamples:%n",
        footer = {"  gsync sync                      # every known user", "  gsync sync --user alice --dry-run", "  gsync -c /etc/gsync/gsync.properties sync -u alice -u bob"},
        description = "Sync once: the given users, or every known user.")
public final class SyncCommand implements Callable<Integer> {
    @ParentCommand GsyncCommand parent;

    @Option(names = {"-u", "--user"}, paramLabel = "USER", description = "User to sync (repeatable; default: all known users).")
    java.util.List<String> users = new java.util.ArrayList<>();

    @Option(names = "--dry-run", description = "Plan only: print what would be written, write nothing.")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
        var config = parent.config();
        if (config.isLeft()) {
            System.err.println(config.getLeft());
            return ExitCode.USAGE;
        }
        try (Services services = parent.assemble(config.get())) {
            Seq<UserId> who = users.isEmpty() ? services.users() : List.ofAll(users).map(UserId::of);
            if (who.isEmpty()) {
                System.out.println("No users yet: link one with `gsync connect --user NAME`.");
                return ExitCode.OK;
            }
            return run(services, who, dryRun, System.out);
        }
    }

    static int run(Services services, Seq<UserId> who, boolean dryRun, PrintStream out) {
        Outcome worst = Outcome.OK;
        // a bar only for a person watching several users; scripts and logs get plain lines
        boolean showBar = System.console() != null && who.size() > 1;
        try (ProgressBar bar = showBar ? new ProgressBarBuilder().setTaskName("sync").setInitialMax(who.size())
                .setStyle(ProgressBarStyle.ASCII).continuousUpdate().build() : null) {
            for (UserId user : who) {
                RunSummary run = services.userSync().sync(user, dryRun);
                worst = worst.worse(run.outcome());
                if (bar != null) bar.step();
                if (who.size() == 1 || dryRun) out.println(run.report());
                else out.println(user + ": " + run.outcome() + (run.counts().isEmpty() ? "" : " – " + run.counts())
                        + (run.failures().isEmpty() ? "" : " – " + run.firstFailure()));
            }
        }
        return worst.exitCode();
    }
}
