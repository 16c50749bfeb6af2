package dev.gsync.emulator;

import java.time.Duration;

/**
 * Knobs of the emulator. Defaults follow Google's documented limits; every value can be changed while the
 * emulator runs (tests flip them between steps), so the fields are volatile rather than final.
 */
public final class EmulatorSettings {
    volatile String host = "127.0.0.1";
    volatile int port = 0;
    volatile Duration accessTokenTtl = Duration.ofSeconds(3599);
    volatile Duration refreshTokenTtl = Duration.ZERO;          // ZERO = never expires (a published app)
    volatile Duration syncTokenMaxAge = Duration.ofDays(7);
    volatile Duration updatedMinHorizon = Duration.ofDays(28);
    volatile int userRequestsPerMinute = 600;                   // Calendar: per user per project
    volatile int projectRequestsPerMinute = 10_000;             // Calendar: per project
    volatile int quotaErrorStatus = 403;                         // Google sends 403 or 429 for the same thing
    volatile int batchLimit = 1000;
    volatile boolean autoApprove = false;
    volatile boolean strictSequence = true;
    volatile String defaultTimeZone = "UTC";
    volatile boolean shortPages = false;
    volatile Duration tombstoneTtl = Duration.ZERO;
    volatile Duration channelTtl = Duration.ofDays(7);
    volatile boolean pushRequiresHttps = true;
    volatile Duration pushRetryDelay = Duration.ofSeconds(1);

    public static EmulatorSettings defaults() { return new EmulatorSettings(); }

    public EmulatorSettings host(String value) { host = value; return this; }
    public EmulatorSettings port(int value) { port = value; return this; }
    public EmulatorSettings accessTokenTtl(Duration value) { accessTokenTtl = value; return this; }
    /** ZERO means refresh tokens never expire; Duration.ofDays(7) mimics an app in "Testing" state. */
    public EmulatorSettings refreshTokenTtl(Duration value) { refreshTokenTtl = value; return this; }
    public EmulatorSettings syncTokenMaxAge(Duration value) { syncTokenMaxAge = value; return this; }
    public EmulatorSettings updatedMinHorizon(Duration value) { updatedMinHorizon = value; return this; }
    /** 0 or less turns the per-user limit off. */
    public EmulatorSettings userRequestsPerMinute(int value) { userRequestsPerMinute = value; return this; }
    /** 0 or less turns the per-project limit off. */
    public EmulatorSettings projectRequestsPerMinute(int value) { projectRequestsPerMinute = value; return this; }
    public EmulatorSettings withoutQuota() { userRequestsPerMinute = 0; projectRequestsPerMinute = 0; return this; }
    /** 403 (usageLimits reasons) or 429 (rateLimitExceeded). */
    public EmulatorSettings quotaErrorStatus(int value) {
        if (value != 403 && value != 429) throw new IllegalArgumentException("quota errors are 403 or 429, not " + value);
        quotaErrorStatus = value;
        return this;
    }
    /** Calls allowed in one batch request: the current docs say 1000, older ones 50. */
    public EmulatorSettings batchLimit(int value) { batchLimit = value; return this; }
    /** Skip the consent page: the authorize endpoint redirects at once (user from login_hint). */
    public EmulatorSettings autoApprove(boolean value) { autoApprove = value; return this; }
    /** Reject writes whose sequence is below the stored one, as Google does. */
    public EmulatorSettings strictSequence(boolean value) { strictSequence = value; return this; }
    public EmulatorSettings defaultTimeZone(String value) { defaultTimeZone = value; return this; }
    /** events.list answers an empty first page and then half-full pages, as Google may; for robustness tests. */
    public EmulatorSettings shortPages(boolean value) { shortPages = value; return this; }
    /**
     * How long deleted events stay readable (Google: roughly 30 days); ZERO keeps them forever. After that they
     * answer 404, and sync tokens older than the purge answer 410.
     */
    public EmulatorSettings tombstoneTtl(Duration value) { tombstoneTtl = value; return this; }

    /** Longest (and default) life of a push channel; Google's default is reported as about 7 days. */
    public EmulatorSettings channelTtl(Duration value) { channelTtl = value; return this; }
    /**
     * Refuse http:// watch addresses (400 push.webhookUrlNotHttps) as Google does. Loopback addresses
     * (127.0.0.1, localhost, ::1) are accepted over http even then, so tests need no certificate.
     */
    public EmulatorSettings pushRequiresHttps(boolean value) { pushRequiresHttps = value; return this; }
    /** First wait before a notification answered 500/502/503/504 (or unreachable) is sent again; doubles each time. */
    public EmulatorSettings pushRetryDelay(Duration value) { pushRetryDelay = value; return this; }

    public Duration channelTtl() { return channelTtl; }
    public boolean pushRequiresHttps() { return pushRequiresHttps; }
    public Duration pushRetryDelay() { return pushRetryDelay; }

    public String host() { return host; }
    public int port() { return port; }
    public Duration accessTokenTtl() { return accessTokenTtl; }
    public Duration refreshTokenTtl() { return refreshTokenTtl; }
    public Duration syncTokenMaxAge() { return syncTokenMaxAge; }
    public Duration updatedMinHorizon() { return updatedMinHorizon; }
    public int userRequestsPerMinute() { return userRequestsPerMinute; }
    public int projectRequestsPerMinute() { return projectRequestsPerMinute; }
    public int quotaErrorStatus() { return quotaErrorStatus; }
    public int batchLimit() { return batchLimit; }
    public boolean autoApprove() { return autoApprove; }
    public boolean strictSequence() { return strictSequence; }
    public String defaultTimeZone() { return defaultTimeZone; }
    public boolean shortPages() { return shortPages; }
    public Duration tombstoneTtl() { return tombstoneTtl; }
}
