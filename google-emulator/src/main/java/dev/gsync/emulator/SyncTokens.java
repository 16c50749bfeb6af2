package dev.gsync.emulator;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sync and page tokens. Both are opaque to clients but carry their own state (calendar, change number,
 * issue time, calendar epoch / query fingerprint), so the emulator needs no token table; tests expire
 * tokens one by one, per calendar (epoch bump) or by age.
 */
final class SyncTokens {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private final Set<String> expired = ConcurrentHashMap.newKeySet();

    record Page(String fingerprint, long snapshot, String lastKey) {}

    String issue(String collectionId, int epoch, long changeNumber, Instant now) {
        return "CS" + encode(collectionId + "\n" + changeNumber + "\n" + now.toEpochMilli() + "\n" + epoch);
    }

    /** The change number the token was issued at, or 410 fullSyncRequired. */
    long check(String token, String collectionId, int epoch, Instant now, Duration maxAge) {
        if (expired.contains(token) || !token.startsWith("CS")) throw GoogleError.fullSyncRequired();
        String[] part = decode(token.substring(2)).split("\n");
        if (part.length != 4 || !part[0].equals(collectionId)) throw GoogleError.fullSyncRequired();
        try {
            long changeNumber = Long.parseLong(part[1]);
            Instant issued = Instant.ofEpochMilli(Long.parseLong(part[2]));
            boolean tooOld = !maxAge.isZero() && issued.plus(maxAge).isBefore(now);
            if (tooOld || Integer.parseInt(part[3]) != epoch) throw GoogleError.fullSyncRequired();
            return changeNumber;
        } catch (NumberFormatException e) {
            throw GoogleError.fullSyncRequired();
        }
    }

    void expire(String token) { expired.add(token); }

    String page(String fingerprint, long snapshot, String lastKey) {
        return encode(fingerprint + "\n" + snapshot + "\n" + lastKey);
    }

    /** A page token of the same query, or 400: page tokens are bound to their query. */
    Page readPage(String token, String fingerprint) {
        String[] part = decode(token).split("\n", 3);
        if (part.length != 3 || !part[0].equals(fingerprint)) throw GoogleError.invalidParameter("pageToken", "Invalid page token value.");
        try {
            return new Page(part[0], Long.parseLong(part[1]), part[2]);
        } catch (NumberFormatException e) {
            throw GoogleError.invalidParameter("pageToken", "Invalid page token value.");
        }
    }

    private static String encode(String text) { return ENCODER.encodeToString(text.getBytes(StandardCharsets.UTF_8)); }

    private static String decode(String token) {
        try {
            return new String(DECODER.decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
