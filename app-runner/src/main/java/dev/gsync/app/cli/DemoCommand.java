package dev.gsync.app.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** Waits for the vtiger JDBC adapter. */
@Command(name = "demo", description = "Start a Google emulator and a sample vtiger database (H2), link a demo user through OAuth, sync both ways, print the report.")
public final class DemoCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("demo: needs the vtiger JDBC adapter, not in this build yet");
        return 1;
    }
}
