package dev.personaltracker.calendar;

import dev.personaltracker.calendar.spi.CalendarException;

/**
 * A person's stored profile (their accounts and settings, kept by the
 * {@link dev.personaltracker.calendar.spi.ProfileStore}) cannot be read by this version of the library: a newer
 * version wrote it, or it was damaged outside the library. The message names the user, the line and what is wrong,
 * never the settings themselves.
 * <p>
 * Nothing is overwritten: upgrade the library (for a newer version), or restore the profile from a backup, or delete
 * it with {@link dev.personaltracker.calendar.spi.ProfileStore#delete} so that the person sets up again.
 */
public class ProfileUnreadableException extends CalendarException {
    private static final long serialVersionUID = 1L;

    private final String userId;

    /**
     * Creates an exception.
     *
     * @param message  which user, which line, what is wrong and what to do, not null
     * @param userId  the user whose profile it is, not null
     * @param cause  the underlying failure, may be null
     */
    public ProfileUnreadableException(String message, String userId, Throwable cause) {
        super(message, cause);
        this.userId = userId;
    }

    /** @return the user whose profile could not be read, not null */
    public String userId() {
        return userId;
    }
}
