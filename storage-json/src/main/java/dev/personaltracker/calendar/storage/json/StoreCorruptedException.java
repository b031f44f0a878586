package dev.personaltracker.calendar.storage.json;

import java.nio.file.Path;

/**
 * Thrown when a store file cannot be understood as a whole: it is not valid JSON (for example truncated), lacks a
 * required field, belongs to another store or user, or was written by a newer schema than this library reads.
 * <p>
 * The store never overwrites such a file: every later write to it fails too, until the host restores the file from
 * a backup or moves it aside (keeping it for inspection). Other users' files are unaffected.
 */
public class StoreCorruptedException extends StorageException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param message  what is wrong and what to do, not null
     * @param file  the damaged file, not null
     * @param cause  the underlying failure, may be null
     */
    public StoreCorruptedException(String message, Path file, Throwable cause) {
        super(message, file, cause);
    }
}
