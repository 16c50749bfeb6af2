package dev.gsync.state;

import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import io.vavr.control.Try;
import io.vavr.control.Validation;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where and how the sync state is kept. Build it with {@link #load}, which reads the {@code gsync.state.*} keys
 * (secrets preferably from the environment or a file) and names every problem at once.
 *
 * @param secretKey base64 of a 256-bit AES key; without it the credential store refuses to save secrets
 */
public record StateConfig(
        String jdbcUrl,
        String user,
        String password,
        String tablePrefix,
        Option<String> secretKey,
        RunRetention retention,
        int maxConnections) {

    public static final String DEFAULT_URL = "jdbc:h2:file:./gsync-data/state";
    public static final String DEFAULT_PREFIX = "gsync_";
    public static final String SECRET_KEY_ENV = "GSYNC_SECRET_KEY";
    public static final String PASSWORD_ENV = "GSYNC_STATE_PASSWORD";

    // letters, digits and '_' only: the prefix is pasted into SQL, and 20 characters keep index names short
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,19}");

    public StateConfig {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(tablePrefix, "tablePrefix");
        Objects.requireNonNull(secretKey, "secretKey");
        Objects.requireNonNull(retention, "retention");
        if (!PREFIX.matcher(tablePrefix).matches()) throw new IllegalArgumentException("bad table prefix '" + tablePrefix + "'");
        if (maxConnections < 1) throw new IllegalArgumentException("maxConnections must be 1 or more");
    }

    /** An embedded H2 database in {@code ./gsync-data}, default prefix and retention, key from the environment. */
    public static StateConfig embeddedDefault(java.util.Map<String, String> env) {
        return new StateConfig(DEFAULT_URL, "sa", "", DEFAULT_PREFIX, Option.of(env.get(SECRET_KEY_ENV)),
                RunRetention.DEFAULT, 4);
    }

    public StateConfig withTablePrefix(String prefix) {
        return new StateConfig(jdbcUrl, user, password, prefix, secretKey, retention, maxConnections);
    }

    public StateConfig withSecretKey(Option<String> key) {
        return new StateConfig(jdbcUrl, user, password, tablePrefix, key, retention, maxConnections);
    }

    public StateConfig withRetention(RunRetention v) {
        return new StateConfig(jdbcUrl, user, password, tablePrefix, secretKey, v, maxConnections);
    }

    /**
     * Reads {@code gsync.state.jdbc-url, user, password-file, table-prefix, secret-key, secret-key-file,
     * keep-runs-per-user, keep-run-days, max-connections}. The password comes from {@code password-file}, else
     * the environment variable GSYNC_STATE_PASSWORD, else {@code password}; the key from {@code secret-key-file},
     * else GSYNC_SECRET_KEY, else {@code secret-key}. A limit of 0 means "no limit".
     */
    public static Validation<Seq<String>, StateConfig> load(Map<String, String> properties, Map<String, String> env) {
        String url = properties.get("gsync.state.jdbc-url").getOrElse(DEFAULT_URL).strip();
        String user = properties.get("gsync.state.user").getOrElse(url.startsWith("jdbc:h2:") ? "sa" : "").strip();
        String prefix = properties.get("gsync.state.table-prefix").getOrElse(DEFAULT_PREFIX).strip();
        Either<String, String> password = secret(properties, env, "gsync.state.password-file", PASSWORD_ENV, "gsync.state.password")
                .map(p -> p.getOrElse(""));
        Either<String, Option<String>> key = secret(properties, env, "gsync.state.secret-key-file", SECRET_KEY_ENV, "gsync.state.secret-key")
                .flatMap(k -> k.isEmpty() ? Either.right(k) : SecretCipher.of(k.get()).map(ok -> k));
        Either<String, Integer> keepRuns = count(properties, "gsync.state.keep-runs-per-user", 200);
        Either<String, Integer> keepDays = count(properties, "gsync.state.keep-run-days", 90);
        Either<String, Integer> connections = count(properties, "gsync.state.max-connections", 4)
                .filterOrElse(n -> n > 0, n -> "gsync.state.max-connections: must be 1 or more");

        List<String> problems = List.<Either<String, ?>>of(password, key, keepRuns, keepDays, connections)
                .filter(Either::isLeft).map(Either::getLeft);
        if (Dialect.ofJdbcUrl(url).isLeft()) problems = problems.append("gsync.state." + Dialect.ofJdbcUrl(url).getLeft());
        if (!PREFIX.matcher(prefix).matches()) {
            problems = problems.append("gsync.state.table-prefix: letters, digits and _ only, starting with a letter, at most 20, got '" + prefix + "'");
        }
        if (!problems.isEmpty()) return Validation.invalid(problems);
        RunRetention retention = new RunRetention(
                Option.of(keepRuns.get()).filter(n -> n > 0),
                Option.of(keepDays.get()).filter(n -> n > 0).map(Duration::ofDays));
        return Validation.valid(new StateConfig(url, user, password.get(), prefix, key.get(), retention, connections.get()));
    }

    private static Either<String, Option<String>> secret(Map<String, String> properties, Map<String, String> env,
                                                         String fileKey, String envName, String valueKey) {
        Option<String> file = properties.get(fileKey).map(String::strip).filter(f -> !f.isEmpty());
        if (file.isDefined()) {
            return Try.of(() -> Files.readString(Path.of(file.get()), StandardCharsets.UTF_8).strip())
                    .toEither().<Option<String>>map(Option::some)
                    .mapLeft(e -> fileKey + ": cannot read " + file.get() + " (" + e.getClass().getSimpleName() + ")");
        }
        return Either.right(env.get(envName).orElse(properties.get(valueKey)).filter(v -> !v.isBlank()));
    }

    private static Either<String, Integer> count(Map<String, String> properties, String key, int fallback) {
        Option<String> text = properties.get(key).map(String::strip);
        if (text.isEmpty()) return Either.right(fallback);
        return Try.of(() -> Integer.parseInt(text.get())).toEither()
                .mapLeft(e -> key + ": expected a whole number, got '" + text.get() + "'")
                .filterOrElse(n -> n >= 0, n -> key + ": must be 0 or more, got " + n);
    }

    /** Never prints the password or the key. */
    @Override
    public String toString() {
        return "StateConfig[jdbcUrl=" + jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***") + ", user=" + user + ", password=" + (password.isEmpty() ? "(none)" : "***")
                + ", tablePrefix=" + tablePrefix + ", secretKey=" + (secretKey.isDefined() ? "***" : "(none)")
                + ", retention=" + retention + ", maxConnections=" + maxConnections + "]";
    }
}
