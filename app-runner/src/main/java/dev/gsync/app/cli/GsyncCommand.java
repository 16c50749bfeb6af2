package dev.gsync.app.cli;

import dev.gsync.app.Services;
import dev.gsync.app.config.AppConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

/** The top command: global options, and the way subcommands get the assembled services. */
@Command(name = "gsync", mixinStandardHelpOptions = true, version = "gsync 0.1.0",
        description = "Keeps each CRM user's calendar and to-dos in sync with their Google Calendar and Google Tasks.",
        subcommands = {DemoCommand.class, SyncCommand.class, ServeCommand.class, UsersCommand.class, StatusCommand.class,
                ConnectCommand.class, SettingsCommand.class, ReportCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {"  gsync demo                      # try everything on embedded defaults", "  gsync connect --user alice",
                "  gsync sync --user alice --dry-run", "  gsync report --user alice", "  gsync <command> --help"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done, every item synced", "1:internal error (see the log)", "2:bad arguments or configuration",
                "3:synced, some items failed (retried next run)", "4:a user has not linked Google (or must re-link)",
                "5:a sync could not run (CRM or Google unreachable, quota)",
                "6:synced, but a mass deletion is held for the user to confirm or discard",
                "7:another gsync process is syncing the user right now; nothing was done"})
public final class GsyncCommand {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Properties file (default: ./gsync.properties if it exists). Environment variables GSYNC_* override it.")
    Path config;

    private final Function<AppConfig, Services> assembler;
    private final Map<String, String> env;

    public GsyncCommand(Function<AppConfig, Services> assembler, Map<String, String> env) {
        this.assembler = assembler;
        this.env = env;
    }

    /** Left: the configuration problems, to print before exiting with {@code USAGE}. */
    io.vavr.control.Either<String, AppConfig> config() {
        return AppConfig.load(io.vavr.control.Option.of(config).orElse(io.vavr.control.Option.some(Path.of(AppConfig.DEFAULT_FILE))), config != null, env)
                .mapLeft(problems -> "configuration problems:\n  " + problems.mkString("\n  "));
    }

    Services assemble(AppConfig config) {
        return assembler.apply(config);
    }

    Map<String, String> env() {
        return env;
    }
}
