package dev.gsync.app.cli;

import dev.gsync.app.ExitCode;
import dev.gsync.app.Outcome;
import dev.gsync.app.RunSummary;
import dev.gsync.app.Services;
import dev.gsync.core.model.UserId;
import dev.gsync.core.run.RunOptions;
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

/**
 * Syncs some or all users once and prints the report; the exit code is the worst user's outcome. With
 * {@code --confirm-deletes} or {@code --discard-deletes} it carries the user's decision on a held mass deletion.
 */
@Command(name = "sync", mixinStandardHelpOptions = true, footerHeading = "%nExamples:%n",
        footer = {"  gsync sync                      # every known user", "  gsync sync --user alice --dry-run", "  gsync -c /etc/gsync/gsync.properties sync -u alice -u bob",
                "  gsync sync --user alice --confirm-deletes   # carry out alice's held deletion"},
        description = "Sync once: the given users, or every known user.")
public final class SyncCommand implements Callable<Integer> {
    @ParentCommand GsyncCommand parent;

    @Option(names = {"-u", "--user"}, paramLabel = "USER", description = "User to sync (repeatable; default: all known users).")
    java.util.List<String> users = new java.util.ArrayList<>();

    @Option(names = "--dry-run", description = "Plan only: print what would be written, write nothing.")
    boolean dryRun;

    @Option(names = "--confirm-deletes", description = "Carry out the user's held mass deletion (exactly the deletions listed by `gsync status`), then sync. Needs --user.")
    boolean confirmDeletes;

    @Option(names = "--discard-deletes", description = "Discard the user's held mass deletion: the deleted items are restored from the other side, then sync. Needs --user.")
    boolean discardDeletes;

    @Override
    public Integer call() throws Exception {
        var config = parent.config();
        if (config.isLeft()) {
            System.err.println(config.getLeft());
            return ExitCode.USAGE;
        }
        if ((confirmDeletes || discardDeletes) && (users.isEmpty() || (confirmDeletes && discardDeletes) || dryRun)) {
            System.err.println("--confirm-deletes and --discard-deletes are decisions about one user's held deletion: give --user, one of them, and no --dry-run");
            return ExitCode.USAGE;
        }
        try (Services services = parent.assemble(config.get())) {
            if (confirmDeletes || discardDeletes)
                return decide(services, List.ofAll(users).map(UserId::of), confirmDeletes ? RunOptions.HeldDecision.CONFIRM : RunOptions.HeldDecision.DISCARD, System.out);
            Seq<UserId> who = users.isEmpty() ? services.users() : List.ofAll(users).map(UserId::of);
            if (who.isEmpty()) {
                System.out.println("No users yet: link one with `gsync connect --user NAME`.");
                return ExitCode.OK;
            }
            return run(services, who, dryRun, System.out);
        }
    }

    /** Shows what was held, records the decision and syncs; the exit code is that of the sync. */
    static int decide(Services services, Seq<UserId> who, RunOptions.HeldDecision decision, PrintStream out) {
        Outcome worst = Outcome.OK;
        for (UserId user : who) {
            var held = services.userSync().heldDeletion(user);
            if (held.isEmpty()) {
                out.println("No deletion is held for " + user + ": nothing to " + (decision == RunOptions.HeldDecision.CONFIRM ? "confirm" : "discard") + ".");
                continue;
            }
            out.println((decision == RunOptions.HeldDecision.CONFIRM ? "Confirming" : "Discarding") + " the deletion held for " + user
                    + " since " + held.get().heldAt() + ": " + held.get().counts()
                    + (decision == RunOptions.HeldDecision.CONFIRM ? " (only these are deleted)" : " (the deleted items are restored from the other side)"));
            RunSummary run = services.userSync().decide(user, decision, "cli");
            worst = worst.worse(run.outcome());
            out.println(run.report());
            hint(run, out);
        }
        return worst.exitCode();
    }

    /** What to do about a held deletion or a busy user, after a report. */
    static void hint(RunSummary run, PrintStream out) {
        if (run.outcome() == Outcome.HELD)
            out.println("Deletions are held for " + run.user() + ": list them with `gsync status --user " + run.user()
                    + "`, then `gsync sync --user " + run.user() + " --confirm-deletes` or `--discard-deletes` (or use the settings page).");
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
                if (who.size() == 1 || dryRun) {
                    out.println(run.report());
                    hint(run, out);
                }
                else out.println(user + ": " + run.outcome() + (run.counts().isEmpty() ? "" : " – " + run.counts())
                        + (run.failures().isEmpty() ? "" : " – " + run.firstFailure()));
            }
        }
        return worst.exitCode();
    }
}
