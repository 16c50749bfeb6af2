package dev.gsync.app.cli;

import dev.gsync.app.ExitCode;
import dev.gsync.app.Services;
import dev.gsync.core.model.UserId;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

/** One line per known user: linked or not, last sync. Tab separated, for scripts. */
@Command(name = "users", mixinStandardHelpOptions = true, footerHeading = "%nExamples:%n",
        footer = {"  gsync users", "  gsync users | awk -F'\\t' '$2 == \"no\"'   # who has not linked Google"},
        description = "List known users: USER, LINKED (yes/no), LAST_SYNC, LAST_OUTCOME (tab separated).")
public final class UsersCommand implements Callable<Integer> {
    @ParentCommand GsyncCommand parent;

    @Override
    public Integer call() throws Exception {
        var config = parent.config();
        if (config.isLeft()) {
            System.err.println(config.getLeft());
            return ExitCode.USAGE;
        }
        try (Services services = parent.assemble(config.get())) {
            System.out.println("USER\tLINKED\tLAST_SYNC\tLAST_OUTCOME");
            for (UserId user : services.users()) {
                var last = services.runLog().last(user);
                System.out.println(user + "\t" + (services.accounts().isLinked(user) ? "yes" : "no") + "\t"
                        + last.map(r -> r.finished().toString()).getOrElse("never") + "\t"
                        + last.map(r -> r.outcome().name()).getOrElse("-"));
            }
            return ExitCode.OK;
        }
    }
}
