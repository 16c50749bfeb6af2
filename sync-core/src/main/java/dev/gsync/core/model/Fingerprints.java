package dev.gsync.core.model;

import io.vavr.Tuple;
import io.vavr.collection.Map;
import io.vavr.collection.Set;
import io.vavr.collection.TreeMap;
import io.vavr.control.Either;
import io.vavr.control.Try;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What one side looked like when it was last synced, one short hash per field. Comparing a side's current values
 * with its own fingerprints tells which fields that side changed since: the base of the three-way merge, without
 * keeping a copy of every event.
 */
public record Fingerprints(Map<Field, String> byField) {
    public static final Fingerprints NONE = new Fingerprints(TreeMap.empty());

    public Fingerprints {
        Objects.requireNonNull(byField, "byField");
    }

    public static Fingerprints of(CalendarItem item, Set<Field> fields) {
        return new Fingerprints(TreeMap.ofEntries(fields.map(f -> Tuple.of(f, hash(item.canonical(f))))));
    }

    /** True when the field differs from the fingerprint; a field without a fingerprint counts as changed. */
    public boolean changed(Field field, CalendarItem now) {
        return byField.get(field).map(fp -> !fp.equals(hash(now.canonical(field)))).getOrElse(true);
    }

    /** "TITLE=1a2b...;DESCRIPTION=...": the form the state store keeps. */
    public String encode() {
        return byField.map(e -> e._1.name() + "=" + e._2).mkString(";");
    }

    public static Either<String, Fingerprints> decode(String text) {
        if (text == null || text.isBlank()) return Either.right(NONE);
        return Try.of(() -> new Fingerprints(TreeMap.ofEntries(io.vavr.collection.List.of(text.split(";"))
                        .map(part -> part.split("=", 2))
                        .map(kv -> Tuple.of(Field.valueOf(kv[0]), kv[1])))))
                .toEither().mapLeft(e -> "unreadable fingerprints '" + text + "': " + e);
    }

    /** 64-bit FNV-1a over UTF-8, as 16 hex digits: cheap, stable across JVMs, and plenty to notice an edit. */
    static String hash(String text) {
        long h = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            h ^= (b & 0xff);
            h *= 0x100000001b3L;
        }
        return HexFormat.of().toHexDigits(h);
    }
}
