package dev.personaltracker.calendar.spi;

import java.time.Duration;
import java.util.Objects;

/**
 * How a provider retries throttled (429, rate-limit 403) and failed (5xx, connection fault) requests:
 * exponential backoff with full jitter from {@code initialDelay}, doubling up to {@code maxDelay}, at most
 * {@code maxAttempts} attempts in all and never past {@code maxElapsed}. A {@code Retry-After} from the service
 * wins over the computed delay (capped at {@code maxDelay}).
 *
 * @param maxAttempts  attempts in all, including the first, at least 1
 * @param initialDelay  the first backoff, not negative
 * @param maxDelay  the largest single backoff, not less than {@code initialDelay}
 * @param maxElapsed  the whole budget for one call, positive
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay, Duration maxElapsed) {

    /** @throws IllegalArgumentException naming the bad value */
    public RetryPolicy {
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(maxElapsed, "maxElapsed");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, but was " + maxAttempts);
        }
        if (initialDelay.isNegative()) {
            throw new IllegalArgumentException("initialDelay must not be negative, but was " + initialDelay);
        }
        if (maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("maxDelay must be at least initialDelay=" + initialDelay + ", but was " + maxDelay);
        }
        if (maxElapsed.isNegative() || maxElapsed.isZero()) {
            throw new IllegalArgumentException("maxElapsed must be positive, but was " + maxElapsed);
        }
    }

    /** @return 5 attempts, 500 ms doubling up to 30 s, at most 2 minutes per call */
    public static RetryPolicy defaults() {
        return new RetryPolicy(5, Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofMinutes(2));
    }

    /** @return a single attempt: no retry */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ofMinutes(2));
    }
}
