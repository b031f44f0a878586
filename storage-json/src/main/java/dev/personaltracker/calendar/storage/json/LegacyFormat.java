package dev.personaltracker.calendar.storage.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * How to read records of schema 0, the unversioned layout that precedes schema 1, so that a store can upgrade them.
 * Schema 0 files have no {@code format} or {@code schema} field; each record names its owner in its own fields and
 * was encrypted with associated data that simply joined the owner's parts with '/' (ambiguous, which schema 1 fixes).
 */
interface LegacyFormat {

    /**
     * @param record  one element of the file's {@code records} array, not null
     * @return the record's id parts, in the order the store uses, not null
     * @throws IllegalArgumentException if a field is missing
     */
    List<String> id(JsonNode record);

    /**
     * @param record  one element of the file's {@code records} array, not null
     * @return the record's ciphertext in base64, not null
     * @throws IllegalArgumentException if the field is missing
     */
    String ciphertext(JsonNode record);

    /**
     * Gets the associated data schema 0 encrypted a record with: the user and the id parts joined with '/' (UTF-8).
     *
     * @param user  the user, not null
     * @param id  the record's id parts, not null
     * @return the associated data, not null
     */
    default byte[] associatedData(String user, List<String> id) {
        return (user + "/" + String.join("/", id)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * Reads a text field of a schema 0 record.
     *
     * @param record  the record, not null
     * @param name  the field, not null
     * @return its text, not null
     * @throws IllegalArgumentException naming the field, if it is missing or not text
     */
    static String text(JsonNode record, String name) {
        JsonNode value = record.get(name);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException(name);
        }
        return value.textValue();
    }

    /**
     * Converts a decrypted schema 0 plaintext into the schema 1 plaintext of the same record.
     *
     * @param plaintext  the schema 0 plaintext, not null
     * @return the schema 1 plaintext, not null
     * @throws java.io.IOException if the plaintext is not what schema 0 wrote
     */
    byte[] upgrade(byte[] plaintext) throws java.io.IOException;
}
