package dev.gsync.app.cli;

import dev.gsync.app.ExitCode;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** See {@link dev.gsync.app.demo.Demo}. */
@Command(name = "demo", description = "Start a Google emulator and a sample vtiger database, link a demo user through OAuth, sync both ways, print the report.")
public final class DemoCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("demo: not available yet in this build (waits for the emulator and the adapters)");
        return ExitCode.INTERNAL_ERROR;
    }
}
