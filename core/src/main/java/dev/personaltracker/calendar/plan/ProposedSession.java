package dev.personaltracker.calendar.plan;

import dev.personaltracker.calendar.time.Interval;

import java.util.Objects;

/**
 * A study session the planner proposes for one goal; the host may approve it and write it to a calendar.
 * <p>
 * This class is immutable and thread-safe.
 *
 * @param goalId  the id of the goal the session counts toward, not null
 * @param interval  when the session takes place, not null
 */
public record ProposedSession(String goalId, Interval interval) implements Comparable<ProposedSession> {

    /**
     * Creates a proposed session.
     *
     * @param goalId  the id of the goal the session counts toward, not null
     * @param interval  when the session takes place, not null
     * @throws NullPointerException if a component is null
     */
    public ProposedSession {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(goalId, "goalId");
    }

    /**
     * Creates a proposed session of the single goal {@value StudyPreferences#DEFAULT_GOAL_ID}.
     *
     * @param interval  when the session takes place, not null
     * @throws NullPointerException if {@code interval} is null
     */
    public ProposedSession(Interval interval) {
        this(StudyPreferences.DEFAULT_GOAL_ID, interval);
    }

    /**
     * Obtains a proposed session of the single goal {@value StudyPreferences#DEFAULT_GOAL_ID}.
     *
     * @param interval  when the session takes place, not null
     * @return the session, not null
     */
    public static ProposedSession of(Interval interval) {
        return new ProposedSession(interval);
    }

    /**
     * Obtains a proposed session of the given goal.
     *
     * @param goalId  the goal it counts toward, not null
     * @param interval  when the session takes place, not null
     * @return the session, not null
     */
    public static ProposedSession of(String goalId, Interval interval) {
        return new ProposedSession(goalId, interval);
    }

    /**
     * Compares by interval (by start, then by end), then by goal id.
     *
     * @param other  the other session, not null
     * @return negative, zero or positive
     */
    @Override
    public int compareTo(ProposedSession other) {
        int c = interval.compareTo(other.interval);
        return c != 0 ? c : goalId.compareTo(other.goalId);
    }
}
