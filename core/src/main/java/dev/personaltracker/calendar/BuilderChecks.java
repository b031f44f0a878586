package dev.personaltracker.calendar;

import java.time.Duration;
import java.util.Objects;

/**
 * Checks the arguments of {@link BackgroundReconciler.Builder}'s setters; each message names the argument and the
 * value.
 */
final class BuilderChecks {

    private BuilderChecks() {
    }

    /**
     * @return the duration
     * @throws NullPointerException naming it, if null
     * @throws IllegalArgumentException if it is zero or negative
     */
    static Duration positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, but was " + d);
        }
        return d;
    }

    /**
     * @return the number
     * @throws IllegalArgumentException if it is below 1
     */
    static int atLeastOne(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, but was " + value);
        }
        return value;
    }

    /**
     * @return the text
     * @throws NullPointerException naming it, if null
     * @throws IllegalArgumentException if it is blank
     */
    static String nonBlank(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }
}
