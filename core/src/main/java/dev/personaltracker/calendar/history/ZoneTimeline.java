package dev.personaltracker.calendar.history;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The time zones a person lived in, over time: one zone from the beginning, then a zone change at each instant they
 * moved (or travelled, if the host tracks that). Progress is counted in the person's own days, so a session belongs
 * to the local date of its start in the zone the person was in at that start.
 * <p>
 * Some local dates are never lived: a flight east across the date line, or a zone that itself skipped a day
 * ({@code Pacific/Apia} skipped 2011-12-30). {@link #isLived(LocalDate)} says so, and a streak is not broken by a
 * day the person never had. Dates lived twice (a flight west across the date line) are simply one date.
 * <p>
 * This class is immutable and thread-safe.
 */
public final class ZoneTimeline {

    /** One zone from {@code from} (inclusive) until the next segment's {@code from}. */
    private record Segment(Instant from, ZoneId zone) {
    }

    private final List<Segment> segments;

    private ZoneTimeline(List<Segment> segments) {
        this.segments = Collections.unmodifiableList(segments);
    }

    /**
     * Obtains a timeline with a single zone for all time.
     *
     * @param zone  the zone, not null
     * @return the timeline, not null
     */
    public static ZoneTimeline of(ZoneId zone) {
        return new ZoneTimeline(List.of(new Segment(Instant.MIN, Objects.requireNonNull(zone, "zone"))));
    }

    /**
     * Obtains a copy of this timeline in which the person is in another zone from an instant on.
     *
     * @param at  when the change took effect, not null, after every earlier change
     * @param zone  the zone from then on, not null
     * @return the new timeline, not null
     * @throws IllegalArgumentException if {@code at} is not after the last change; the message names both
     */
    public ZoneTimeline withChange(Instant at, ZoneId zone) {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(zone, "zone");
        Segment last = segments.get(segments.size() - 1);
        if (!at.isAfter(last.from())) {
            throw new IllegalArgumentException("Zone changes must be added in time order, but " + at
                    + " is not after the previous change at " + last.from());
        }
        List<Segment> copy = new ArrayList<>(segments);
        copy.add(new Segment(at, zone));
        return new ZoneTimeline(copy);
    }

    /**
     * Gets the zone the person was in at an instant.
     *
     * @param instant  the instant, not null
     * @return the zone, not null
     */
    public ZoneId zoneAt(Instant instant) {
        Objects.requireNonNull(instant, "instant");
        ZoneId zone = segments.get(0).zone();
        for (Segment s : segments) {
            if (s.from().isAfter(instant)) {
                break;
            }
            zone = s.zone();
        }
        return zone;
    }

    /**
     * Gets the person's local date at an instant.
     *
     * @param instant  the instant, not null
     * @return the local date in the zone the person was in then, not null
     */
    public LocalDate dateOf(Instant instant) {
        return instant.atZone(zoneAt(instant)).toLocalDate();
    }

    /**
     * Gets the earliest instant that may fall on a local date (in any zone of this timeline), useful to query a
     * store for a range of dates.
     *
     * @param date  the date, not null
     * @return an instant at or before the start of that date wherever the person was, not null
     */
    public Instant earliestStartOf(LocalDate date) {
        Objects.requireNonNull(date, "date");
        return segments.stream().map(s -> date.atStartOfDay(s.zone()).toInstant()).min(Instant::compareTo).orElseThrow();
    }

    /**
     * Gets the latest instant that may still fall on a local date, exclusive, in any zone of this timeline.
     *
     * @param date  the date, not null
     * @return an instant at or after the end of that date wherever the person was, not null
     */
    public Instant latestEndOf(LocalDate date) {
        Objects.requireNonNull(date, "date");
        LocalDate next = date.plusDays(1);
        return segments.stream().map(s -> next.atStartOfDay(s.zone()).toInstant()).max(Instant::compareTo).orElseThrow();
    }

    /**
     * Checks if the person lived through at least part of a local date: some instant has that local date in the zone
     * the person was in at that instant.
     *
     * @param date  the date, not null
     * @return false for a date skipped by a zone change or by the zone itself, true otherwise
     */
    public boolean isLived(LocalDate date) {
        Objects.requireNonNull(date, "date");
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            Instant start = date.atStartOfDay(s.zone()).toInstant();
            if (!start.atZone(s.zone()).toLocalDate().equals(date)) {
                continue; // the zone skipped this whole date
            }
            Instant end = date.plusDays(1).atStartOfDay(s.zone()).toInstant();
            Instant segmentEnd = i + 1 < segments.size() ? segments.get(i + 1).from() : Instant.MAX;
            if (start.isBefore(segmentEnd) && s.from().isBefore(end)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ZoneTimeline t && t.segments.equals(segments);
    }

    @Override
    public int hashCode() {
        return segments.hashCode();
    }

    /** @return the zones and when each took effect, for example {@code ZoneTimeline[Europe/Berlin, 2026-05-01T10:00:00Z America/New_York]} */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("ZoneTimeline[").append(segments.get(0).zone());
        for (Segment s : segments.subList(1, segments.size())) {
            b.append(", ").append(s.from()).append(' ').append(s.zone());
        }
        return b.append(']').toString();
    }
}
