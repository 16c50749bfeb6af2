package dev.gsync.state;

import io.vavr.collection.HashMap;
import io.vavr.collection.Map;
import io.vavr.control.Either;

/**
 * The databases the state tables are written for. The one migration script is shared; the few type and table
 * options that differ reach it as Flyway placeholders.
 */
enum Dialect {
    H2("org.h2.Driver", "CHARACTER VARYING(1000000)", ""),
    // vtiger databases are often utf8mb3 with case-insensitive collations: our tables pick their own, binary and
    // NO PAD, so ids compare exactly as Java compares them ("a" and "A " are different ids).
    MARIADB("org.mariadb.jdbc.Driver", "MEDIUMTEXT", " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin"),
    MYSQL("com.mysql.cj.jdbc.Driver", "MEDIUMTEXT", " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_bin"),
    POSTGRESQL("org.postgresql.Driver", "TEXT", "");

    final String driverClass;
    private final String longText;
    private final String tableOptions;

    Dialect(String driverClass, String longText, String tableOptions) {
        this.driverClass = driverClass;
        this.longText = longText;
        this.tableOptions = tableOptions;
    }

    static Either<String, Dialect> ofJdbcUrl(String url) {
        if (url.startsWith("jdbc:h2:")) return Either.right(H2);
        if (url.startsWith("jdbc:mariadb:")) return Either.right(MARIADB);
        if (url.startsWith("jdbc:mysql:")) return Either.right(MYSQL);
        if (url.startsWith("jdbc:postgresql:")) return Either.right(POSTGRESQL);
        return Either.left("jdbcUrl: unsupported database '" + url.replaceAll("[?;].*", "")
                + "' (use jdbc:h2:, jdbc:mariadb:, jdbc:mysql: or jdbc:postgresql:)");
    }

    /**
     * The URL gsync connects with; H2 gets two settings unless the URL names them (decision D26).
     * WRITE_DELAY=0: H2 keeps commits in memory for up to 500 ms before writing them to its file, so a killed process
     * would lose saves that had already returned; 0 writes at every commit.
     * MAX_COMPACT_TIME=0: no compaction when the database closes. That compaction moves chunks inside the file, and
     * H2 2.3.232 has open reports of files losing chunks to it (h2database #4123, #4247); the file is still
     * compacted while open (background housekeeping). MAX_COMPACT_TIME is read when the database opens, so every
     * connection to the file must use this URL (the runner's own pool does, see RunnerDatabase).
     */
    String connectionUrl(String url) {
        if (this != H2) return url;
        String upper = url.toUpperCase(java.util.Locale.ROOT);
        String result = url;
        if (!upper.contains("WRITE_DELAY")) result += ";WRITE_DELAY=0";
        if (!upper.contains("MAX_COMPACT_TIME")) result += ";MAX_COMPACT_TIME=0";
        return result;
    }

    Map<String, String> placeholders(String tablePrefix) {
        return HashMap.of("prefix", tablePrefix, "longText", longText, "tableOptions", tableOptions);
    }
}
