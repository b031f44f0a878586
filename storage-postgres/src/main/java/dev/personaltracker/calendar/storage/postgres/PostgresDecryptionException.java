package dev.personaltracker.calendar.storage.postgres;

import java.util.Objects;

/**
 * Thrown when one row fails authenticated decryption: its ciphertext was altered or truncated, it was copied from
 * another row or user (its associated data, bound to the row's user and id, no longer matches), or the stores were
 * opened with a key that did not encrypt it.
 * <p>
 * Only that row is affected: every other row stays readable, and the damaged row is left as it is (restore it from a
 * backup, or delete it through the store). The message names the table and the record (store, user and id), never its
 * content.
 */
public class PostgresDecryptionException extends PostgresStoreException {
    /** Serialization version. */
    private static final long serialVersionUID = 1L;

    /** The row that failed (its key, never its content). */
    private final String record;

    /**
     * Creates an exception.
     *
     * @param message  what is wrong and what to do, not null
     * @param record  a description of the record's owner and id (never its content), not null
     * @param cause  the underlying failure, may be null
     */
    public PostgresDecryptionException(String message, String record, Throwable cause) {
        super(message, null, cause);
        this.record = Objects.requireNonNull(record, "record");
    }

    /**
     * Gets the record that failed, such as {@code tokens record (user 'u', provider 'google', account 'a@example.com')}.
     *
     * @return the record's owner and id, not null
     */
    public String record() {
        return record;
    }
}
