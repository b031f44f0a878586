package dev.personaltracker.calendar.spi;

/**
 * The calendar service could not be reached or kept failing (5xx, connection faults) after the configured
 * retries. Nothing was half-written: the host may try the same call again later.
 */
public class ProviderUnavailableException extends CalendarException {
    private static final long serialVersionUID = 1L;

    /** @param message  which service and request, not null */
    public ProviderUnavailableException(String message) {
        super(message);
    }

    /**
     * @param message  which service and request, not null
     * @param cause  the last failure, may be null
     */
    public ProviderUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
