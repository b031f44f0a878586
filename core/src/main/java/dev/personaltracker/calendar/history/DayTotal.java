package dev.personaltracker.calendar.history;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Objects;

/**
 * The study time of one local date, as {@link StudyProgress} counts it.
 *
 * @param date  the person's local date, not null
 * @param studied  the study time counted on that date, not null, not negative
 * @param sessions  how many completed sessions started on that date, not negative
 */
public record DayTotal(LocalDate date, Duration studied, int sessions) {

    /**
     * Validates the components.
     *
     * @param date  the person's local date, not null
     * @param studied  the study time counted on that date, not null, not negative
     * @param sessions  how many completed sessions started on that date, not negative
     */
    public DayTotal {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(studied, "studied");
        if (studied.isNegative() || sessions < 0) {
            throw new IllegalArgumentException("A day's totals cannot be negative, but were " + studied + " and "
                    + sessions + " sessions on " + date);
        }
    }

    /**
     * Checks if the person studied on this date.
     *
     * @return true if the study time is positive
     */
    public boolean hasStudy() {
        return !studied.isZero();
    }
}
