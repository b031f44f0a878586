package dev.personaltracker.calendar.time;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * An immutable set of instants, kept as sorted, disjoint, non-touching intervals.
 * <p>
 * Like Guava's {@code RangeSet}: intervals given in any order are normalized at construction;
 * overlapping or touching ({@linkplain Interval#abuts(Interval) abutting}) intervals merge into one.
 * <p>
 * This class is immutable and thread-safe.
 */
public final class IntervalSet implements Iterable<Interval> {

    private static final IntervalSet EMPTY = new IntervalSet(new Interval[0]);

    /** normalized: sorted, disjoint, non-touching */
    private final Interval[] items;

    private IntervalSet(Interval[] normalized) {
        this.items = normalized;
    }

    /** @return the empty set, not null */
    public static IntervalSet empty() {
        return EMPTY;
    }

    /**
     * Obtains the set of all instants in the given intervals.
     *
     * @param intervals  the intervals in any order, not null, no null element
     * @return the normalized set, not null
     */
    public static IntervalSet of(Interval... intervals) {
        Objects.requireNonNull(intervals, "intervals");
        return normalize(intervals.clone());
    }

    /**
     * Obtains the set of all instants in the given intervals.
     *
     * @param intervals  the intervals in any order, not null, no null element
     * @return the normalized set, not null
     */
    public static IntervalSet of(Collection<Interval> intervals) {
        Objects.requireNonNull(intervals, "intervals");
        return normalize(intervals.toArray(new Interval[0]));
    }

    private static IntervalSet normalize(Interval[] a) {
        for (int i = 0; i < a.length; i++) {
            Objects.requireNonNull(a[i], "intervals[" + i + "]");
        }
        if (a.length == 0) {
            return EMPTY;
        }
        Arrays.sort(a);
        List<Interval> out = new ArrayList<>(a.length);
        Instant s = a[0].start();
        Instant e = a[0].end();
        for (int i = 1; i < a.length; i++) {
            if (!a[i].start().isAfter(e)) {
                if (a[i].end().isAfter(e)) {
                    e = a[i].end();
                }
            } else {
                out.add(new Interval(s, e));
                s = a[i].start();
                e = a[i].end();
            }
        }
        out.add(new Interval(s, e));
        return new IntervalSet(out.toArray(new Interval[0]));
    }

    /** @return the set of instants in this set or in {@code other} */
    public IntervalSet union(IntervalSet other) {
        Interval[] both = new Interval[items.length + other.items.length];
        System.arraycopy(items, 0, both, 0, items.length);
        System.arraycopy(other.items, 0, both, items.length, other.items.length);
        return normalize(both);
    }

    /** @return the set of instants in both this set and {@code other} */
    public IntervalSet intersection(IntervalSet other) {
        List<Interval> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < items.length && j < other.items.length) {
            items[i].intersection(other.items[j]).ifPresent(out::add);
            if (items[i].end().isBefore(other.items[j].end())) {
                i++;
            } else {
                j++;
            }
        }
        return out.isEmpty() ? EMPTY : new IntervalSet(out.toArray(new Interval[0]));
    }

    /** @return the set of instants in this set but not in {@code other} */
    public IntervalSet minus(IntervalSet other) {
        List<Interval> out = new ArrayList<>();
        int j = 0;
        for (Interval x : items) {
            Instant s = x.start();
            while (j < other.items.length && !other.items[j].end().isAfter(s)) {
                j++;
            }
            int k = j;
            while (k < other.items.length && other.items[k].start().isBefore(x.end())) {
                Interval cut = other.items[k];
                if (cut.start().isAfter(s)) {
                    out.add(new Interval(s, cut.start()));
                }
                if (cut.end().isAfter(s)) {
                    s = cut.end();
                }
                if (!s.isBefore(x.end())) {
                    break;
                }
                k++;
            }
            if (s.isBefore(x.end())) {
                out.add(new Interval(s, x.end()));
            }
        }
        return out.isEmpty() ? EMPTY : new IntervalSet(out.toArray(new Interval[0]));
    }

    /**
     * @param within  the window, not null
     * @return the instants of {@code within} that are not in this set
     */
    public IntervalSet complement(Interval within) {
        return IntervalSet.of(within).minus(this);
    }

    /** @return the normalized intervals, ascending, unmodifiable */
    public List<Interval> intervals() {
        return Collections.unmodifiableList(Arrays.asList(items));
    }

    /** @return the intervals as a stream, ascending */
    public Stream<Interval> stream() {
        return Arrays.stream(items);
    }

    /** @return the sum of the intervals' lengths */
    public Duration totalDuration() {
        Duration d = Duration.ZERO;
        for (Interval x : items) {
            d = d.plus(x.duration());
        }
        return d;
    }

    /** @return true if this set holds no instant */
    public boolean isEmpty() {
        return items.length == 0;
    }

    /** @return true if {@code instant} is in this set */
    public boolean contains(Instant instant) {
        Objects.requireNonNull(instant, "instant");
        int lo = 0;
        int hi = items.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            Interval m = items[mid];
            if (instant.isBefore(m.start())) {
                hi = mid - 1;
            } else if (!instant.isBefore(m.end())) {
                lo = mid + 1;
            } else {
                return true;
            }
        }
        return false;
    }

    @Override
    public Iterator<Interval> iterator() {
        return intervals().iterator();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IntervalSet other && Arrays.equals(items, other.items);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(items);
    }

    @Override
    public String toString() {
        return Arrays.toString(items);
    }
}
