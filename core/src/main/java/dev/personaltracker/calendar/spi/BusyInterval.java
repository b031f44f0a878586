package dev.personaltracker.calendar.spi;

import dev.personaltracker.calendar.time.Interval;
import java.util.Objects;

/**
 * A span of busy time with its source.
 *
 * @param interval  when, not null
 * @param source  which event on which calendar, not null
 * @param facts  the event facts the {@link BusyPolicy} judged, not null
 */
public record BusyInterval(Interval interval, BusySource source, EventFacts facts) {

    /**
     * Validates the components.
     *
     * @param interval  when, not null
     * @param source  which event on which calendar, not null
     * @param facts  the event facts the {@link BusyPolicy} judged, not null
     */
    public BusyInterval {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(facts, "facts");
    }
}
