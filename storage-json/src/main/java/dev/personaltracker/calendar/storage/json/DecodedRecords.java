package dev.personaltracker.calendar.storage.json;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The decoded records of the user files a store read last, so that a person's calls in a row (a reconcile asks the
 * history store a dozen times) do not parse, decrypt and decode the same file again each time.
 * <p>
 * Never trusted blindly: each read still reads the file, and an entry serves only when the file's bytes are exactly
 * those it was decoded from; so a write by any thread or process is seen by the next read, with no clock or file
 * time involved. When the file changed, the records whose ciphertext (and id) is unchanged are still reused, so a
 * write of one record costs the next read one decryption. Holds the last {@code capacity} users read (least recently
 * used out), so its memory does not grow with the number of users. Thread-safe.
 *
 * @param <T>  what a record decodes to; immutable
 */
final class DecodedRecords<T> {

    /** The default number of users kept: more than the threads a host runs at once. */
    static final int DEFAULT_CAPACITY = 64;

    /** A record's id and its ciphertext as stored: the same pair decrypts to the same plaintext. */
    record Sealing(List<String> id, Object sealed) {
    }

    /**
     * One user's file as last decoded.
     *
     * @param bytes  the file's bytes as read
     * @param records  the decoded records in file order, with their ids
     * @param bySealing  the decoded records by id and ciphertext
     */
    record Entry<T>(byte[] bytes, List<Decoded<T>> records, Map<Sealing, T> bySealing) {
    }

    /**
     * A decoded record.
     *
     * @param id  its id
     * @param value  what it decoded to
     */
    record Decoded<T>(List<String> id, T value) {
    }

    private final int capacity;
    private final Map<String, Entry<T>> entries;

    DecodedRecords(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative, but is " + capacity);
        }
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(16, 0.75f, true);
    }

    /** @return the entry of a user's file, if kept */
    synchronized Optional<Entry<T>> get(String user) {
        return Optional.ofNullable(entries.get(user));
    }

    synchronized void put(String user, Entry<T> entry) {
        if (capacity == 0) {
            return;
        }
        entries.put(user, entry);
        if (entries.size() > capacity) {
            entries.remove(entries.keySet().iterator().next());
        }
    }

    synchronized void forget(String user) {
        entries.remove(user);
    }
}
