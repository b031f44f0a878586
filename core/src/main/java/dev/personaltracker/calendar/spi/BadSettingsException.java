package dev.personaltracker.calendar.spi;

/**
 * Provider or store settings are missing or inconsistent (no client id, a malformed base URL, an unknown tenant,
 * a file that cannot be read). The message names the setting and its value (secrets are never shown).
 */
public class BadSettingsException extends CalendarException {
    private static final long serialVersionUID = 1L;

    /** @param message  which setting, its value and what to do, not null */
    public BadSettingsException(String message) {
        super(message);
    }

    /**
     * @param message  which setting, its value and what to do, not null
     * @param cause  the underlying failure, may be null
     */
    public BadSettingsException(String message, Throwable cause) {
        super(message, cause);
    }
}
