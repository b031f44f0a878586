package dev.personaltracker.calendar.spi;

/**
 * There is no usable connection for an account: no token was ever stored, or the provider has not been
 * connected. The host should start the authorization flow for this account.
 */
public class NotConnectedException extends CalendarException {
    private static final long serialVersionUID = 1L;

    /** @param message  what is missing and what to do, not null */
    public NotConnectedException(String message) {
        super(message);
    }

    /**
     * @param message  what is missing and what to do, not null
     * @param cause  the underlying failure, may be null
     */
    public NotConnectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
