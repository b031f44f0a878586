package dev.personaltracker.calendar.storage.json;

import java.io.IOException;

/**
 * The schema 1 plaintext of a profile record: the profile document the library encoded, kept as an opaque string,
 * and its version, both inside the ciphertext (so the version is authenticated with the document).
 */
final class ProfileRecordCodec {

    /** The JSON shape. */
    record ProfileJson(long version, String document) {
    }

    private ProfileRecordCodec() {
    }

    static byte[] encode(long version, String document) {
        try {
            return TokenCodec.JSON.writeValueAsBytes(new ProfileJson(version, document));
        } catch (IOException e) {
            throw new IllegalStateException("Could not write a profile as JSON: " + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * @throws IOException if the plaintext is not a profile record (the message never quotes it)
     */
    static ProfileJson decode(byte[] plaintext) throws IOException {
        ProfileJson json = TokenCodec.read(plaintext, ProfileJson.class);
        if (json == null || json.document() == null || json.version() < 1) {
            throw new IOException("profile record lacks its document or a positive version");
        }
        return json;
    }
}
