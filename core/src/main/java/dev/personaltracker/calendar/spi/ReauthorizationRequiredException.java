package dev.personaltracker.calendar.spi;

/**
 * The stored grant no longer works (for example OAuth {@code invalid_grant}: the refresh token was revoked or
 * expired). The token stays in the store, marked {@link TokenHealth#REAUTHORIZATION_REQUIRED}, until the host
 * decides; the host should ask the person to authorize the account again.
 */
public class ReauthorizationRequiredException extends NotConnectedException {
    private static final long serialVersionUID = 1L;

    /** @param message  which account and what to do, not null */
    public ReauthorizationRequiredException(String message) {
        super(message);
    }

    /**
     * @param message  which account and what to do, not null
     * @param cause  the underlying failure, may be null
     */
    public ReauthorizationRequiredException(String message, Throwable cause) {
        super(message, cause);
    }
}
