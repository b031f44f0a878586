package dev.personaltracker.calendar.spi;

import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The stable identity of one study session, chosen by the library when the session is proposed and kept for its
 * whole life. Providers derive their event ids (Google), transaction ids (Graph) or UIDs (iCalendar) from it, so
 * that creating the same session twice never makes two events.
 * <p>
 * A key is 1 to 64 characters of lowercase {@code a-z}, digits and {@code -}.
 *
 * @param value  the key text, not null
 */
public record SessionKey(String value) {

    private static final Pattern FORM = Pattern.compile("[a-z0-9-]{1,64}");

    /**
     *
     * @param value  the key text, not null
     * @throws IllegalArgumentException if the value is not of the documented form; the message names it
     */
    public SessionKey {
        Objects.requireNonNull(value, "value");
        if (!FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("A session key must be 1 to 64 characters of a-z, 0-9 and '-', but was '" + value + "'");
        }
    }

    /**
     *
     * @param value  the key text, not null
     * @return the key, not null
     */
    public static SessionKey of(String value) {
        return new SessionKey(value);
    }

    /** @return a new random key (a UUID), not null */
    public static SessionKey random() {
        return new SessionKey(UUID.randomUUID().toString());
    }

    /** @return the key text */
    @Override
    public String toString() {
        return value;
    }
}
