package dev.personaltracker.calendar.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * Keeps each person's settings (connected accounts and their non-secret settings, the calendars read and written,
 * work hours, study preferences) as one versioned document per user, so that a host restarted in a new JVM, or
 * another host instance, finds them again.
 * <p>
 * The document is opaque to the store: the library encodes it (a stable, versioned text format that it reads back in
 * later versions) and a store only keeps the exact text, so an implementation never needs to know the library's
 * value types. Secrets are never in it; they stay in the {@link TokenStore}.
 * <p>
 * <b>Optimistic concurrency.</b> Every stored document has a version: 1 when first saved, one more on each save.
 * {@link #save} is a compare-and-set on it: it writes only if the version stored is the one the caller read (0 for
 * "none stored") and otherwise throws {@link StoreConflictException} and changes nothing. So two writers (threads or
 * host instances) that read version 4 and both save never lose an update silently: one gets version 5, the other a
 * conflict, re-reads, re-applies its change and saves again. {@link #delete} is unconditional.
 * <p>
 * Implementations must be thread-safe; a {@code save} that returned is durable (for persistent stores) and seen by
 * every later {@code load}, in this instance and in others over the same data. Implementations never log a
 * document's content.
 */
public interface ProfileStore {

    /**
     * Loads a person's profile.
     *
     * @param userId  the user, not null
     * @return the document and its version, empty if none is stored
     */
    Optional<StoredProfile> load(String userId);

    /**
     * Saves a person's profile if the stored version is still {@code expectedVersion}.
     *
     * @param userId  the user, not blank
     * @param document  the encoded profile, kept exactly, not null
     * @param expectedVersion  the version the caller read, or 0 if it read none (create); not negative
     * @return the new version, {@code expectedVersion + 1}
     * @throws StoreConflictException if the stored version differs from {@code expectedVersion} (another writer saved,
     *     created or deleted it meanwhile); nothing was written
     * @throws IllegalArgumentException if {@code expectedVersion} is negative or the user id is blank
     */
    long save(String userId, String document, long expectedVersion);

    /**
     * Deletes a person's profile, whatever its version (for example when the person leaves the host).
     *
     * @param userId  the user, not null
     * @return true if a profile was deleted, false if none was stored
     */
    boolean delete(String userId);

    /**
     * Checks the arguments of {@link #save}; for implementations.
     *
     * @param userId  the user, not blank
     * @param document  the document, not null
     * @param expectedVersion  0 or a stored version
     * @throws NullPointerException if the user or the document is null
     * @throws IllegalArgumentException if the user is blank or the version negative
     */
    static void requireSave(String userId, String document, long expectedVersion) {
        UserIds.require(userId);
        Objects.requireNonNull(document, "document");
        if (expectedVersion < 0) {
            throw new IllegalArgumentException("expectedVersion must be 0 (none stored) or a stored version, but was "
                    + expectedVersion + " for user '" + userId + "'");
        }
    }
}
