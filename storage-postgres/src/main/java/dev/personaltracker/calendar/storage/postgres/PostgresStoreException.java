package dev.personaltracker.calendar.storage.postgres;

import dev.personaltracker.calendar.spi.CalendarException;
import java.util.Optional;

/**
 * Thrown when a PostgreSQL store cannot read or write the database: the server is unreachable or went away, the
 * schema cannot be migrated, a statement failed. The subclass {@link PostgresDecryptionException} says one row is
 * damaged.
 * <p>
 * The message names the operation, the record (its owner and id, never its content) and the SQL state, and says what
 * to do; it never contains a token, a secret, a ciphertext or a password.
 */
public class PostgresStoreException extends CalendarException {
    /** Serialization version. */
    private static final long serialVersionUID = 1L;

    /** The SQLSTATE the server or driver reported, null if none. */
    private final String sqlState;

    /**
     * Creates an exception.
     *
     * @param message  what went wrong and what to do, not null
     * @param sqlState  the SQL state of the underlying failure, or null if there was none
     * @param cause  the underlying failure, may be null
     */
    public PostgresStoreException(String message, String sqlState, Throwable cause) {
        super(message, cause);
        this.sqlState = sqlState;
    }

    /**
     * Gets the SQL state of the failure, for example {@code 08006} when the connection broke.
     *
     * @return the SQL state, empty if the failure had none
     */
    public Optional<String> sqlState() {
        return Optional.ofNullable(sqlState);
    }
}
