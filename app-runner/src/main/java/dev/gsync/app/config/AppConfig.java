package dev.gsync.app.config;

import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import io.vavr.control.Try;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

/**
 * The runner's settings, resolved once: environment variable, else the properties file, else the default.
 * Secrets never come from the command line nor as plain values in the file: only from the environment
 * ({@code GSYNC_X}), a file named by the environment ({@code GSYNC_X_FILE}) or by the properties file
 * ({@code key.file}), so the file can be checked in and shown around.
 */
public final class AppConfig {
    public static final String DEFAULT_FILE = "gsync.properties";

    private final Map<ConfigKey, String> values;

    private AppConfig(Map<ConfigKey, String> values) {
        this.values = values;
    }

    /** Defaults with some keys set: for the demo and for tests, which make their secrets in-process. */
    public static AppConfig of(java.util.Map<ConfigKey, String> overrides) {
        Map<ConfigKey, String> all = LinkedHashMap.empty();
        for (ConfigKey key : ConfigKey.values()) all = all.put(key, overrides.getOrDefault(key, key.defaultValue()));
        return new AppConfig(all);
    }

    /**
     * Reads {@code file} (when it exists; a file named explicitly must exist) and the environment.
     * Left: every problem found, each naming its key.
     */
    public static Either<Seq<String>, AppConfig> load(Option<Path> file, boolean fileRequired, java.util.Map<String, String> env) {
        Properties props = new Properties();
        List<String> problems = List.empty();
        if (file.isDefined() && Files.isRegularFile(file.get())) {
            try (Reader in = Files.newBufferedReader(file.get(), StandardCharsets.UTF_8)) {
                props.load(in);
            } catch (IOException e) {
                return Either.left(List.of("cannot read " + file.get() + ": " + e.getMessage()));
            }
        } else if (fileRequired && file.isDefined()) {
            return Either.left(List.of("configuration file not found: " + file.get()));
        }
        for (String name : props.stringPropertyNames()) {
            String base = name.endsWith(".file") ? name.substring(0, name.length() - ".file".length()) : name;
            if (List.of(ConfigKey.values()).find(k -> k.key().equals(base)).isEmpty())
                problems = problems.append(name + ": unknown key (see docs/configuration.md)");
        }
        Map<ConfigKey, String> values = LinkedHashMap.empty();
        for (ConfigKey key : ConfigKey.values()) {
            Either<String, String> value = resolve(key, props, env);
            if (value.isLeft()) problems = problems.append(value.getLeft());
            else values = values.put(key, value.get());
        }
        problems = problems.appendAll(new AppConfig(values).check());
        return problems.isEmpty() ? Either.right(new AppConfig(values)) : Either.left(problems);
    }

    private static Either<String, String> resolve(ConfigKey key, Properties props, java.util.Map<String, String> env) {
        String envName = key.environmentVariable();
        if (env.containsKey(envName)) return Either.right(env.get(envName));
        if (key.secret()) {
            if (env.containsKey(envName + "_FILE")) return readSecret(key, Path.of(env.get(envName + "_FILE")));
            if (props.containsKey(key.key() + ".file")) return readSecret(key, Path.of(props.getProperty(key.key() + ".file")));
            if (props.containsKey(key.key()))
                return Either.left(key.key() + ": a secret is not read from the properties file; set " + envName
                        + ", " + envName + "_FILE or " + key.key() + ".file");
            return Either.right(key.defaultValue());
        }
        return Either.right(props.getProperty(key.key(), key.defaultValue()).strip());
    }

    private static Either<String, String> readSecret(ConfigKey key, Path file) {
        return Try.of(() -> Files.readString(file, StandardCharsets.UTF_8).strip()).toEither()
                .mapLeft(e -> key.key() + ": cannot read secret file " + file + " (" + e.getClass().getSimpleName() + ")");
    }

    private Seq<String> check() {
        List<String> problems = List.empty();
        if (!List.of("jdbc", "rest").contains(get(ConfigKey.CRM_ADAPTER)))
            problems = problems.append(ConfigKey.CRM_ADAPTER.key() + ": must be jdbc or rest, got '" + get(ConfigKey.CRM_ADAPTER) + "'");
        for (ConfigKey key : List.of(ConfigKey.WEB_PORT, ConfigKey.SCHEDULER_THREADS))
            if (Try.of(() -> Integer.parseInt(get(key))).filter(n -> n >= 0).isFailure())
                problems = problems.append(key.key() + ": expected a number, got '" + get(key) + "'");
        for (ConfigKey key : List.of(ConfigKey.SCHEDULER_INTERVAL, ConfigKey.SCHEDULER_RETRY, ConfigKey.WEB_LINK_TTL))
            if (Try.of(() -> Duration.parse(get(key))).filter(d -> !d.isNegative() && !d.isZero()).isFailure())
                problems = problems.append(key.key() + ": expected a positive ISO-8601 duration like PT15M or P30D, got '" + get(key) + "'");
        for (ConfigKey key : List.of(ConfigKey.SCHEDULER_PUSH_POLL_INTERVAL, ConfigKey.PUSH_CHANNEL_TTL, ConfigKey.PUSH_RENEW_BEFORE,
                ConfigKey.PUSH_DEBOUNCE, ConfigKey.PUSH_CONFIRM_WITHIN, ConfigKey.PUSH_MAINTAIN_EVERY, ConfigKey.SCHEDULER_CRM_INTERVAL))
            if (!(key == ConfigKey.SCHEDULER_CRM_INTERVAL && get(key).isBlank())
                    && Try.of(() -> Duration.parse(get(key))).filter(d -> !d.isNegative() && !d.isZero()).isFailure())
                problems = problems.append(key.key() + ": expected a positive ISO-8601 duration like PT15M, got '" + get(key) + "'");
        for (ConfigKey key : List.of(ConfigKey.PUSH_ENABLED, ConfigKey.PUSH_ALLOW_HTTP))
            if (!List.of("true", "false").contains(get(key)))
                problems = problems.append(key.key() + ": expected true or false, got '" + get(key) + "'");
        for (ConfigKey key : List.of(ConfigKey.SYNC_ZONE, ConfigKey.CRM_ZONE))
            if (Try.of(() -> java.time.ZoneId.of(get(key))).isFailure())
                problems = problems.append(key.key() + ": unknown time zone '" + get(key) + "'");
        String keys = get(ConfigKey.CRM_REST_KEYS);
        if (!(keys.equals("env") || keys.equals("store") || keys.startsWith("dir:")))
            problems = problems.append(ConfigKey.CRM_REST_KEYS.key() + ": must be env, store or dir:<path>, got '" + keys + "'");
        return problems;
    }

    public String get(ConfigKey key) {
        return values.get(key).getOrElse(key.defaultValue());
    }

    /** The value, or a message naming the key when it is empty: for settings a command cannot do without. */
    public Either<String, String> required(ConfigKey key) {
        String value = get(key);
        return value.isBlank()
                ? Either.left(key.key() + " is not set (environment " + key.environmentVariable() + (key.secret() ? " or " + key.environmentVariable() + "_FILE" : "") + ")")
                : Either.right(value);
    }

    public int integer(ConfigKey key) {
        return Integer.parseInt(get(key));
    }

    public Duration duration(ConfigKey key) {
        return Duration.parse(get(key));
    }

    public AppConfig with(ConfigKey key, String value) {
        return new AppConfig(values.put(key, value));
    }

    /** For logs: secrets masked. */
    @Override
    public String toString() {
        return values.map(kv -> kv._1.key() + "=" + (kv._1.secret() && !kv._2.isEmpty() ? "***" : kv._2)).mkString(", ");
    }
}
