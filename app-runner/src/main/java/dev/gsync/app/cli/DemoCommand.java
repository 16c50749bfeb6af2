package dev.gsync.app.cli;

import dev.gsync.app.demo.Demo;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** See {@link Demo}. Exit code: the demo sync's outcome. */
@Command(name = "demo", description = "Start a Google emulator and a sample vtiger database (H2), link a demo user through OAuth, sync both ways, print the report.")
public final class DemoCommand implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
        return Demo.run(System.out).exitCode();
    }
}
