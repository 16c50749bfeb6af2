package dev.gsync.app.cli;

import dev.gsync.app.ExitCode;
import dev.gsync.app.Services;
import dev.gsync.core.model.UserId;
import dev.gsync.core.port.HeldDeletion;
import io.vavr.collection.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

/** Per user: linked, last sync and its counts, last problem, sync mode (push or polling), a held deletion. */
@Command(name = "status", mixinStandardHelpOptions = true, footerHeading = "%nExamples:%n",
        footer = {"  gsync status", "  gsync status --user alice"},
        description = "Show per user: linked or not, last sync, its counts, the last error, push or polling, a held deletion.")
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
            var push = new dev.gsync.app.push.PushStore(services.stateDataSource());
            for (UserId u : who) {
                var last = services.runLog().last(u);
                var problem = services.runLog().lastProblem(u);
                System.out.println(u);
                System.out.println("  linked:      " + (services.accounts().isLinked(u) ? "yes" : "no"));
                System.out.println("  last sync:   " + last.map(r -> r.finished() + " " + r.outcome() + (r.dryRun() ? " (dry run)" : "")).getOrElse("never"));
                System.out.println("  counts:      " + last.map(r -> r.counts().isEmpty() ? "-" : r.counts()).getOrElse("-"));
                System.out.println("  last error:  " + problem.map(r -> r.finished() + " " + r.firstFailure()).getOrElse("none"));
                System.out.println("  sync mode:   " + push.user(u).map(p -> p.mode().name().toLowerCase(java.util.Locale.ROOT)
                        + " – " + p.reason()).getOrElse("polling (gsync serve has not set up push for this user)"));
                System.out.print(held(services.userSync().heldDeletion(u), u));
            }
            return ExitCode.OK;
        }
    }

    /** The held deletion, item by item (the first {@value #ITEMS_SHOWN}), and how to decide on it. */
    static String held(io.vavr.control.Option<HeldDeletion> held, UserId user) {
        if (held.isEmpty()) return "  held:        none\n";
        HeldDeletion h = held.get();
        StringBuilder b = new StringBuilder("  held:        " + h.items().size() + " deletion(s) (" + h.counts() + ") since " + h.heldAt() + ": " + h.reason() + "\n");
        h.items().take(ITEMS_SHOWN).forEach(i -> b.append("    ").append(i).append("\n"));
        if (h.items().size() > ITEMS_SHOWN) b.append("    … and ").append(h.items().size() - ITEMS_SHOWN).append(" more\n");
        b.append("  decide:      gsync sync --user ").append(user).append(" --confirm-deletes   (or --discard-deletes: restore them)\n");
        return b.toString();
    }

    static final int ITEMS_SHOWN = 50;
}
