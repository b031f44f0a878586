package dev.personaltracker.calendar;

import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.time.Interval;
import java.util.Objects;

/**
 * One study session the planner proposed, with the stable key it keeps for its whole life (in the history and in
 * the calendar event that {@link UserTracker#approve} writes).
 *
 * @param key  the session's stable key, not null
 * @param interval  when, not null
 */
public record Proposal(SessionKey key, Interval interval) {

    /**
     * Validates the components.
     *
     * @param key  the session's stable key, not null
     * @param interval  when, not null
     */
    public Proposal {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(interval, "interval");
    }
}
