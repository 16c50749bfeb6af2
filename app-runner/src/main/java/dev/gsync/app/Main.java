package dev.gsync.app;

import dev.gsync.app.cli.GsyncCommand;
import picocli.CommandLine;

/** The gsync command. Only here: parse, assemble through {@link Assembly}, exit with the command's code. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(commandLine(System.getenv()).execute(args));
    }

    public static CommandLine commandLine(java.util.Map<String, String> env) {
        CommandLine cli = new CommandLine(new GsyncCommand(Assembly::production, env));
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            if (e instanceof dev.gsync.app.cli.ConfigProblem) {
                commandLine.getErr().println(e.getMessage());
                return ExitCode.USAGE;
            }
            org.slf4j.LoggerFactory.getLogger(Main.class).error("gsync failed", e);
            commandLine.getErr().println("gsync failed: " + e);
            return ExitCode.INTERNAL_ERROR;
        });
        return cli;
    }
}
