package dev.personaltracker.calendar.plan;

import java.time.Duration;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * How one ISO week of a {@link StudyPlan} went: its goal, what existed, what was placed, and, if the goal
 * was missed, why. A host can show this to explain a shortfall.
 * <p>
 * This class is immutable and thread-safe.
 *
 * @param weekStart  the Monday the ISO week starts on, in the preferences' zone, not null
 * @param goal  the weekly goal, not null
 * @param existing  the time of existing sessions inside the week, not null
 * @param placed  the time of the proposed sessions inside the week, not null
 * @param shortfall  {@code goal - existing - placed}, never negative, not null
 * @param reasons  what limited the week; empty when the goal was met, not null
 */
public record WeekSummary(LocalDate weekStart, Duration goal, Duration existing, Duration placed,
        Duration shortfall, Set<ShortfallReason> reasons) {

    /**
     * Creates a week summary, copying the reasons.
     *
     * @param existing  the time of existing sessions inside the week, not null
     * @param goal  the weekly goal, not null
     * @param placed  the time of the proposed sessions inside the week, not null
     * @param reasons  what limited the week; empty when the goal was met, not null
     * @param shortfall  {@code goal - existing - placed}, never negative, not null
     * @param weekStart  the Monday the ISO week starts on, in the preferences' zone, not null
     * @throws NullPointerException if any component is null
     */
    public WeekSummary {
        Objects.requireNonNull(weekStart, "weekStart");
        Objects.requireNonNull(goal, "goal");
        Objects.requireNonNull(existing, "existing");
        Objects.requireNonNull(placed, "placed");
        Objects.requireNonNull(shortfall, "shortfall");
        Objects.requireNonNull(reasons, "reasons");
        reasons = reasons.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(reasons));
    }

    /**
     * Checks if the week reached its goal.
     *
     * @return true if the shortfall is zero
     */
    public boolean goalMet() {
        return shortfall.isZero();
    }
}
