package dev.personaltracker.calendar.spi;

import dev.personaltracker.calendar.time.Interval;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

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

    /**
     * Saves several records together, replacing records with the same user and key: for example the records of all
     * sessions approved in one batch. Stores that can make it atomic do so and say so (the PostgreSQL store writes
     * them in one transaction: all land or none). The default implementation saves them one at a time, so a failure
     * part-way leaves the records before it saved.
     *
     * @param records  the records, in the order to apply (a later record with the same user and key wins), not null
     */
    default void saveAll(Collection<SessionRecord> records) {
        Objects.requireNonNull(records, "records");
        records.forEach(r -> Objects.requireNonNull(r, "records contains null"));
        records.forEach(this::save);
    }

    /**
     * Applies a transition to one session's record and saves the result, as one step that no concurrent writer can
     * interleave with: the transition is given the current record (empty if none) and returns the record to store;
     * returning the current record unchanged saves nothing.
     * <p>
     * Stores shared by several processes implement this with optimistic concurrency: if another writer changed the
     * record between the read and the write, the store reads it again and applies the transition again, so the
     * transition may run more than once and must have no side effects; an exception it throws is passed on and
     * nothing is saved. The default implementation finds, applies and saves, which is atomic only when every writer
     * of the record lives in this JVM and serializes its steps (as {@code SessionLifecycle} does).
     *
     * @param userId  the user, not null
     * @param key  the session key, not null
     * @param transition  from the current record (empty if none) to the record to store, which must have the same
     *     user and key, not null
     * @return the record stored after the step, not null
     * @throws IllegalArgumentException if the transition returns a record of another user or key
     */
    default SessionRecord update(String userId, SessionKey key, Function<Optional<SessionRecord>, SessionRecord> transition) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(transition, "transition");
        Optional<SessionRecord> current = find(userId, key);
        SessionRecord next = requireSameRecord(userId, key, transition.apply(current));
        if (!current.equals(Optional.of(next))) {
            save(next);
        }
        return next;
    }

    /**
     * Lists the users who have a {@link SessionStatus#SCHEDULED scheduled} session whose interval overlaps a range:
     * the users a background reconciler keeps an eye on. The default implementation cannot list users and throws;
     * the stores of this library implement it, and a host with its own store either implements it or gives the
     * background reconciler its own list of users.
     *
     * @param range  the range, not null
     * @return the user ids, not null
     * @throws UnsupportedOperationException if this store cannot list users
     */
    default java.util.Set<String> usersWithScheduledSessions(Interval range) {
        throw new UnsupportedOperationException(getClass().getName() + " cannot list the users with scheduled sessions;"
                + " implement usersWithScheduledSessions, or build the BackgroundReconciler with"
                + " BackgroundReconciler.builder(target, clock, users) and give it the users");
    }

    /**
     * Checks whether a record counts for {@link #usersWithScheduledSessions}; for implementations, so that every store
     * lists the same users.
     *
     * @param record  the record, not null
     * @param range  the range, not null
     * @return true if the session is {@link SessionStatus#SCHEDULED scheduled} and overlaps the range
     */
    static boolean scheduledDuring(SessionRecord record, Interval range) {
        return record.status() == SessionStatus.SCHEDULED && record.interval().overlaps(range);
    }

    /**
     * Checks that a transition kept the record's user and key; for implementations of {@link #update}.
     *
     * @param userId  the user the step was for, not null
     * @param key  the session key the step was for, not null
     * @param next  what the transition returned
     * @return {@code next}, not null
     * @throws IllegalArgumentException if {@code next} belongs to another user or key
     * @throws NullPointerException if {@code next} is null
     */
    static SessionRecord requireSameRecord(String userId, SessionKey key, SessionRecord next) {
        Objects.requireNonNull(next, "the transition returned null; return the current record to save nothing");
        if (!next.userId().equals(userId) || !next.key().equals(key)) {
            throw new IllegalArgumentException("A transition of session '" + key + "' of user '" + userId
                    + "' returned the record of session '" + next.key() + "' of user '" + next.userId()
                    + "'; return a record of the same user and key");
        }
        return next;
    }
}
