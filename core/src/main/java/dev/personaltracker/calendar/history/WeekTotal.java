package dev.personaltracker.calendar.history;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.Locale;
import java.util.Objects;

/**
 * The study time of one ISO week (Monday to Sunday in the person's local dates) against the weekly goal.
 *
 * @param monday  the Monday that starts the week, not null
 * @param studied  the study time counted in the week, not null, not negative
 * @param goal  the weekly goal, not null, not negative (zero when there is none)
 */
public record WeekTotal(LocalDate monday, Duration studied, Duration goal) {

    /**
     * Validates the components.
     *
     * @param goal  the weekly goal, not null, not negative (zero when there is none)
     * @param monday  the Monday that starts the week, not null
     * @param studied  the study time counted in the week, not null, not negative
     */
    public WeekTotal {
        Objects.requireNonNull(monday, "monday");
        Objects.requireNonNull(studied, "studied");
        Objects.requireNonNull(goal, "goal");
        if (monday.getDayOfWeek() != DayOfWeek.MONDAY) {
            throw new IllegalArgumentException("An ISO week starts on a Monday, but " + monday + " is a "
                    + monday.getDayOfWeek());
        }
        if (studied.isNegative() || goal.isNegative()) {
            throw new IllegalArgumentException("A week's totals cannot be negative, but were studied=" + studied
                    + " and goal=" + goal);
        }
    }

    /**
     * Gets the ISO week-based year, which differs from the calendar year around New Year (2026-12-28 is in 2026-W53,
     * 2027-01-01 too).
     *
     * @return the week-based year
     */
    public int weekBasedYear() {
        return monday.get(IsoFields.WEEK_BASED_YEAR);
    }

    /**
     * Gets the ISO week number, 1 to 53.
     *
     * @return the week of the week-based year
     */
    public int week() {
        return monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
    }

    /**
     * Gets the ISO-8601 name of the week, for example {@code 2026-W09}.
     *
     * @return the name, not null
     */
    public String label() {
        return String.format(Locale.ROOT, "%d-W%02d", weekBasedYear(), week());
    }

    /**
     * Gets the study time still missing to reach the goal.
     *
     * @return the goal minus the study time, zero once the goal is met, not null
     */
    public Duration remaining() {
        Duration r = goal.minus(studied);
        return r.isNegative() ? Duration.ZERO : r;
    }

    /**
     * Checks if the goal is met; a week with no goal (zero) always meets it.
     *
     * @return true if the study time is at least the goal
     */
    public boolean isGoalMet() {
        return studied.compareTo(goal) >= 0;
    }
}
