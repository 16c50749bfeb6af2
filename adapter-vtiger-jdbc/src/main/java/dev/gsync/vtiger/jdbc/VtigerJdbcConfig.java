package dev.gsync.vtiger.jdbc;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Settings of the vtiger database adapter. See docs/vtiger-jdbc.md for the matching configuration keys.
 *
 * @param dbZone             the vtiger server's PHP default time zone ($default_timezone): the zone of every stored
 *                           date and time. It is stored nowhere in the database, so it must be configured (UTC in a
 *                           standard install)
 * @param tablePrefix        prefix of the tables gsync adds to the vtiger database (idempotency keys)
 * @param pageSize           rows per change-feed page
 * @param overlap            how far back each change-feed pass re-reads, to catch rows written later in the same second
 *                           and rows committed late by a slower transaction (vtiger stamps modifiedtime before commit)
 * @param reconcileEveryRuns every Nth completed feed pass is followed by a full listing that catches direct database
 *                           edits which did not touch modifiedtime; 0 turns it off
 * @param nonBmp             what to do with characters outside the BMP (emoji), which utf8mb3 columns cannot hold
 * @param eventType          activitytype given to events gsync creates ('Meeting', as vtiger's own Google sync does)
 * @param source             vtiger_crmentity.source of records gsync creates (vtiger uses upper-case origins)
 */
public record VtigerJdbcConfig(
        String jdbcUrl,
        String dbUser,
        String dbPassword,
        ZoneId dbZone,
        String tablePrefix,
        int pageSize,
        Duration overlap,
        int reconcileEveryRuns,
        NonBmpPolicy nonBmp,
        String eventType,
        String source) {

    /** utf8mb3 columns store a 4-byte character as '?' without an error, so gsync decides before writing. */
    public enum NonBmpPolicy {
        /** Each character outside the BMP becomes U+FFFD (the replacement character). The default. */
        REPLACE,
        /** A write carrying such a character is refused as CalendarFailure.Rejected. */
        REJECT,
        /** Written unchanged: only for databases whose calendar tables were converted to utf8mb4. */
        KEEP
    }

    public VtigerJdbcConfig {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(dbUser, "dbUser");
        Objects.requireNonNull(dbPassword, "dbPassword");
        Objects.requireNonNull(dbZone, "dbZone");
        Objects.requireNonNull(tablePrefix, "tablePrefix");
        Objects.requireNonNull(overlap, "overlap");
        Objects.requireNonNull(nonBmp, "nonBmp");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(source, "source");
        if (!tablePrefix.matches("[A-Za-z0-9_]{1,20}")) throw new IllegalArgumentException("table prefix must be 1-20 letters, digits or _: " + tablePrefix);
        if (pageSize < 1 || pageSize > 10_000) throw new IllegalArgumentException("pageSize must be 1..10000: " + pageSize);
        if (overlap.isNegative()) throw new IllegalArgumentException("negative overlap: " + overlap);
        if (reconcileEveryRuns < 0) throw new IllegalArgumentException("reconcileEveryRuns must be 0 or more");
        if ("Task".equals(eventType) || "Emails".equals(eventType)) throw new IllegalArgumentException("eventType must be an event type, not " + eventType);
    }

    public static VtigerJdbcConfig of(String jdbcUrl, String dbUser, String dbPassword) {
        return new VtigerJdbcConfig(jdbcUrl, dbUser, dbPassword, ZoneId.of("UTC"), "gsync_", 200, Duration.ofMinutes(2),
                96, NonBmpPolicy.REPLACE, "Meeting", "GSYNC");
    }

    /**
     * Reads the keys of docs/vtiger-jdbc.md ({@code <prefix>url}, {@code <prefix>dbZone}, ...); Left names every problem.
     */
    public static io.vavr.control.Either<io.vavr.collection.Seq<String>, VtigerJdbcConfig> fromProperties(java.util.Properties p, String prefix) {
        io.vavr.collection.List<String> problems = io.vavr.collection.List.empty();
        String url = p.getProperty(prefix + "url", "").strip();
        String user = p.getProperty(prefix + "user", "").strip();
        if (url.isEmpty()) problems = problems.append(prefix + "url: required");
        if (user.isEmpty()) problems = problems.append(prefix + "user: required");
        io.vavr.control.Try<ZoneId> zone = io.vavr.control.Try.of(() -> ZoneId.of(p.getProperty(prefix + "dbZone", "UTC").strip()));
        if (zone.isFailure()) problems = problems.append(prefix + "dbZone: unknown time zone '" + p.getProperty(prefix + "dbZone") + "'");
        io.vavr.control.Try<Integer> page = io.vavr.control.Try.of(() -> Integer.parseInt(p.getProperty(prefix + "pageSize", "200").strip()));
        if (page.isFailure()) problems = problems.append(prefix + "pageSize: not a number");
        io.vavr.control.Try<Long> overlap = io.vavr.control.Try.of(() -> Long.parseLong(p.getProperty(prefix + "overlapSeconds", "120").strip()));
        if (overlap.isFailure()) problems = problems.append(prefix + "overlapSeconds: not a number");
        io.vavr.control.Try<Integer> reconcile = io.vavr.control.Try.of(() -> Integer.parseInt(p.getProperty(prefix + "reconcileEveryRuns", "96").strip()));
        if (reconcile.isFailure()) problems = problems.append(prefix + "reconcileEveryRuns: not a number");
        io.vavr.control.Try<NonBmpPolicy> nonBmp = io.vavr.control.Try.of(() -> NonBmpPolicy.valueOf(p.getProperty(prefix + "nonBmp", "REPLACE").strip().toUpperCase(java.util.Locale.ROOT)));
        if (nonBmp.isFailure()) problems = problems.append(prefix + "nonBmp: one of REPLACE, REJECT, KEEP");
        if (!problems.isEmpty()) return io.vavr.control.Either.left(problems);
        io.vavr.collection.List<String> none = problems;
        return io.vavr.control.Try.of(() -> new VtigerJdbcConfig(url, user, p.getProperty(prefix + "password", ""), zone.get(),
                        p.getProperty(prefix + "tablePrefix", "gsync_").strip(), page.get(), Duration.ofSeconds(overlap.get()), reconcile.get(),
                        nonBmp.get(), p.getProperty(prefix + "eventType", "Meeting").strip(), p.getProperty(prefix + "source", "GSYNC").strip()))
                .toEither().mapLeft(e -> (io.vavr.collection.Seq<String>) none.append(e.getMessage()));
    }

    public VtigerJdbcConfig withDbZone(ZoneId v) { return new VtigerJdbcConfig(jdbcUrl, dbUser, dbPassword, v, tablePrefix, pageSize, overlap, reconcileEveryRuns, nonBmp, eventType, source); }
    public VtigerJdbcConfig withTablePrefix(String v) { return new VtigerJdbcConfig(jdbcUrl, dbUser, dbPassword, dbZone, v, pageSize, overlap, reconcileEveryRuns, nonBmp, eventType, source); }
    public VtigerJdbcConfig withPageSize(int v) { return new VtigerJdbcConfig(jdbcUrl, dbUser, dbPassword, dbZone, tablePrefix, v, overlap, reconcileEveryRuns, nonBmp, eventType, source); }
    public VtigerJdbcConfig withOverlap(Duration v) { return new VtigerJdbcConfig(jdbcUrl, dbUser, dbPassword, dbZone, tablePrefix, pageSize, v, reconcileEveryRuns, nonBmp, eventType, source); }
    public VtigerJdbcConfig withReconcileEveryRuns(int v) { return new VtigerJdbcConfig(jdbcUrl, dbUser, dbPassword, dbZone, tablePrefix, pageSize, overlap, v, nonBmp, eventType, source); }
    public VtigerJdbcConfig withNonBmp(NonBmpPolicy v) { return new VtigerJdbcConfig(jdbcUrl, dbUser, dbPassword, dbZone, tablePrefix, pageSize, overlap, reconcileEveryRuns, v, eventType, source); }

    /** H2 (MODE=MySQL) has no LAST_INSERT_ID(expr); everything else is assumed to be MySQL or MariaDB. */
    boolean isH2() {
        return jdbcUrl.startsWith("jdbc:h2:");
    }

    /** Name of gsync's idempotency table: key -> crmid, written in the same transaction as the record. */
    String keysTable() {
        return tablePrefix + "vtiger_keys";
    }

    /** Name of the optional index gsync may add to vtiger_crmentity for the change feed. */
    String feedIndex() {
        return tablePrefix + "crmentity_feed_idx";
    }
}
