package dev.gsync.google;

import dev.gsync.core.model.UserId;
import dev.gsync.core.port.CredentialStore;
import io.vavr.collection.List;
import io.vavr.control.Option;
import io.vavr.control.Try;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * Started Google consents, kept in the {@link CredentialStore} (so encrypted at rest, and shared by every runner
 * instance on the same state database): the OAuth callback may reach any instance. One secret per user,
 * {@value #NAME}, holding that user's unfinished consents (at most {@value #PER_USER}, newest kept), one line each:
 * {@code <nonce> <PKCE verifier> <started, epoch ms>}. The {@code state} sent to Google is
 * {@code base64url(user) "." nonce}, so the callback finds the user's row without a lookup table.
 *
 * A consent is taken (removed) before its code is exchanged: single use. Expired ones are refused and dropped on the
 * next write. Two instances taking the same state at the same instant could both read it; Google's authorization
 * code is single use, so at most one of them links.
 */
final class PendingConsents {
    static final String NAME = "google-oauth-consent";
    static final int PER_USER = 5;

    record Pending(UserId user, String verifier) {}

    private record Line(String nonce, String verifier, long startedMillis) {
        String text() {
            return nonce + " " + verifier + " " + startedMillis;
        }

        static Option<Line> parse(String text) {
            String[] parts = text.split(" ");
            if (parts.length != 3) return Option.none();
            return Try.of(() -> new Line(parts[0], parts[1], Long.parseLong(parts[2]))).toOption();
        }
    }

    private final CredentialStore store;
    private final Clock clock;
    private final Duration timeout;

    PendingConsents(CredentialStore store, Clock clock, Duration timeout) {
        this.store = store;
        this.clock = clock;
        this.timeout = timeout;
    }

    /** Remembers a started consent; returns the {@code state} to send to Google. */
    synchronized String start(UserId user, String nonce, String verifier) {
        List<Line> kept = live(user).append(new Line(nonce, verifier, clock.millis())).takeRight(PER_USER);
        store.save(user, NAME, kept.map(Line::text).mkString("\n"));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(user.value().getBytes(StandardCharsets.UTF_8)) + "." + nonce;
    }

    /** The consent of this {@code state}, removed so it cannot be used again; none if unknown, used or expired. */
    synchronized Option<Pending> take(String state) {
        if (state == null) return Option.none();
        int dot = state.lastIndexOf('.');
        if (dot <= 0) return Option.none();
        Option<UserId> user = Try.of(() -> UserId.of(new String(Base64.getUrlDecoder().decode(state.substring(0, dot)), StandardCharsets.UTF_8))).toOption();
        if (user.isEmpty()) return Option.none();
        String nonce = state.substring(dot + 1);
        List<Line> all = live(user.get());
        Option<Line> found = all.find(line -> sameText(line.nonce(), nonce));
        if (found.isEmpty()) return Option.none();
        List<Line> rest = all.remove(found.get());
        if (rest.isEmpty()) store.delete(user.get(), NAME);
        else store.save(user.get(), NAME, rest.map(Line::text).mkString("\n"));
        return Option.some(new Pending(user.get(), found.get().verifier()));
    }

    /** The user's consents that have not expired. */
    private List<Line> live(UserId user) {
        long oldest = Instant.ofEpochMilli(clock.millis()).minus(timeout).toEpochMilli();
        return store.load(user, NAME).map(text -> List.of(text.split("\n")).flatMap(Line::parse)).getOrElse(List.empty())
                .filter(line -> line.startedMillis() >= oldest);
    }

    /** Compared in constant time: the nonce is what authorises the callback. */
    private static boolean sameText(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }
}
