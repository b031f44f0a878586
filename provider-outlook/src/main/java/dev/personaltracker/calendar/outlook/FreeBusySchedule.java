package dev.personaltracker.calendar.outlook;

import dev.personaltracker.calendar.time.IntervalSet;
import java.util.Objects;
import java.util.Optional;

/**
 * Another person's (or a room's) busy time, as Graph {@code getSchedule} reports it, classified by a
 * {@link dev.personaltracker.calendar.spi.BusyPolicy}.
 *
 * @param address  the SMTP address asked about, not null
 * @param busy  the busy time inside the window asked about, not null
 * @param error  Graph's message when it could not read this schedule (unknown address, no permission); the busy
 *               time is then empty
 */
public record FreeBusySchedule(String address, IntervalSet busy, Optional<String> error) {

    /**
     * Validates the components.
     *
     * @param address  the SMTP address asked about, not null
     * @param busy  the busy time inside the window asked about, not null
     * @param error  Graph's message when it could not read this schedule (unknown address, no permission); the busy time is then empty
     */
    public FreeBusySchedule {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(busy, "busy");
        Objects.requireNonNull(error, "error");
    }
}
