package dev.personaltracker.calendar.storage.json;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Thrown when one record fails authenticated decryption: its ciphertext was altered or truncated, it was copied
 * from another record or user (its associated data no longer matches), or the store was opened with a key that did
 * not encrypt it.
 * <p>
 * Only that record is affected: the other records in the file stay readable, and the damaged ciphertext is kept as
 * it is. The message names the file and the record (store, user and record key), never its content.
 */
public class RecordDecryptionException extends StorageException {
    /** Serialization version. */
    private static final long serialVersionUID = 1L;

    /** The record that failed (its key, never its content). */
    private final String record;

    /**
     * Creates an exception.
     *
     * @param message  what is wrong and what to do, not null
     * @param file  the file holding the record, not null
     * @param record  a description of the record's key (never its content), not null
     * @param cause  the underlying failure, may be null
     */
    public RecordDecryptionException(String message, Path file, String record, Throwable cause) {
        super(message, file, cause);
        this.record = Objects.requireNonNull(record, "record");
    }

    /**
     * Gets the description of the record that failed, such as {@code tokens record (user 'u', provider 'google',
     * account 'a@example.com')}.
     *
     * @return the record's key, not null
     */
    public String record() {
        return record;
    }
}
