package dev.personaltracker.calendar.plan;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How one goal of a {@link StudyPlan} went: its target in the window, what existed, what was placed, what is
 * missing, week by week, and for a deadline goal whether it is on track.
 * <p>
 * This class is immutable and thread-safe.
 *
 * @param goalId  the goal's id, not null
 * @param kind  weekly or deadline, not null
 * @param target  a weekly goal's time per week times the ISO weeks the window touches; a deadline goal's total,
 *     not null
 * @param existing  the time of the goal's existing sessions that count toward it (inside the weeks planned for a
 *     weekly goal; inside {@code [window start, due)} for a deadline goal), not null
 * @param placed  the time of the goal's proposed sessions, not null
 * @param shortfall  {@code target - existing - placed} for a deadline goal, the sum of the weeks' shortfalls for a
 *     weekly goal; never negative, not null
 * @param weeks  per ISO week planned for the goal, ascending: the week's share, existing and placed time, its
 *     shortfall and reasons, not null
 * @param deadline  for a deadline goal its status, empty for a weekly goal, not null
 */
public record GoalSummary(String goalId, StudyGoal.Kind kind, Duration target, Duration existing, Duration placed,
        Duration shortfall, List<WeekSummary> weeks, Optional<DeadlineStatus> deadline) {

    /**
     * Creates a goal summary, copying the weeks.
     *
     * @param goalId  the goal's id, not null
     * @param kind  weekly or deadline, not null
     * @param target  a weekly goal's time per week times the ISO weeks the window touches; a deadline goal's total, not null
     * @param existing  the time of the goal's existing sessions that count toward it (inside the weeks planned for a weekly goal; inside {@code [window start, due)} for a deadline goal), not null
     * @param placed  the time of the goal's proposed sessions, not null
     * @param shortfall  {@code target - existing - placed} for a deadline goal, the sum of the weeks' shortfalls for a weekly goal; never negative, not null
     * @param weeks  per ISO week planned for the goal, ascending: the week's share, existing and placed time, its shortfall and reasons, not null
     * @param deadline  for a deadline goal its status, empty for a weekly goal, not null
     * @throws NullPointerException if a component or an element is null
     */
    public GoalSummary {
        Objects.requireNonNull(goalId, "goalId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(existing, "existing");
        Objects.requireNonNull(placed, "placed");
        Objects.requireNonNull(shortfall, "shortfall");
        weeks = List.copyOf(Objects.requireNonNull(weeks, "weeks"));
        Objects.requireNonNull(deadline, "deadline");
    }

    /**
     * Checks if the goal reached its target.
     *
     * @return true if the shortfall is zero
     */
    public boolean goalMet() {
        return shortfall.isZero();
    }
}
