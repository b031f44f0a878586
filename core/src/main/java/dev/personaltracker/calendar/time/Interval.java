package dev.personaltracker.calendar.time;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A half-open span of time {@code [start, end)}: the start is inclusive, the end is exclusive.
 * <p>
 * An interval is never empty: the start is always strictly before the end. Two intervals that
 * merely touch ({@code a.end().equals(b.start())}) do not {@linkplain #overlaps(Interval) overlap}
 * but {@linkplain #abuts(Interval) abut}.
 * <p>
 * {@link #toString()} prints the ISO-8601 form {@code start/end}, for example
 * {@code 2026-03-02T09:00:00Z/2026-03-02T10:00:00Z}.
 * <p>
 * This class is immutable and thread-safe.
 *
 * @param start  the inclusive start, not null
 * @param end  the exclusive end, not null, strictly after {@code start}
 */
public record Interval(Instant start, Instant end) implements Comparable<Interval> {

    /**
     * Creates an interval, validating it.
     *
     * @param start  the inclusive start, not null
     * @param end  the exclusive end, not null, strictly after {@code start}
     * @throws NullPointerException if either bound is null
     * @throws IllegalArgumentException unless {@code start} is before {@code end}; the message names both
     */
    public Interval {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException(
                    "Interval start must be before its end, but start=" + start + " and end=" + end);
        }
    }

    /**
     * Obtains an interval from its inclusive start and exclusive end.
     *
     * @param start  the inclusive start, not null
     * @param end  the exclusive end, not null
     * @return the interval, not null
     * @throws IllegalArgumentException unless {@code start} is before {@code end}
     */
    public static Interval of(Instant start, Instant end) {
        return new Interval(start, end);
    }

    /**
     * Obtains an interval from its inclusive start and a positive length.
     *
     * @param start  the inclusive start, not null
     * @param length  the length, not null, positive
     * @return the interval {@code [start, start + length)}, not null
     * @throws IllegalArgumentException if {@code length} is zero or negative, or if the end would be after
     *  {@link Instant#MAX}; the message names the start and the length
     */
    public static Interval of(Instant start, Duration length) {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(length, "length");
        if (length.isNegative() || length.isZero()) {
            throw new IllegalArgumentException("Interval length must be positive, but was " + length + " (start=" + start + ")");
        }
        if (length.compareTo(between(start, Instant.MAX)) > 0) {
            throw new IllegalArgumentException("Interval end must not be after Instant.MAX, but start=" + start
                    + " and length=" + length);
        }
        return new Interval(start, start.plus(length));
    }

    /**
     * Gets the length of this interval.
     *
     * @return the positive duration from start to end, not null
     */
    public Duration duration() {
        return between(start, end);
    }

    /**
     * Checks if this interval shares at least one instant with another.
     * Intervals that only touch ({@link #abuts(Interval)}) do not overlap.
     *
     * @param other  the other interval, not null
     * @return true if the intersection is not empty
     */
    public boolean overlaps(Interval other) {
        return start.isBefore(other.end) && other.start.isBefore(end);
    }

    /**
     * Checks if this interval overlaps or abuts another, so that their union is one interval.
     *
     * @param other  the other interval, not null
     * @return true if {@code this} and {@code other} are connected
     */
    public boolean intersects(Interval other) {
        return !start.isAfter(other.end) && !other.start.isAfter(end);
    }

    /**
     * Checks if this interval ends exactly where another starts, or starts exactly where it ends.
     *
     * @param other  the other interval, not null
     * @return true if the two touch without sharing an instant
     */
    public boolean abuts(Interval other) {
        return end.equals(other.start) || other.end.equals(start);
    }

    /**
     * Checks if an instant lies inside this interval: {@code start <= instant < end}.
     *
     * @param instant  the instant, not null
     * @return true if the instant is contained
     */
    public boolean contains(Instant instant) {
        return !instant.isBefore(start) && instant.isBefore(end);
    }

    /**
     * Checks if every instant of another interval is in this one.
     * An interval encloses itself.
     *
     * @param other  the other interval, not null
     * @return true if {@code start <= other.start} and {@code other.end <= end}
     */
    public boolean encloses(Interval other) {
        return !other.start.isBefore(start) && !other.end.isAfter(end);
    }

    /**
     * Obtains the overlap of this interval with another, if any.
     *
     * @param other  the other interval, not null
     * @return the shared part, empty if the two do not overlap
     */
    public Optional<Interval> intersection(Interval other) {
        if (!overlaps(other)) {
            return Optional.empty();
        }
        Instant s = start.isAfter(other.start) ? start : other.start;
        Instant e = end.isBefore(other.end) ? end : other.end;
        return Optional.of(new Interval(s, e));
    }

    /**
     * Obtains the smallest interval that encloses both this one and another (gaps included).
     *
     * @param other  the other interval, not null
     * @return the span, not null
     */
    public Interval span(Interval other) {
        Instant s = start.isBefore(other.start) ? start : other.start;
        Instant e = end.isAfter(other.end) ? end : other.end;
        return new Interval(s, e);
    }

    /**
     * Obtains the interval between this one and another that does not touch it.
     *
     * @param other  the other interval, not null
     * @return the interval from the earlier one's end to the later one's start, empty if the two
     *  overlap or abut, not null
     */
    public Optional<Interval> gap(Interval other) {
        if (end.isBefore(other.start)) {
            return Optional.of(new Interval(end, other.start));
        }
        if (other.end.isBefore(start)) {
            return Optional.of(new Interval(other.end, start));
        }
        return Optional.empty();
    }

    /**
     * Obtains this interval widened by a margin on each side, for example a buffer around busy time.
     * <p>
     * The time-line ends at {@link Instant#MIN} and {@link Instant#MAX}: a margin that would reach beyond
     * them stops there (the start becomes {@code Instant.MIN}, the end {@code Instant.MAX}); this method
     * never overflows and never throws for a large margin. Zero margins return an equal interval.
     *
     * @param before  how much earlier to start, not null, not negative
     * @param after  how much later to end, not null, not negative
     * @return the widened interval, not null
     * @throws IllegalArgumentException if a margin is negative; the message names both
     */
    public Interval padded(Duration before, Duration after) {
        checkPadding(before, after);
        Instant s = before.compareTo(between(Instant.MIN, start)) >= 0 ? Instant.MIN : start.minus(before);
        Instant e = after.compareTo(between(end, Instant.MAX)) >= 0 ? Instant.MAX : end.plus(after);
        return new Interval(s, e);
    }

    /**
     * The exact duration from one instant to a later one. Unlike {@link Duration#between}, which first tries
     * nanoseconds and catches the overflow, this never throws internally: any two instants are less than
     * 2^56 seconds apart.
     */
    static Duration between(Instant from, Instant to) {
        return Duration.ofSeconds(to.getEpochSecond() - from.getEpochSecond(), to.getNano() - from.getNano());
    }

    /** Validates the margins of {@link #padded(Duration, Duration)}; shared with {@link IntervalSet}. */
    static void checkPadding(Duration before, Duration after) {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        if (before.isNegative() || after.isNegative()) {
            throw new IllegalArgumentException("Padding must not be negative, but before=" + before + " and after=" + after);
        }
    }

    /**
     * Compares by start, then by end.
     *
     * @param other  the other interval, not null
     * @return negative, zero or positive
     */
    @Override
    public int compareTo(Interval other) {
        int c = start.compareTo(other.start);
        return c != 0 ? c : end.compareTo(other.end);
    }

    /**
     * Returns the ISO-8601 form {@code start/end}.
     *
     * @return the interval as text, not null
     */
    @Override
    public String toString() {
        return start + "/" + end;
    }
}
