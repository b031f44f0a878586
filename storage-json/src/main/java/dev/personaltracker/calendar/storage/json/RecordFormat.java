package dev.personaltracker.calendar.storage.json;

import dev.personaltracker.calendar.spi.OAuthToken;
import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.spi.SessionRecord;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The format of one encrypted record, shared by every encrypted store of the library (these JSON files and the
 * PostgreSQL tables of {@code storage-postgres}): the plaintext of a token or a session record, and the associated
 * data that binds a ciphertext to its store, its user and its id, so that a ciphertext copied onto another record
 * fails to decrypt. A record encrypted by one store therefore decrypts in the other under the same key.
 * <p>
 * Plaintexts are JSON (schema 1), lenient about unknown fields. Nothing here logs, and no exception message quotes
 * a plaintext. A static utility; thread-safe.
 */
public final class RecordFormat {

    /** The store name of tokens in associated data: {@value}. */
    public static final String TOKENS = JsonTokenStore.STORE;
    /** The store name of session records in associated data: {@value}. */
    public static final String HISTORY = JsonHistoryStore.STORE;
    /** The store name of sync states in associated data: {@value}. */
    public static final String SYNC = JsonSyncStateStore.STORE;

    private static final byte[] AAD_TAG = "tracker-calendar-store/1".getBytes(StandardCharsets.UTF_8);

    private RecordFormat() {
    }

    /**
     * Obtains the associated data of a record (schema 1): a tag, the store name, the user and each id part, each
     * length-prefixed so that no two different owners share the same bytes.
     *
     * @param store  the store name, such as {@link #TOKENS}, not null
     * @param user  the user, not null
     * @param id  the record's id parts (tokens: provider, account; history: session key; sync: provider, account,
     *     calendar), not null
     * @return the associated data, not null
     */
    public static byte[] associatedData(String store, String user, List<String> id) {
        List<byte[]> parts = new ArrayList<>(id.size() + 2);
        parts.add(store.getBytes(StandardCharsets.UTF_8));
        parts.add(user.getBytes(StandardCharsets.UTF_8));
        for (String part : id) {
            parts.add(part.getBytes(StandardCharsets.UTF_8));
        }
        int length = AAD_TAG.length;
        for (byte[] part : parts) {
            length += 4 + part.length;
        }
        ByteBuffer aad = ByteBuffer.allocate(length).put(AAD_TAG);
        for (byte[] part : parts) {
            aad.putInt(part.length).put(part);
        }
        return aad.array();
    }

    /**
     * Encodes a token as the plaintext of its record.
     *
     * @param token  the token, not null
     * @return the plaintext, which is secret, not null
     */
    public static byte[] encodeToken(OAuthToken token) {
        return TokenCodec.encode(Objects.requireNonNull(token, "token"));
    }

    /**
     * Decodes the plaintext of a token record.
     *
     * @param plaintext  the decrypted plaintext, not null
     * @return the token, not null
     * @throws IOException if the plaintext is not a token record; the message never quotes it
     */
    public static OAuthToken decodeToken(byte[] plaintext) throws IOException {
        return TokenCodec.decode(Objects.requireNonNull(plaintext, "plaintext"));
    }

    /**
     * Encodes a session record as the plaintext of its record; the user and key are not in it (they are the id).
     *
     * @param record  the record, not null
     * @return the plaintext, not null
     */
    public static byte[] encodeSession(SessionRecord record) {
        return SessionCodec.encode(Objects.requireNonNull(record, "record"));
    }

    /**
     * Decodes the plaintext of a session record.
     *
     * @param userId  the user the record belongs to, not null
     * @param key  the session key the record belongs to, not null
     * @param plaintext  the decrypted plaintext, not null
     * @return the record, not null
     * @throws IOException if the plaintext is not a session record; the message never quotes it
     */
    public static SessionRecord decodeSession(String userId, SessionKey key, byte[] plaintext) throws IOException {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(key, "key");
        try {
            return SessionCodec.decode(userId, key, Objects.requireNonNull(plaintext, "plaintext"));
        } catch (IllegalArgumentException e) {
            throw new IOException("session record has an invalid value (" + e.getClass().getSimpleName() + ")");
        }
    }
}
