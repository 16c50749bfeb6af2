package dev.gsync.app.cli;

import dev.gsync.app.ExitCode;
import dev.gsync.app.Services;
import dev.gsync.app.config.AppConfig;
import dev.gsync.app.config.ConfigKey;
import dev.gsync.app.push.PushSettings;
import dev.gsync.app.push.PushSetup;
import dev.gsync.app.schedule.UserSyncScheduler;
import dev.gsync.app.web.WebServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Web pages plus the periodic sync of every user, until stopped (SIGTERM / Ctrl-C). */
@Command(name = "serve", mixinStandardHelpOptions = true, footerHeading = "%nExamples:%n",
        footer = {"  gsync serve", "  gsync -c /etc/gsync/gsync.properties serve"},
        description = "Run the web pages and the periodic sync of every user until stopped.")
public final class ServeCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);
    /**
     * How long a stop signal waits for the closing: the running syncs get {@link UserSyncScheduler#STOP_WAIT}, the rest
     * a few seconds; below the unit's TimeoutStopSec=120, after which systemd kills (which the state store survives).
     */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(110);

    @ParentCommand GsyncCommand parent;

    @Override
    public Integer call() throws Exception {
        var loaded = parent.config();
        if (loaded.isLeft()) {
            System.err.println(loaded.getLeft());
            return ExitCode.USAGE;
        }
        AppConfig config = loaded.get();
        var linkKey = config.required(ConfigKey.WEB_LINK_KEY);
        if (linkKey.isLeft()) {
            System.err.println(linkKey.getLeft());
            return ExitCode.USAGE;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        try (Services services = parent.assemble(config);
             WebServer web = WebServer.of(services, linkKey.get(), config.get(ConfigKey.WEB_ADMIN_TOKEN))) {
            PushSetup push = PushSetup.of(services, PushSettings.from(config));
            try (UserSyncScheduler scheduler = new UserSyncScheduler(services.stateDataSource(), services.userSync(), services.store(),
                     instanceName(config), config.integer(ConfigKey.SCHEDULER_THREADS), config.duration(ConfigKey.SCHEDULER_INTERVAL),
                     config.duration(ConfigKey.SCHEDULER_RETRY), Duration.ofSeconds(1), push.cadence(),   // 1 s: a woken user waits at most that
                     push.maintenance(config.duration(ConfigKey.PUSH_MAINTAIN_EVERY)))) {
            push.attach(scheduler);
            web.addRoutes(push::routes);
            web.showSyncMode(push::modeOf);
            web.showPushStatus(push::status);
            web.start(config.get(ConfigKey.WEB_BIND), config.integer(ConfigKey.WEB_PORT), config.get(ConfigKey.WEB_BASE_URL));
            String pushState = push.settings().webhook().fold(why -> "off, polling (" + why + ")", url -> "notifications at " + url);
            log.info("push: {}", pushState);
            scheduler.start();
            scheduler.scheduleKnownUsers(services.store());
            // SIGTERM (systemctl stop) and SIGINT (Ctrl-C) only ask serve to stop, and it closes in order below: the
            // JVM's own handling would start its shutdown at once, and H2's shutdown hook would close the state file
            // under a sync still running (decision D37). Other ways to end the JVM keep the hook: it waits until the
            // scheduler (after its running syncs), the web server and the state store are closed, as the JVM ends
            // as soon as its hooks have returned.
            for (String signal : List.of("TERM", "INT")) {
                try {
                    sun.misc.Signal.handle(new sun.misc.Signal(signal), received -> stopped.countDown());
                } catch (IllegalArgumentException | UnsupportedOperationException notHere) {
                    log.debug("SIG{} left to the JVM: {}", signal, notHere.toString());
                }
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stopped.countDown();
                try {
                    if (!closed.await(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) log.warn("gsync serve did not close within {}; ending anyway", CLOSE_WAIT);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "gsync-shutdown"));
            log.info("serving as {}; admin page {}", instanceName(config), web.links().baseUrl() + "/admin");
            stopped.await();
            }
        } finally {
            log.info("gsync serve stopped");
            closed.countDown();
        }
        return ExitCode.OK;
    }

    static String instanceName(AppConfig config) {
        String name = config.get(ConfigKey.SCHEDULER_INSTANCE);
        if (!name.isBlank()) return name;
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "gsync-" + ProcessHandle.current().pid();
        }
    }
}
