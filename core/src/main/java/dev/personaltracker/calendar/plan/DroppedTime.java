package dev.personaltracker.calendar.plan;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Objects;

/**
 * Study time of one goal in one ISO week that {@link StudyPlanner#reconcile reconcile} had to drop because the
 * week had no legal slot left for it.
 * <p>
 * This class is immutable and thread-safe.
 *
 * @param goalId  the goal, not null
 * @param weekStart  the Monday the ISO week starts on, in the preferences' zone, not null
 * @param time  the length of the dropped sessions of that goal in that week, positive, not null
 */
public record DroppedTime(String goalId, LocalDate weekStart, Duration time) {

    /**
     * Creates the record.
     *
     * @param goalId  the goal, not null
     * @param weekStart  the Monday the ISO week starts on, in the preferences' zone, not null
     * @param time  the length of the dropped sessions of that goal in that week, positive, not null
     * @throws NullPointerException if a component is null
     */
    public DroppedTime {
        Objects.requireNonNull(goalId, "goalId");
        Objects.requireNonNull(weekStart, "weekStart");
        Objects.requireNonNull(time, "time");
    }
}
