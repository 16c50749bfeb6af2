package dev.gsync.app;

import dev.gsync.app.cli.ConfigProblem;
import dev.gsync.app.config.AppConfig;

/**
 * The one place that chooses adapters: CRM over JDBC or REST, state on H2 or MariaDB, Google. Builds the Guice
 * injector once and hands out the {@link Services}.
 */
public final class Assembly {
    private Assembly() {}

    public static Services production(AppConfig config) {
        throw new ConfigProblem("this build has no adapters wired yet");
    }
}
