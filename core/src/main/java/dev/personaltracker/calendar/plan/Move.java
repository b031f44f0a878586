package dev.personaltracker.calendar.plan;

import dev.personaltracker.calendar.time.Interval;

import java.util.Objects;

/**
 * A scheduled session that {@link StudyPlanner#reconcile reconcile} moved: its goal, where it was and where it goes.
 * Both intervals have the same length and lie in the same ISO week.
 * <p>
 * This class is immutable and thread-safe.
 *
 * @param goalId  the goal the session counts toward, before and after the move, not null
 * @param from  the old, now broken place, not null
 * @param to  the new, legal place, not null
 */
public record Move(String goalId, Interval from, Interval to) {

    /**
     * Creates a move.
     *
     * @param goalId  the goal the session counts toward, before and after the move, not null
     * @param from  the old, now broken place, not null
     * @param to  the new, legal place, not null
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if the two intervals differ in length; the message names both
     */
    public Move {
        Objects.requireNonNull(goalId, "goalId");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!from.duration().equals(to.duration())) {
            throw new IllegalArgumentException("A move keeps the session's length, but from=" + from + " and to=" + to);
        }
    }

    /**
     * Creates a move of a session of the single goal {@value StudyPreferences#DEFAULT_GOAL_ID}.
     *
     * @param from  the old place, not null
     * @param to  the new place, not null
     * @throws NullPointerException if an interval is null
     * @throws IllegalArgumentException if the two intervals differ in length; the message names both
     */
    public Move(Interval from, Interval to) {
        this(StudyPreferences.DEFAULT_GOAL_ID, from, to);
    }
}
