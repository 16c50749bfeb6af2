package dev.gsync.app.cli;

import dev.gsync.app.ExitCode;
import dev.gsync.app.Services;
import dev.gsync.core.model.UserId;
import io.vavr.collection.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

/** Per user: linked, last sync and its counts, last problem. */
@Command(name = "status", mixinStandardHelpOptions = true, footerHeading = "%nExamples:%n",
        footer = {"  gsync status", "  gsync status --user alice"},
        description = "Show per user: linked or not, last sync, its counts, the last error.")
public final class StatusCommand implements Callable<Integer> {
    @ParentCommand GsyncCommand parent;

    @Option(names = {"-u", "--user"}, paramLabel = "USER", description = "Only this user.")
    String user;

    @Override
    public Integer call() throws Exception {
        var config = parent.config();
        if (config.isLeft()) {
            System.err.println(config.getLeft());
            return ExitCode.USAGE;
        }
        try (Services services = parent.assemble(config.get())) {
            var who = user == null ? services.users() : List.of(UserId.of(user));
            if (who.isEmpty()) System.out.println("No users yet.");
            for (UserId u : who) {
                var last = services.runLog().last(u);
                var problem = services.runLog().lastProblem(u);
                System.out.println(u);
                System.out.println("  linked:      " + (services.accounts().isLinked(u) ? "yes" : "no"));
                System.out.println("  last sync:   " + last.map(r -> r.finished() + " " + r.outcome() + (r.dryRun() ? " (dry run)" : "")).getOrElse("never"));
                System.out.println("  counts:      " + last.map(r -> r.counts().isEmpty() ? "-" : r.counts()).getOrElse("-"));
                System.out.println("  last error:  " + problem.map(r -> r.finished() + " " + r.firstFailure()).getOrElse("none"));
            }
            return ExitCode.OK;
        }
    }
}
