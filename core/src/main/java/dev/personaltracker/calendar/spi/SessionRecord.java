package dev.personaltracker.calendar.spi;

import dev.personaltracker.calendar.time.Interval;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The history of one study session: its current time and status, where its event lives, and every change.
 * A {@link HistoryStore} keeps one record per (user, key).
 *
 * @param userId  the host's id for the person, not blank
 * @param key  the session's stable key, not null
 * @param interval  the session's current time, not null
 * @param status  where it stands, not null
 * @param event  where its calendar event lives, once scheduled
 * @param changes  every recorded step, oldest first, not null
 * @param actual  how long the person actually studied, if reported
 * @param note  the person's note, if any
 * @param goalId  the id of the study goal the session serves ({@link #DEFAULT_GOAL_ID} for a record written before
 *     sessions had goals, and for the single goal of {@code weeklyGoal(d)}), not blank
 */
public record SessionRecord(String userId, SessionKey key, Interval interval, SessionStatus status,
        Optional<EventRef> event, List<SessionChange> changes, Optional<Duration> actual, Optional<String> note,
        String goalId) {

    /**
     * The goal id of a record that names none: the id of the single goal that {@code weeklyGoal(d)} makes
     * ({@code StudyPreferences.DEFAULT_GOAL_ID}). Stores read records written before sessions had goals with it.
     */
    public static final String DEFAULT_GOAL_ID = "study";

    /**
     * Validates and copies the components.
     *
     * @param userId  the host's id for the person, not blank
     * @param key  the session's stable key, not null
     * @param interval  the session's current time, not null
     * @param status  where it stands, not null
     * @param actual  how long the person actually studied, if reported
     * @param changes  every recorded step, oldest first, not null
     * @param event  where its calendar event lives, once scheduled
     * @param note  the person's note, if any
     * @param goalId  the id of the study goal the session serves, not blank
     */
    public SessionRecord {
        UserIds.require(userId);
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(event, "event");
        changes = List.copyOf(Objects.requireNonNull(changes, "changes"));
        Objects.requireNonNull(actual, "actual");
        Objects.requireNonNull(note, "note");
        Require.nonBlank(goalId, "goalId");
    }

    /**
     * Creates a record of the goal {@link #DEFAULT_GOAL_ID} (the form of records written before sessions had goals).
     *
     * @param userId  the host's id for the person, not blank
     * @param key  the session's stable key, not null
     * @param interval  the session's current time, not null
     * @param status  where it stands, not null
     * @param event  where its calendar event lives, once scheduled
     * @param changes  every recorded step, oldest first, not null
     * @param actual  how long the person actually studied, if reported
     * @param note  the person's note, if any
     */
    public SessionRecord(String userId, SessionKey key, Interval interval, SessionStatus status,
            Optional<EventRef> event, List<SessionChange> changes, Optional<Duration> actual, Optional<String> note) {
        this(userId, key, interval, status, event, changes, actual, note, DEFAULT_GOAL_ID);
    }

    /**
     * Obtains the record of a newly proposed session.
     *
     * @param userId  the user, not blank
     * @param key  the key, not null
     * @param interval  the proposed time, not null
     * @param at  when it was proposed, not null
     * @return the record, status {@link SessionStatus#PROPOSED}, not null
     */
    public static SessionRecord proposed(String userId, SessionKey key, Interval interval, Instant at) {
        return proposed(userId, key, DEFAULT_GOAL_ID, interval, at);
    }

    /**
     * Obtains the record of a newly proposed session of a goal.
     *
     * @param userId  the user, not blank
     * @param key  the key, not null
     * @param goalId  the goal the session serves, not blank
     * @param interval  the proposed time, not null
     * @param at  when it was proposed, not null
     * @return the record, status {@link SessionStatus#PROPOSED}, not null
     */
    public static SessionRecord proposed(String userId, SessionKey key, String goalId, Interval interval, Instant at) {
        SessionChange change = new SessionChange(at, ChangeKind.PROPOSED, Optional.empty(), Optional.of(interval),
                Optional.empty(), Optional.empty());
        return new SessionRecord(userId, key, interval, SessionStatus.PROPOSED, Optional.empty(), List.of(change),
                Optional.empty(), Optional.empty(), goalId);
    }

    /**
     * Obtains a copy with one more change, a new time and a new status.
     *
     * @param change  the change to append, not null
     * @param newInterval  the session's time after the change, not null
     * @param newStatus  the status after the change, not null
     * @return the new record, not null
     */
    public SessionRecord with(SessionChange change, Interval newInterval, SessionStatus newStatus) {
        List<SessionChange> all = new ArrayList<>(changes);
        all.add(Objects.requireNonNull(change, "change"));
        return new SessionRecord(userId, key, newInterval, newStatus, event, all, actual, note, goalId);
    }

    /**
     * @param value  where the event lives, not null
     * @return a copy with that event reference
     */
    public SessionRecord withEvent(EventRef value) {
        return new SessionRecord(userId, key, interval, status, Optional.of(value), changes, actual, note, goalId);
    }

    /**
     * @param actualDuration  how long the person studied, if reported, not null
     * @param noteText  the person's note, if any, not null
     * @return a copy with those
     */
    public SessionRecord withOutcome(Optional<Duration> actualDuration, Optional<String> noteText) {
        return new SessionRecord(userId, key, interval, status, event, changes, actualDuration, noteText, goalId);
    }

    /**
     * @param value  the goal the session serves, not blank
     * @return a copy of this record for that goal
     */
    public SessionRecord withGoal(String value) {
        return new SessionRecord(userId, key, interval, status, event, changes, actual, note, value);
    }
}
