package dev.personaltracker.calendar.google;

import dev.personaltracker.calendar.spi.SessionKey;
import java.nio.charset.StandardCharsets;

/**
 * Derives a study session's Google event id from its {@link SessionKey}: {@value #PREFIX} followed by the key's
 * UTF-8 bytes in lowercase base32hex (RFC 4648 section 7, no padding). The result uses only {@code 0-9a-v}, is 6 to
 * 107 characters long (Google accepts 5 to 1024), is the same for the same key on every attempt, and differs for
 * different keys, so a create retried after a lost response meets {@code 409 duplicate} instead of making a second
 * event.
 */
final class EventIds {

    static final String PREFIX = "pts0";
    private static final char[] ALPHABET = "0123456789abcdefghijklmnopqrstuv".toCharArray();

    private EventIds() {
    }

    static String of(SessionKey key) {
        byte[] bytes = key.value().getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(PREFIX.length() + (bytes.length * 8 + 4) / 5).append(PREFIX);
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(ALPHABET[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(ALPHABET[(buffer << (5 - bits)) & 31]);
        }
        return out.toString();
    }
}
