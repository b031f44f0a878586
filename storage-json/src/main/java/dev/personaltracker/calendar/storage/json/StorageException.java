package dev.personaltracker.calendar.storage.json;

import dev.personaltracker.calendar.spi.CalendarException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Thrown when an encrypted JSON store cannot read or write one of its files, for example because the disk is full or
 * the directory is not writable. The subclasses say the file or a record in it is damaged.
 * <p>
 * The message names the file and says what to do; it never contains a token, a secret or key material.
 */
public class StorageException extends CalendarException {
    private static final long serialVersionUID = 1L;

    /** The file concerned; a string so that the exception stays serializable. */
    private final String file;

    /**
     * Creates an exception.
     *
     * @param message  what went wrong and what to do, not null
     * @param file  the file concerned, not null
     * @param cause  the underlying failure, may be null
     */
    public StorageException(String message, Path file, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.file = Objects.requireNonNull(file, "file").toString();
    }

    /**
     * Gets the file concerned.
     *
     * @return the path of the file, not null
     */
    public Path file() {
        return Path.of(file);
    }
}
