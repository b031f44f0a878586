package dev.personaltracker.calendar.ics.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 for stable ids and version tags. */
final class Hashes {
    private Hashes() {
    }

    /**
     * @param text  what to hash
     * @param bytes  how many leading bytes of the hash to keep, 1 to 32
     * @return those bytes as lowercase hex
     */
    static String sha256Hex(String text, int bytes) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
