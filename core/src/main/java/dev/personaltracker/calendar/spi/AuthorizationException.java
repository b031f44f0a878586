package dev.personaltracker.calendar.spi;

/**
 * An OAuth authorization could not be completed: an unknown, reused or expired {@code state}, a denied consent,
 * a code the token endpoint refused. The host should start the authorization again.
 */
public class AuthorizationException extends CalendarException {
    private static final long serialVersionUID = 1L;

    /** @param message  what failed and what to do, not null */
    public AuthorizationException(String message) {
        super(message);
    }

    /**
     * @param message  what failed and what to do, not null
     * @param cause  the underlying failure, may be null
     */
    public AuthorizationException(String message, Throwable cause) {
        super(message, cause);
    }
}
