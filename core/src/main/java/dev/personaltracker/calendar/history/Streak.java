package dev.personaltracker.calendar.history;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs of consecutive local dates with study, as {@link StudyProgress#streak(String)} counts them.
 *
 * @param current  the days in the run that ends today or on the last lived day before today, zero if that run is
 *                 broken; not negative
 * @param longest  the days in the longest run ever, at least {@code current}
 * @param lastStudyDay  the latest date with study up to today, if any, not null
 */
public record Streak(int current, int longest, Optional<LocalDate> lastStudyDay) {

    /**
     * Validates the components.
     *
     * @param current  the days in the run that ends today or on the last lived day before today, zero if that run is broken; not negative
     * @param lastStudyDay  the latest date with study up to today, if any, not null
     * @param longest  the days in the longest run ever, at least {@code current}
     */
    public Streak {
        Objects.requireNonNull(lastStudyDay, "lastStudyDay");
        if (current < 0 || longest < current) {
            throw new IllegalArgumentException("A streak needs 0 <= current <= longest, but current=" + current
                    + " and longest=" + longest);
        }
    }
}
