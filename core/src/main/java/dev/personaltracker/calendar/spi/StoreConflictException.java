package dev.personaltracker.calendar.spi;

import java.util.Objects;

/**
 * A conditional write lost a race: the stored record's version was no longer the one the writer read, because another
 * thread or another host instance changed (or created, or deleted) it meanwhile. Nothing was written.
 * <p>
 * Any store that keeps a version per record (optimistic concurrency) throws it, for example
 * {@link ProfileStore#save}. The usual answer is to read the record again, re-apply the change to what is stored now
 * and write again; the library does exactly that where re-applying is safe. The message names the record and both
 * versions, never its content.
 */
public class StoreConflictException extends CalendarException {
    private static final long serialVersionUID = 1L;

    private final String record;
    private final long expectedVersion;
    private final long actualVersion;

    /**
     * Creates an exception.
     *
     * @param message  which record, both versions and what to do, not null
     * @param record  a description of the record (its owner and id, never its content), not null
     * @param expectedVersion  the version the writer expected, 0 for "none stored"
     * @param actualVersion  the version stored now, 0 if none is stored
     */
    public StoreConflictException(String message, String record, long expectedVersion, long actualVersion) {
        super(message);
        this.record = Objects.requireNonNull(record, "record");
        this.expectedVersion = expectedVersion;
        this.actualVersion = actualVersion;
    }

    /**
     * Obtains an exception with the standard message, which names the record and both versions.
     *
     * @param record  a description of the record (its owner and id, never its content), not null
     * @param expectedVersion  the version the writer expected, 0 for "none stored"
     * @param actualVersion  the version stored now, 0 if none is stored
     * @return the exception, not null
     */
    public static StoreConflictException of(String record, long expectedVersion, long actualVersion) {
        return new StoreConflictException("The " + record + " was changed by another writer: expected version "
                + describe(expectedVersion) + " but found " + describe(actualVersion)
                + "; nothing was written: read it again, re-apply the change and save with the new version",
                record, expectedVersion, actualVersion);
    }

    private static String describe(long version) {
        return version == 0 ? "0 (none stored)" : Long.toString(version);
    }

    /** @return the record that was in conflict (its owner and id), not null */
    public String record() {
        return record;
    }

    /** @return the version the writer expected, 0 for "none stored" */
    public long expectedVersion() {
        return expectedVersion;
    }

    /** @return the version stored when the write was refused, 0 if none was stored */
    public long actualVersion() {
        return actualVersion;
    }
}
