package dev.gsync.google;

import dev.gsync.core.model.ExternalId;
import dev.gsync.core.model.IdempotencyKey;
import io.vavr.control.Either;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * How Google items are named to the core. An {@link ExternalId} is {@code event/<calendar>/<event id>} or
 * {@code task/<task id>}, the calendar id URL-encoded (calendar ids are e-mail-like and may hold any character;
 * Google's event and task ids never hold a '/'), so it can always be taken apart again. A task's id does not name its
 * list: Google keeps a task's id when {@code tasks.move} takes it to another list, and so does gsync (D29). Ids of
 * the older form {@code task/<task list>/<task id>} are still read (the V5 state migration renames stored links).
 */
final class GoogleIds {
    private static final String EVENT = "event/";
    private static final String TASK = "task/";
    private static final char[] BASE32HEX = "0123456789abcdefghijklmnopqrstuv".toCharArray();

    private GoogleIds() {
    }

    /** Where an item lives: a calendar or a task list (empty when a task id does not say), and its id there. */
    record Ref(boolean isTask, String container, String itemId) {
        ExternalId externalId() {
            if (isTask) return ExternalId.of(TASK + itemId);
            return ExternalId.of(EVENT + URLEncoder.encode(container, StandardCharsets.UTF_8) + "/" + itemId);
        }
    }

    static ExternalId event(String calendarId, String eventId) {
        return new Ref(false, calendarId, eventId).externalId();
    }

    static ExternalId task(String taskId) {
        return new Ref(true, "", taskId).externalId();
    }

    static Either<String, Ref> parse(ExternalId id) {
        String value = id.value();
        boolean task = value.startsWith(TASK);
        if (!task && !value.startsWith(EVENT)) return Either.left("not a Google id: " + value);
        String rest = value.substring(task ? TASK.length() : EVENT.length());
        if (task && !rest.isEmpty() && rest.indexOf('/') < 0) return Either.right(new Ref(true, "", rest));
        int slash = rest.lastIndexOf('/');
        if (slash <= 0 || slash == rest.length() - 1) return Either.left("not a Google id: " + value);
        return Either.right(new Ref(task, URLDecoder.decode(rest.substring(0, slash), StandardCharsets.UTF_8), rest.substring(slash + 1)));
    }

    /**
     * The event id a create with this key gets: base32hex (Google's id alphabet {@code [0-9a-v]}) of the SHA-256 of
     * the key, 52 characters. The same key always gives the same id, so a repeated insert answers 409 instead of
     * making a second event.
     */
    static String eventIdFor(IdempotencyKey key) {
        byte[] hash = sha256(key.value().getBytes(StandardCharsets.UTF_8));
        StringBuilder out = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte b : hash) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(BASE32HEX[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) out.append(BASE32HEX[(buffer << (5 - bits)) & 31]);
        return out.toString();
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
