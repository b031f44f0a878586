package dev.personaltracker.calendar.spi;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The busy time a connection last synced, read from its stored sync state without asking the service: what the
 * facade plans on, and says so, when the service cannot be read now (see
 * {@link CalendarConnection#lastKnownBusy}).
 *
 * @param busy  the busy intervals of the calendars asked for, clipped to the window asked for, sorted by start, not
 *              null
 * @param syncedAt  when the oldest of those calendars was last synced with the service; empty if the provider
 *                  cannot tell (the facade then reports the snapshot's age as unavailable)
 * @since 0.2
 */
public record BusySnapshot(List<BusyInterval> busy, Optional<Instant> syncedAt) {

    /**
     * Validates and copies the components.
     *
     * @param busy  the busy intervals, not null
     * @param syncedAt  when last synced, if known, not null
     */
    public BusySnapshot {
        busy = List.copyOf(Objects.requireNonNull(busy, "busy"));
        Objects.requireNonNull(syncedAt, "syncedAt");
    }
}
