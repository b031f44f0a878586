package dev.personaltracker.calendar.history;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * How much of the scheduled study time took place, as {@link StudyProgress#adherence} counts it.
 *
 * @param completed  the completed study time, each session credited at most its planned length, not null,
 *                   not negative, at most {@code scheduled}
 * @param scheduled  the planned length of the sessions whose outcome is known, not null, not negative
 */
public record Adherence(Duration completed, Duration scheduled) {

    /**
     * Validates the components.
     *
     * @param completed  the completed study time, each session credited at most its planned length, not null, not negative, at most {@code scheduled}
     * @param scheduled  the planned length of the sessions whose outcome is known, not null, not negative
     */
    public Adherence {
        Objects.requireNonNull(completed, "completed");
        Objects.requireNonNull(scheduled, "scheduled");
        if (completed.isNegative() || completed.compareTo(scheduled) > 0) {
            throw new IllegalArgumentException("Adherence needs 0 <= completed <= scheduled, but completed="
                    + completed + " and scheduled=" + scheduled);
        }
    }

    /**
     * Gets completed over scheduled time.
     *
     * @return a ratio within [0, 1], empty if nothing was scheduled
     */
    public OptionalDouble ratio() {
        if (scheduled.isZero()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of((double) completed.toSeconds() / scheduled.toSeconds());
    }
}
