package dev.personaltracker.calendar.spi;

/**
 * The calendar service answered with something the library cannot use: a malformed body, a missing field, an
 * unexpected shape or status. The message names the provider, the calendar and the request.
 */
public class UnexpectedResponseException extends CalendarException {
    private static final long serialVersionUID = 1L;

    /** @param message  what was expected and where, not null */
    public UnexpectedResponseException(String message) {
        super(message);
    }

    /**
     * @param message  what was expected and where, not null
     * @param cause  the parse or protocol failure, may be null
     */
    public UnexpectedResponseException(String message, Throwable cause) {
        super(message, cause);
    }
}
