package dev.personaltracker.calendar;

import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.spi.SessionRecord;
import dev.personaltracker.calendar.time.Interval;
import java.util.Objects;

/**
 * One study session the planner proposed, with the stable key it keeps for its whole life (in the history and in
 * the calendar event that {@link UserTracker#approve} writes) and the goal it serves.
 *
 * @param key  the session's stable key, not null
 * @param interval  when, not null
 * @param goalId  the id of the study goal it serves, not blank
 */
public record Proposal(SessionKey key, Interval interval, String goalId) {

    /**
     * Validates the components.
     *
     * @param key  the session's stable key, not null
     * @param interval  when, not null
     * @param goalId  the id of the study goal it serves, not blank
     */
    public Proposal {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(goalId, "goalId");
        if (goalId.isBlank()) {
            throw new IllegalArgumentException("goalId must not be blank");
        }
    }

    /**
     * Creates a proposal of the single default goal {@value SessionRecord#DEFAULT_GOAL_ID}.
     *
     * @param key  the session's stable key, not null
     * @param interval  when, not null
     */
    public Proposal(SessionKey key, Interval interval) {
        this(key, interval, SessionRecord.DEFAULT_GOAL_ID);
    }
}
