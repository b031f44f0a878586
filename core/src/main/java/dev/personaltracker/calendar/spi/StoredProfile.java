package dev.personaltracker.calendar.spi;

import java.util.Objects;

/**
 * One person's settings as a {@link ProfileStore} keeps them: an opaque text document that the library encodes and
 * decodes itself, and the version the store gave it.
 * <p>
 * A store never looks inside {@code document}: it keeps the exact characters. The document holds no token, secret or
 * authorization code (the library keeps those in the {@link TokenStore} only), but it does hold personal choices such
 * as calendar ids and file locations, so persistent stores encrypt it like their other records.
 * {@link #toString()} shows the user, the version and the document's length, not its content.
 *
 * @param userId  the person, not blank
 * @param document  the encoded profile, not null
 * @param version  the store's version of it, 1 for the first save and one more for each save after, positive
 */
public record StoredProfile(String userId, String document, long version) {

    /**
     * Validates the components.
     *
     * @param document  the encoded profile, not null
     * @param userId  the person, not blank
     * @param version  the store's version of it, 1 for the first save and one more for each save after, positive
     * @throws IllegalArgumentException if the user id is blank or the version is not positive
     */
    public StoredProfile {
        UserIds.require(userId);
        Objects.requireNonNull(document, "document");
        if (version < 1) {
            throw new IllegalArgumentException("version must be positive, but was " + version + " for user '" + userId + "'");
        }
    }

    /** @return the user, the version and the document's length */
    @Override
    public String toString() {
        return "StoredProfile[" + userId + ", version " + version + ", " + document.length() + " chars]";
    }
}
