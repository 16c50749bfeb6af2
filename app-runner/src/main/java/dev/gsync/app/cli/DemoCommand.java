package dev.gsync.app.cli;

import dev.gsync.app.demo.Demo;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** See {@link Demo}. Exit code: the demo sync's outcome. */
@Command(name = "demo", mixinStandardHelpOptions = true, footerHeading = "%nExamples:%n",
        footer = {"  gsync demo", "  GSYNC_LOG_LEVEL=INFO gsync demo   # with the logs"},
        description = "Start a Google emulator and a sample vtiger database (H2), link a demo user through OAuth, sync both ways, print the report.")
public final class DemoCommand implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
        // the demo tells its own story on stdout; its logs would repeat it, so only warnings unless asked for
        if (System.getenv("GSYNC_LOG_LEVEL") == null)
            ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("dev.gsync")).setLevel(ch.qos.logback.classic.Level.WARN);
        return Demo.run(System.out).exitCode();
    }
}
