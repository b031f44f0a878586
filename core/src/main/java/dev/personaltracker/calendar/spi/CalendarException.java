package dev.personaltracker.calendar.spi;

/**
 * The root of the library's typed errors. Each subclass says what the host should do next.
 * <p>
 * Messages never contain a token, a secret or an authorization code.
 */
public class CalendarException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message  what went wrong and what to do, not null
     */
    public CalendarException(String message) {
        super(message);
    }

    /**
     * @param message  what went wrong and what to do, not null
     * @param cause  the underlying failure, may be null
     */
    public CalendarException(String message, Throwable cause) {
        super(message, cause);
    }
}
