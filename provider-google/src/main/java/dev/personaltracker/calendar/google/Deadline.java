package dev.personaltracker.calendar.google;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * When one call must be over, on the provider's monotonic clock: a read's {@code readDeadline} or a write's retry
 * budget. Shared by every request of one call, including requests made in parallel for several calendars.
 *
 * @param endNanos  the monotonic instant the call must end by
 * @param budget  the whole time given, for messages
 */
record Deadline(long endNanos, Duration budget) {

    /**
     * Starts a deadline.
     *
     * @param budget  the time given, positive
     * @param nanoTime  the monotonic clock
     * @return the deadline, {@code budget} from now
     */
    static Deadline after(Duration budget, LongSupplier nanoTime) {
        return new Deadline(nanoTime.getAsLong() + budget.toNanos(), budget);
    }

    /** @return the time left, negative or zero when the deadline has passed */
    Duration remaining(LongSupplier nanoTime) {
        return Duration.ofNanos(endNanos - nanoTime.getAsLong());
    }

    /** @return the earlier of this deadline and {@code other} */
    Deadline min(Deadline other) {
        return other.endNanos - endNanos < 0 ? other : this;
    }
}
