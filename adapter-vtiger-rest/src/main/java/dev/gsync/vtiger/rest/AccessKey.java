package dev.gsync.vtiger.rest;

import io.vavr.control.Either;
import io.vavr.control.Try;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A vtiger user's webservice access key. A secret: {@link #toString()} never shows it, and the only thing that
 * leaves this class is the login digest md5(token + key).
 */
public final class AccessKey {
    private final String key;

    private AccessKey(String key) {
        this.key = Objects.requireNonNull(key, "key").strip();
        if (this.key.isEmpty()) throw new IllegalArgumentException("empty access key");
    }

    public static AccessKey of(String key) {
        return new AccessKey(key);
    }

    /** From an environment variable, so the key stays out of configuration files. */
    public static Either<String, AccessKey> fromEnv(String variable) {
        String value = System.getenv(variable);
        if (value == null || value.isBlank()) return Either.left("environment variable " + variable + " is not set");
        return Either.right(new AccessKey(value));
    }

    /** From the first line of a file (readable by the service account only, one would hope). */
    public static Either<String, AccessKey> fromFile(Path file) {
        return Try.of(() -> Files.readString(file, StandardCharsets.UTF_8))
                .toEither().mapLeft(e -> "cannot read access key file " + file + ": " + e.getClass().getSimpleName())
                .flatMap(text -> text.isBlank() ? Either.left("access key file " + file + " is empty")
                        : Either.right(new AccessKey(text.lines().findFirst().orElse(""))));
    }

    /** vtiger's login proof: lower-case hex md5 of the challenge token followed by the key. */
    String loginDigest(String challengeToken) {
        try {
            byte[] md5 = MessageDigest.getInstance("MD5").digest((challengeToken + key).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md5);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has MD5", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AccessKey other && other.key.equals(key);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    @Override
    public String toString() {
        return "AccessKey[****]";
    }
}
