package dev.personaltracker.calendar.plan;

import dev.personaltracker.calendar.time.Interval;

import java.util.Objects;

/**
 * A study session already scheduled, with the goal it counts toward.
 * <p>
 * This class is immutable and thread-safe.
 *
 * @param goalId  the id of the goal the session counts toward, not null; a session whose goal the preferences do
 *     not hold counts toward no goal but still takes part in the shared rules (break, daily cap)
 * @param interval  when the session takes place, not null
 */
public record ScheduledSession(String goalId, Interval interval) implements Comparable<ScheduledSession> {

    /**
     * Creates a scheduled session.
     *
     * @param goalId  the id of the goal the session counts toward, not null; a session whose goal the preferences do not hold counts toward no goal but still takes part in the shared rules (break, daily cap)
     * @param interval  when the session takes place, not null
     * @throws NullPointerException if a component is null
     */
    public ScheduledSession {
        Objects.requireNonNull(goalId, "goalId");
        Objects.requireNonNull(interval, "interval");
    }

    /**
     * Obtains a scheduled session.
     *
     * @param goalId  the goal it counts toward, not null
     * @param interval  when it takes place, not null
     * @return the session, not null
     */
    public static ScheduledSession of(String goalId, Interval interval) {
        return new ScheduledSession(goalId, interval);
    }

    /**
     * Compares by interval, then by goal id.
     *
     * @param other  the other session, not null
     * @return negative, zero or positive
     */
    @Override
    public int compareTo(ScheduledSession other) {
        int c = interval.compareTo(other.interval);
        return c != 0 ? c : goalId.compareTo(other.goalId);
    }
}
