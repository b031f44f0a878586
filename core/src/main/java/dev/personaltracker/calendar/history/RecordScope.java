package dev.personaltracker.calendar.history;

import dev.personaltracker.calendar.plan.StudyGoal;
import dev.personaltracker.calendar.spi.HistoryStore;
import dev.personaltracker.calendar.spi.SessionRecord;
import dev.personaltracker.calendar.time.Interval;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The records a {@link StudyProgress} may read: those of the user it is bound to (of any user of the store if it is
 * not bound), of every goal or of the one goal it is narrowed to. A progress handed out for one person must never
 * show another's history.
 * <p>
 * Immutable; thread-safe when the store is.
 */
final class RecordScope {

    private final HistoryStore store;
    private final Optional<String> owner;
    /** the goal every query is narrowed to, if any */
    private final Optional<StudyGoal> only;

    RecordScope(HistoryStore store, Optional<String> owner, Optional<StudyGoal> only) {
        this.store = store;
        this.owner = owner;
        this.only = only;
    }

    /** @return the same user's records of one goal */
    RecordScope narrowedTo(StudyGoal goal) {
        return new RecordScope(store, owner, Optional.of(goal));
    }

    /** @return the user the scope is bound to, empty if any user of the store */
    Optional<String> owner() {
        return owner;
    }

    /** @return the goal the scope is narrowed to, empty if every goal */
    Optional<StudyGoal> only() {
        return only;
    }

    /**
     * Gets the bound user, for the queries that take no user id.
     *
     * @throws IllegalStateException if the scope is not bound to a user
     */
    String boundUser() {
        return owner.orElseThrow(() -> new IllegalStateException("These progress queries are not bound to a user: "
                + "pass the user id, or build them with StudyProgress.builder(store).user(id)"));
    }

    /**
     * Reads a user's records whose current time overlaps a range, of the scope's goal if it has one.
     *
     * @throws IllegalArgumentException if the scope is bound to another user
     */
    List<SessionRecord> query(String userId, Interval range) {
        Objects.requireNonNull(userId, "userId");
        if (owner.isPresent() && !owner.get().equals(userId)) {
            throw new IllegalArgumentException("This progress belongs to user '" + owner.get() + "' and cannot answer "
                    + "for user '" + userId + "': ask that user's own UserTracker (tracker.forUser(id).progress())");
        }
        List<SessionRecord> all = store.query(userId, range);
        if (only.isEmpty()) {
            return all;
        }
        String goalId = only.get().id();
        return all.stream().filter(r -> r.goalId().equals(goalId)).toList();
    }
}
