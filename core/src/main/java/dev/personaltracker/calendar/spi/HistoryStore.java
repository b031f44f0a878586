package dev.personaltracker.calendar.spi;

import dev.personaltracker.calendar.time.Interval;
import java.util.List;
import java.util.Optional;

/**
 * Keeps the history of study sessions: one {@link SessionRecord} per (user, session key), replaced as the session
 * moves through its life.
 * <p>
 * Implementations must be thread-safe; a {@code save} that returned is durable (for persistent stores).
 */
public interface HistoryStore {

    /**
     * Saves a record, replacing the record with the same user and key if there is one.
     *
     * @param record  the record, not null
     */
    void save(SessionRecord record);

    /**
     * Finds the record of one session.
     *
     * @param userId  the user, not null
     * @param key  the session key, not null
     * @return the record, empty if none
     */
    Optional<SessionRecord> find(String userId, SessionKey key);

    /**
     * Lists a user's records whose current interval overlaps a range.
     *
     * @param userId  the user, not null
     * @param range  the range, not null
     * @return the records, sorted by interval start then key, not null
     */
    List<SessionRecord> query(String userId, Interval range);

    /**
     * Deletes the record of one session.
     *
     * @param userId  the user, not null
     * @param key  the session key, not null
     * @return true if a record was deleted
     */
    boolean delete(String userId, SessionKey key);
}
