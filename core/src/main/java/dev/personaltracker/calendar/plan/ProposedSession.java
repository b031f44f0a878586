package dev.personaltracker.calendar.plan;

import dev.personaltracker.calendar.time.Interval;

import java.util.Objects;

/**
 * A study session the planner proposes; the host may approve it and write it to a calendar.
 * <p>
 * This class is immutable and thread-safe.
 *
 * @param interval  when the session takes place, not null
 */
public record ProposedSession(Interval interval) implements Comparable<ProposedSession> {

    /**
     * Creates a proposed session.
     *
     * @param interval  when the session takes place, not null
     * @throws NullPointerException if {@code interval} is null
     */
    public ProposedSession {
        Objects.requireNonNull(interval, "interval");
    }

    /**
     * Obtains a proposed session.
     *
     * @param interval  when the session takes place, not null
     * @return the session, not null
     */
    public static ProposedSession of(Interval interval) {
        return new ProposedSession(interval);
    }

    /**
     * Compares by interval: by start, then by end.
     *
     * @param other  the other session, not null
     * @return negative, zero or positive
     */
    @Override
    public int compareTo(ProposedSession other) {
        return interval.compareTo(other.interval);
    }
}
