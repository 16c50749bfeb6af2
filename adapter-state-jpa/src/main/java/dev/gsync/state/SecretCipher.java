package dev.gsync.state;

import io.vavr.control.Either;
import io.vavr.control.Try;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * AES-256-GCM sealing of one secret. A fresh random 96-bit nonce per seal; the row's identity (user and name) is
 * bound in as associated data, so a sealed value copied onto another user's row does not open there.
 */
final class SecretCipher {
    private static final String FORMAT = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;
    private final String keyId;

    private SecretCipher(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
        this.keyId = keyIdOf(key);
    }

    /** From the base64 of exactly 32 random bytes (e.g. {@code openssl rand -base64 32}). */
    static Either<String, SecretCipher> of(String base64) {
        return Try.of(() -> Base64.getDecoder().decode(base64.strip()))
                .toEither().mapLeft(e -> "secret key: not base64")
                .filterOrElse(bytes -> bytes.length == 32,
                        bytes -> "secret key: must be 256 bits (32 bytes, 44 base64 characters), got " + bytes.length + " bytes")
                .map(SecretCipher::new);
    }

    /** A short, non-secret name of the key (the start of its SHA-256), kept next to each sealed value. */
    String keyId() {
        return keyId;
    }

    String seal(String plaintext, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return FORMAT + Base64.getEncoder().encodeToString(ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);   // a platform bug, not input
        }
    }

    /** Left (without any secret in it) when the value is malformed, tampered with, or sealed under another key. */
    Either<String, String> open(String sealed, String context) {
        if (!sealed.startsWith(FORMAT)) return Either.left("unknown sealed format");
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(sealed.substring(FORMAT.length()));
        } catch (IllegalArgumentException e) {
            return Either.left("sealed value is not base64");
        }
        if (bytes.length < NONCE_BYTES + TAG_BITS / 8) return Either.left("sealed value is truncated");
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return Either.right(new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8));
        } catch (AEADBadTagException e) {
            return Either.left("authentication failed: wrong key, or the value was altered or moved to another row");
        } catch (GeneralSecurityException e) {
            return Either.left("cannot decrypt: " + e.getClass().getSimpleName());
        }
    }

    private static String keyIdOf(byte[] key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key), 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "SecretCipher[keyId=" + keyId + "]";
    }
}
