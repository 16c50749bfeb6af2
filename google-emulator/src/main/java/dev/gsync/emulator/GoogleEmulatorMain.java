package dev.gsync.emulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the emulator on its own so gsync can be tried end to end without a Google account:
 * {@code java -cp ... dev.gsync.emulator.GoogleEmulatorMain --port 8085 [--user ann@example.com] [--auto-approve]}.
 */
public final class GoogleEmulatorMain {
    private static final String USAGE = """
            usage: GoogleEmulatorMain [--host 127.0.0.1] [--port 8085] [--user EMAIL]... [--auto-approve]
                                      [--user-quota N] [--project-quota N] [--quota-status 403|429]
                                      [--batch-limit N] [--access-token-ttl SECONDS] [--sync-token-max-age SECONDS]""";

    private GoogleEmulatorMain() {}

    public static void main(String[] args) throws InterruptedException {
        GoogleEmulator emulator;
        try {
            emulator = launch(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        if (emulator == null) {
            System.out.println(USAGE);
            return;
        }
        System.out.println("Google emulator on " + emulator.rootUrl() + " (token URL " + emulator.tokenUrl()
                + ", authorize URL " + emulator.authorizeUrl() + ", admin " + emulator.rootUrl() + "emulator)");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.stop();
            stopped.countDown();
        }));
        stopped.await();
    }

    /** Starts an emulator as the options say; null for --help. Bad options throw IllegalArgumentException. */
    static GoogleEmulator launch(String[] args) {
        EmulatorSettings settings = EmulatorSettings.defaults().port(8085);
        List<String> users = new ArrayList<>();
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--host" -> settings.host(args[++i]);
                    case "--port" -> settings.port(Integer.parseInt(args[++i]));
                    case "--user" -> users.add(args[++i]);
                    case "--auto-approve" -> settings.autoApprove(true);
                    case "--user-quota" -> settings.userRequestsPerMinute(Integer.parseInt(args[++i]));
                    case "--project-quota" -> settings.projectRequestsPerMinute(Integer.parseInt(args[++i]));
                    case "--quota-status" -> settings.quotaErrorStatus(Integer.parseInt(args[++i]));
                    case "--batch-limit" -> settings.batchLimit(Integer.parseInt(args[++i]));
                    case "--access-token-ttl" -> settings.accessTokenTtl(Duration.ofSeconds(Long.parseLong(args[++i])));
                    case "--sync-token-max-age" -> settings.syncTokenMaxAge(Duration.ofSeconds(Long.parseLong(args[++i])));
                    case "--help", "-h" -> {
                        return null;
                    }
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
        } catch (ArrayIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("option " + args[args.length - 1] + " needs a value");
        }
        GoogleEmulator emulator = GoogleEmulator.start(settings);
        users.forEach(emulator::user);
        return emulator;
    }
}
