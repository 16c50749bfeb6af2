package dev.gsync.vtiger.rest;

import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;

import dev.gsync.vtiger.mapping.NonBmpPolicy;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Where the vtiger webservice is and how to talk to it; the same for every user of that installation.
 *
 * @param endpoint            the full URL of webservice.php
 * @param dbZone              vtiger's $default_timezone: the zone its stored dates and times are in (UTC as shipped)
 * @param attempts            tries per call on transient failures (connection errors, 5xx), at least 1
 * @param backoff             wait before the second try; doubles for each further one
 */
public record VtigerRestSettings(
        URI endpoint,
        ZoneId dbZone,
        Duration connectTimeout,
        Duration readTimeout,
        int attempts,
        Duration backoff,
        NonBmpPolicy nonBmp) {

    public VtigerRestSettings {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(dbZone, "dbZone");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(nonBmp, "nonBmp");
    }

    public static VtigerRestSettings defaults(URI endpoint) {
        return new VtigerRestSettings(endpoint, ZoneId.of("UTC"), Duration.ofSeconds(10), Duration.ofSeconds(60),
                4, Duration.ofMillis(500), NonBmpPolicy.REPLACE);
    }

    public VtigerRestSettings withDbZone(ZoneId v) { return new VtigerRestSettings(endpoint, v, connectTimeout, readTimeout, attempts, backoff, nonBmp); }
    public VtigerRestSettings withTimeouts(Duration connect, Duration read) { return new VtigerRestSettings(endpoint, dbZone, connect, read, attempts, backoff, nonBmp); }
    public VtigerRestSettings withRetries(int tries, Duration firstBackoff) { return new VtigerRestSettings(endpoint, dbZone, connectTimeout, readTimeout, tries, firstBackoff, nonBmp); }
    public VtigerRestSettings withNonBmp(NonBmpPolicy v) { return new VtigerRestSettings(endpoint, dbZone, connectTimeout, readTimeout, attempts, backoff, v); }

    /** Checks every field and names every problem at once. */
    public static Validation<Seq<String>, VtigerRestSettings> validate(VtigerRestSettings s) {
        List<String> problems = List.empty();
        String scheme = s.endpoint().getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme)) problems = problems.append("endpoint: http(s) URL of webservice.php expected, got " + s.endpoint());
        if (s.connectTimeout().isNegative() || s.connectTimeout().isZero()) problems = problems.append("connectTimeout: must be positive");
        if (s.readTimeout().isNegative() || s.readTimeout().isZero()) problems = problems.append("readTimeout: must be positive");
        if (s.attempts() < 1) problems = problems.append("attempts: at least 1, got " + s.attempts());
        if (s.backoff().isNegative()) problems = problems.append("backoff: must not be negative");
        return problems.isEmpty() ? Validation.valid(s) : Validation.invalid(problems);
    }
}
