package dev.personaltracker.calendar.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock the test sets and advances by hand ("the week passed"). Shared through core's test-jar with the other
 * modules' tests. Thread-safe; {@link #withZone} returns this same clock, so a zoned view keeps following it.
 */
public final class MutableClock extends Clock {
    private volatile Instant now;

    /** @param now  the first instant, not null */
    public MutableClock(Instant now) {
        this.now = now;
    }

    /** @param instant  the new current instant, not null */
    public void set(Instant instant) {
        now = instant;
    }

    /** @param d  how far to move the clock forward, not null */
    public void advance(Duration d) {
        now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
