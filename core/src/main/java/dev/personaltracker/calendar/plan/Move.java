package dev.personaltracker.calendar.plan;

import dev.personaltracker.calendar.time.Interval;

import java.util.Objects;

/**
 * A scheduled session that {@link StudyPlanner#reconcile reconcile} moved: where it was and where it goes.
 * Both intervals have the same length.
 * <p>
 * This class is immutable and thread-safe.
 *
 * @param from  the old, now broken place, not null
 * @param to  the new, legal place, not null
 */
public record Move(Interval from, Interval to) {

    /**
     * Creates a move.
     *
     * @param from  the old, now broken place, not null
     * @param to  the new, legal place, not null
     * @throws NullPointerException if either interval is null
     * @throws IllegalArgumentException if the two intervals differ in length; the message names both
     */
    public Move {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!from.duration().equals(to.duration())) {
            throw new IllegalArgumentException("A move keeps the session's length, but from=" + from + " and to=" + to);
        }
    }
}
