package dev.personaltracker.calendar.spi;

import java.time.Duration;
import java.util.Optional;

/**
 * The calendar service kept refusing requests for quota or rate reasons after the configured retries.
 * The host should wait, at least {@link #retryAfter()} when the service said how long.
 */
public class RateLimitedException extends ProviderUnavailableException {
    private static final long serialVersionUID = 1L;

    /** How long the service asked to wait, null if it did not say. */
    private final Duration retryAfter;

    /**
     * @param message  which service and request, not null
     * @param retryAfter  how long the service asked to wait, may be null when it did not say
     * @param cause  the last failure, may be null
     */
    public RateLimitedException(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    /** @return how long the service asked to wait, if it said */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
