package dev.personaltracker.calendar.spi;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

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

    /**
     *
     * @param maxAttempts  attempts in all, including the first, at least 1
     * @param initialDelay  the first backoff, not negative
     * @param maxDelay  the largest single backoff, not less than {@code initialDelay}
     * @param maxElapsed  the whole budget for one call, positive
     * @throws IllegalArgumentException naming the bad value
     */
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

    /**
     * Computes the wait before a retry: the service's {@code Retry-After} capped at {@link #maxDelay()} when it gave
     * one, otherwise full jitter, uniform in {@code [0, min(maxDelay, initialDelay * 2^(retry - 1))]}.
     * Whether a retry is allowed at all (attempts left, {@link #maxElapsed()}) is the caller's check.
     *
     * @param retry  which retry this is, 1 for the first, at least 1
     * @param retryAfter  what the service asked for, if anything, not null
     * @param random  the source of jitter, not null (tests pass a seeded one)
     * @return the wait, not negative, at most {@link #maxDelay()}
     * @throws IllegalArgumentException if {@code retry} is below 1
     */
    public Duration backoff(int retry, Optional<Duration> retryAfter, RandomGenerator random) {
        Objects.requireNonNull(retryAfter, "retryAfter");
        Objects.requireNonNull(random, "random");
        if (retry < 1) {
            throw new IllegalArgumentException("retry must be at least 1, but was " + retry);
        }
        if (retryAfter.isPresent()) {
            Duration asked = retryAfter.get().isNegative() ? Duration.ZERO : retryAfter.get();
            return asked.compareTo(maxDelay) > 0 ? maxDelay : asked;
        }
        long cap = maxDelay.toMillis();
        long ceiling = initialDelay.toMillis();
        for (int i = 1; i < retry && ceiling < cap; i++) {
            ceiling *= 2;
        }
        ceiling = Math.min(ceiling, cap);
        return Duration.ofMillis(ceiling <= 0 ? 0 : random.nextLong(ceiling + 1));
    }

    /**
     * Reads an HTTP {@code Retry-After} value (RFC 9110, section 10.2.3): either delay-seconds or an HTTP-date,
     * which is counted from {@code now}.
     *
     * @param value  the header value, may be null
     * @param now  the current instant, not null
     * @return the wait, never negative (a date in the past is zero); empty if the value is absent, blank or unreadable
     */
    public static Optional<Duration> parseRetryAfter(String value, Instant now) {
        Objects.requireNonNull(now, "now");
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.strip();
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(v))));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration d = Duration.between(now, ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }
}
