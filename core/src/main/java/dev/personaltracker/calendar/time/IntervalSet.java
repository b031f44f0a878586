package dev.personaltracker.calendar.time;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An immutable set of instants, kept as sorted, disjoint, non-touching intervals.
 * <p>
 * The set is normalized at construction, as Guava's {@code RangeSet} is: the intervals may be given in
 * any order, and intervals that overlap or touch ({@linkplain Interval#abuts(Interval) abut}) are
 * coalesced into one. So {@code [09:00, 10:00)} and {@code [10:00, 11:00)} become {@code [09:00, 11:00)},
 * and {@link #intervals()} always lists the fewest intervals that hold exactly the set's instants.
 * Two sets are {@linkplain #equals(Object) equal} if and only if they hold the same instants.
 * <p>
 * <b>Laws.</b> For all sets {@code a}, {@code b}, {@code c} and every window {@code w}
 * (with {@code W = IntervalSet.of(w)}), where {@code =} means {@code equals}:
 * <ul>
 * <li>{@code a.union(b) = b.union(a)} and {@code a.intersection(b) = b.intersection(a)} (commutative);</li>
 * <li>{@code a.union(b).union(c) = a.union(b.union(c))}, likewise for {@code intersection} (associative);</li>
 * <li>{@code a.union(a) = a} and {@code a.intersection(a) = a} (idempotent);</li>
 * <li>{@code a.union(b).complement(w) = a.complement(w).intersection(b.complement(w))} and
 *     {@code a.intersection(b).complement(w) = a.complement(w).union(b.complement(w))} (De Morgan within a window);</li>
 * <li>{@code a.complement(w).complement(w) = a.intersection(W)} (complement twice is the identity within the window);</li>
 * <li>{@code a.complement(w) = W.minus(a)} and {@code a.minus(b) = a.intersection(b.complement(span))}
 *     for any {@code span} enclosing {@code a};</li>
 * <li>{@code a.minus(b).intersection(b)} is empty, and {@code a.minus(b).union(a.intersection(b)) = a};</li>
 * <li>if {@code a.intersection(b)} is empty, {@code a.union(b).totalDuration() = a.totalDuration() + b.totalDuration()}
 *     (total duration is additive over disjoint sets).</li>
 * </ul>
 * <p>
 * <b>Exactness and cost.</b> Every {@link Instant} from {@link Instant#MIN} to {@link Instant#MAX} is
 * represented exactly, to the nanosecond; no operation rounds. The set is held in primitive arrays of
 * epoch seconds and nanoseconds. Construction from {@code n} intervals sorts the starts and the ends once
 * and sweeps once: a radix sort in {@code O(n)} when the bounds fit a few dozen bits as whole seconds,
 * milliseconds or microseconds after the earliest one (a year of calendar data does), else {@code O(n log n)};
 * {@link #union}, {@link #intersection(IntervalSet)} and {@link #minus} are linear
 * merges ({@code O(n + m)}); {@link #contains(Instant)}, {@link #intervalContaining(Instant)} and the other
 * point look-ups are binary searches ({@code O(log n)}); {@link #complement(Interval)} and
 * {@link #intersection(Interval)} cost {@code O(log n + k)} for {@code k} intervals touching the window.
 * <p>
 * This class is immutable and thread-safe.
 */
public final class IntervalSet implements Iterable<Interval> {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final IntervalSet EMPTY = new IntervalSet(new long[0], new int[0], new long[0], new int[0], 0);

    // Interval i is [startSec[i] s + startNano[i] ns, endSec[i] s + endNano[i] ns) after the epoch.
    // Both nano arrays are null when every bound is a whole second (most calendar data): less memory to touch.
    // Invariants (normalized): for every i, start(i) < end(i); for every i > 0, end(i - 1) < start(i).
    // The arrays hold `size` used elements at the front; a tail of at most as many again is unused.
    private final long[] startSec;
    private final int[] startNano;
    private final long[] endSec;
    private final int[] endNano;
    private final int size;
    /** {@link #intervals()}, built when first asked for; volatile publishes the filled array safely. */
    private volatile List<Interval> intervalList;

    private IntervalSet(long[] startSec, int[] startNano, long[] endSec, int[] endNano, int size) {
        this.startSec = startSec;
        this.startNano = startNano;
        this.endSec = endSec;
        this.endNano = endNano;
        this.size = size;
    }

    //-----------------------------------------------------------------------
    /**
     * Obtains the empty set.
     *
     * @return the set that holds no instant, not null
     */
    public static IntervalSet empty() {
        return EMPTY;
    }

    /**
     * Obtains the set of all instants in the given intervals.
     * <p>
     * The intervals may come in any order; overlapping, touching and duplicate intervals are coalesced.
     *
     * @param intervals  the intervals in any order, not null, no null element
     * @return the normalized set, not null
     * @throws NullPointerException if the array or an element is null; the message names the element's index
     */
    public static IntervalSet of(Interval... intervals) {
        Objects.requireNonNull(intervals, "intervals");
        return normalize(intervals);
    }

    /**
     * Obtains the set of all instants in the given intervals.
     * <p>
     * The intervals may come in any order; overlapping, touching and duplicate intervals are coalesced.
     *
     * @param intervals  the intervals in any order, not null, no null element
     * @return the normalized set, not null
     * @throws NullPointerException if the collection or an element is null; the message names the element's index
     */
    public static IntervalSet of(Collection<Interval> intervals) {
        Objects.requireNonNull(intervals, "intervals");
        return normalize(intervals.toArray(new Interval[0]));
    }

    /**
     * Normalizes intervals without modifying the given array. Fast path: encode every bound as one
     * non-negative {@code long} key, the time since the smallest bound's second in the coarsest unit that
     * is still exact for every bound (seconds, milliseconds, microseconds or nanoseconds); sort the start
     * keys and the end keys independently; sweep once, counting open intervals. Sorting starts and ends
     * separately is exact for a union: an instant is in the union when more starts than ends lie at or
     * before it. Taking a start before an equal end makes touching intervals coalesce.
     */
    private static IntervalSet normalize(Interval[] intervals) {
        int n = intervals.length;
        if (n == 0) {
            return EMPTY;
        }
        long[] starts = new long[n];
        long[] ends = new long[n];
        long minSec = Long.MAX_VALUE;
        long maxSec = Long.MIN_VALUE;
        int nanoBits = 0;
        int notMillis = 0;
        int notMicros = 0;
        for (int i = 0; i < n; i++) {
            Interval x = intervals[i];
            if (x == null) {
                throw new NullPointerException("intervals[" + i + "] is null; an IntervalSet holds only non-null intervals");
            }
            Instant s = x.start();
            Instant e = x.end();
            long ss = s.getEpochSecond();
            long es = e.getEpochSecond();
            starts[i] = ss;
            ends[i] = es;
            minSec = Math.min(minSec, ss);
            maxSec = Math.max(maxSec, es);
            int sn = s.getNano();
            int en = e.getNano();
            nanoBits |= sn | en;
            notMillis |= (sn % 1_000_000) | (en % 1_000_000);
            notMicros |= (sn % 1_000) | (en % 1_000);
        }
        long unit = nanoBits == 0 ? 1 : notMillis == 0 ? 1_000 : notMicros == 0 ? 1_000_000 : NANOS_PER_SECOND;
        if (maxSec - minSec > (Long.MAX_VALUE - (unit - 1)) / unit) {
            // bounds too far apart for one exact key in this unit (only with sub-second bounds): sort objects
            return normalizeExactly(intervals);
        }
        if (unit == 1) {
            for (int i = 0; i < n; i++) {
                starts[i] -= minSec;
                ends[i] -= minSec;
            }
        } else {
            long nanosPerUnit = NANOS_PER_SECOND / unit;
            for (int i = 0; i < n; i++) {
                Interval x = intervals[i];
                starts[i] = (starts[i] - minSec) * unit + x.start().getNano() / nanosPerUnit;
                ends[i] = (ends[i] - minSec) * unit + x.end().getNano() / nanosPerUnit;
            }
        }
        long maxKey = (maxSec - minSec) * unit + (unit - 1);
        long[] scratch = new long[n];
        LongSort.sort(starts, scratch, maxKey);
        LongSort.sort(ends, scratch, maxKey);
        return sweepSortedKeys(starts, ends, minSec, unit);
    }

    /**
     * Sweeps sorted keys into a normalized set. A key {@code k} stands for the instant {@code baseSec + k / unit}
     * seconds and {@code k % unit} units of {@code 10^9 / unit} nanoseconds. The result reuses the key arrays.
     */
    private static IntervalSet sweepSortedKeys(long[] starts, long[] ends, long baseSec, long unit) {
        int n = starts.length;
        int[] startNano = unit == 1 ? null : new int[n];
        int[] endNano = unit == 1 ? null : new int[n];
        long nanosPerUnit = NANOS_PER_SECOND / unit;
        int runs = 0;
        int i = 0;
        int j = 0;
        while (i < n) {
            long runStart = starts[i++];
            int open = 1;
            while (open > 0) {
                if (i < n && starts[i] <= ends[j]) {
                    open++;
                    i++;
                } else {
                    open--;
                    j++;
                }
            }
            long runEnd = ends[j - 1];
            // runs <= i - 1 and runs <= j - 1: writing in place never overwrites a key still to be read
            if (unit == 1) {
                starts[runs] = baseSec + runStart;
                ends[runs] = baseSec + runEnd;
            } else {
                starts[runs] = baseSec + runStart / unit;
                startNano[runs] = (int) ((runStart % unit) * nanosPerUnit);
                ends[runs] = baseSec + runEnd / unit;
                endNano[runs] = (int) ((runEnd % unit) * nanosPerUnit);
            }
            runs++;
        }
        return trimmed(starts, startNano, ends, endNano, runs);
    }

    /** The exact fallback: sort copies of the interval objects by start and sweep them. */
    private static IntervalSet normalizeExactly(Interval[] intervals) {
        Interval[] sorted = intervals.clone();
        Arrays.sort(sorted);
        Builder out = new Builder(sorted.length);
        for (Interval x : sorted) {
            out.add(x.start().getEpochSecond(), x.start().getNano(), x.end().getEpochSecond(), x.end().getNano());
        }
        return out.build();
    }

    /** Wraps the arrays, copying them only when more than half of them would be unused. */
    private static IntervalSet trimmed(long[] startSec, int[] startNano, long[] endSec, int[] endNano, int size) {
        if (size == 0) {
            return EMPTY;
        }
        if (size >= startSec.length / 2) {
            return new IntervalSet(startSec, startNano, endSec, endNano, size);
        }
        return new IntervalSet(Arrays.copyOf(startSec, size), startNano == null ? null : Arrays.copyOf(startNano, size),
                Arrays.copyOf(endSec, size), endNano == null ? null : Arrays.copyOf(endNano, size), size);
    }

    //-----------------------------------------------------------------------
    /**
     * Obtains the set of instants that are in this set or in another (or both).
     * <p>
     * Commutative, associative and idempotent; {@code a.union(empty())} equals {@code a}.
     * Runs in {@code O(n + m)}.
     *
     * @param other  the other set, not null
     * @return the union, not null
     */
    public IntervalSet union(IntervalSet other) {
        Objects.requireNonNull(other, "other");
        if (other.size == 0) {
            return this;
        }
        if (size == 0) {
            return other;
        }
        Builder out = new Builder(size + other.size);
        int i = 0;
        int j = 0;
        while (i < size || j < other.size) {
            boolean takeThis = j == other.size
                    || (i < size && compare(startSec[i], startNanoAt(i), other.startSec[j], other.startNanoAt(j)) <= 0);
            if (takeThis) {
                out.add(startSec[i], startNanoAt(i), endSec[i], endNanoAt(i));
                i++;
            } else {
                out.add(other.startSec[j], other.startNanoAt(j), other.endSec[j], other.endNanoAt(j));
                j++;
            }
        }
        return out.build();
    }

    /**
     * Obtains the set of instants that are in both this set and another.
     * <p>
     * Commutative, associative and idempotent; {@code a.intersection(empty())} is empty.
     * Runs in {@code O(n + m)}.
     *
     * @param other  the other set, not null
     * @return the intersection, not null
     */
    public IntervalSet intersection(IntervalSet other) {
        Objects.requireNonNull(other, "other");
        if (size == 0 || other.size == 0) {
            return EMPTY;
        }
        Builder out = new Builder(size + other.size);
        int i = 0;
        int j = 0;
        while (i < size && j < other.size) {
            boolean thisStartsLater = compare(startSec[i], startNanoAt(i), other.startSec[j], other.startNanoAt(j)) >= 0;
            long ss = thisStartsLater ? startSec[i] : other.startSec[j];
            int sn = thisStartsLater ? startNanoAt(i) : other.startNanoAt(j);
            int endOrder = compare(endSec[i], endNanoAt(i), other.endSec[j], other.endNanoAt(j));
            long es = endOrder <= 0 ? endSec[i] : other.endSec[j];
            int en = endOrder <= 0 ? endNanoAt(i) : other.endNanoAt(j);
            if (compare(ss, sn, es, en) < 0) {
                out.add(ss, sn, es, en);
            }
            if (endOrder <= 0) {
                i++;
            } else {
                j++;
            }
        }
        return out.build();
    }

    /**
     * Obtains the instants of this set that lie inside a window: the set clipped to the window.
     * <p>
     * Equal to {@code intersection(IntervalSet.of(window))}, in {@code O(log n + k)}.
     *
     * @param window  the window, not null
     * @return the part of this set inside {@code window}, not null
     */
    public IntervalSet intersection(Interval window) {
        Objects.requireNonNull(window, "window");
        long ws = window.start().getEpochSecond();
        int wn = window.start().getNano();
        long we = window.end().getEpochSecond();
        int wen = window.end().getNano();
        int first = firstEndingAfter(ws, wn);
        Builder out = new Builder(size - first);
        for (int i = first; i < size && compare(startSec[i], startNanoAt(i), we, wen) < 0; i++) {
            boolean clipStart = compare(startSec[i], startNanoAt(i), ws, wn) < 0;
            boolean clipEnd = compare(endSec[i], endNanoAt(i), we, wen) > 0;
            out.add(clipStart ? ws : startSec[i], clipStart ? wn : startNanoAt(i),
                    clipEnd ? we : endSec[i], clipEnd ? wen : endNanoAt(i));
        }
        return out.build();
    }

    /**
     * Obtains the instants of this set that are not in another set.
     * <p>
     * The result is disjoint from {@code other}, and {@code a.minus(b).union(a.intersection(b))} equals {@code a}.
     * Runs in {@code O(n + m)}.
     *
     * @param other  the set to take away, not null
     * @return the difference, not null
     */
    public IntervalSet minus(IntervalSet other) {
        Objects.requireNonNull(other, "other");
        if (size == 0 || other.size == 0) {
            return this;
        }
        Builder out = new Builder(size + other.size);
        int j = 0;
        for (int i = 0; i < size; i++) {
            long cs = startSec[i];
            int cn = startNanoAt(i);
            long es = endSec[i];
            int en = endNanoAt(i);
            while (j < other.size && compare(other.endSec[j], other.endNanoAt(j), cs, cn) <= 0) {
                j++;
            }
            // other's intervals j, j+1, ... end after the cursor; cut away those that start before our end
            for (int k = j; k < other.size && compare(other.startSec[k], other.startNanoAt(k), es, en) < 0; k++) {
                if (compare(other.startSec[k], other.startNanoAt(k), cs, cn) > 0) {
                    out.add(cs, cn, other.startSec[k], other.startNanoAt(k));
                }
                cs = other.endSec[k];
                cn = other.endNanoAt(k);
                if (compare(cs, cn, es, en) >= 0) {
                    break;
                }
            }
            if (compare(cs, cn, es, en) < 0) {
                out.add(cs, cn, es, en);
            }
        }
        return out.build();
    }

    /**
     * Obtains the instants of a window that are not in this set: {@code within} minus this.
     * <p>
     * Complement twice is the identity within the window: {@code a.complement(w).complement(w)} equals
     * {@code a.intersection(w)}. Runs in {@code O(log n + k)} for {@code k} intervals touching the window.
     *
     * @param within  the window, not null
     * @return the gaps of this set inside {@code within}, not null
     */
    public IntervalSet complement(Interval within) {
        Objects.requireNonNull(within, "within");
        long cs = within.start().getEpochSecond();
        int cn = within.start().getNano();
        long es = within.end().getEpochSecond();
        int en = within.end().getNano();
        int first = firstEndingAfter(cs, cn);
        Builder out = new Builder(size - first + 1);
        for (int k = first; k < size && compare(startSec[k], startNanoAt(k), es, en) < 0; k++) {
            if (compare(startSec[k], startNanoAt(k), cs, cn) > 0) {
                out.add(cs, cn, startSec[k], startNanoAt(k));
            }
            cs = endSec[k];
            cn = endNanoAt(k);
        }
        if (compare(cs, cn, es, en) < 0) {
            out.add(cs, cn, es, en);
        }
        return out.build();
    }

    /**
     * Obtains the gaps between this set's intervals: the complement within its {@linkplain #span() span}.
     *
     * @return the intervals strictly between consecutive intervals of this set, empty if this set has
     *  fewer than two intervals, not null
     */
    public IntervalSet gaps() {
        if (size < 2) {
            return EMPTY;
        }
        int m = size - 1;
        return new IntervalSet(Arrays.copyOf(endSec, m), endNano == null ? null : Arrays.copyOf(endNano, m),
                Arrays.copyOfRange(startSec, 1, size), startNano == null ? null : Arrays.copyOfRange(startNano, 1, size), m);
    }

    /**
     * Obtains this set with every interval widened by a margin on each side, for example to keep a buffer
     * around busy time. Intervals that come to overlap or touch coalesce.
     * <p>
     * Near {@link Instant#MIN} and {@link Instant#MAX} the widening stops at those bounds, as
     * {@link Interval#padded(Duration, Duration)} documents.
     *
     * @param before  how much earlier each interval starts, not null, not negative
     * @param after  how much later each interval ends, not null, not negative
     * @return the widened set, not null
     * @throws IllegalArgumentException if a margin is negative; the message names both
     */
    public IntervalSet padded(Duration before, Duration after) {
        Interval.checkPadding(before, after);
        if (size == 0 || (before.isZero() && after.isZero())) {
            return this;
        }
        // a uniform shift (clamped at the ends of the time-line) keeps the starts in order
        Builder out = new Builder(size);
        for (int i = 0; i < size; i++) {
            Interval x = interval(i).padded(before, after);
            out.add(x.start().getEpochSecond(), x.start().getNano(), x.end().getEpochSecond(), x.end().getNano());
        }
        return out.build();
    }

    /**
     * Obtains this set without the intervals that are shorter than a minimum length, for example to drop
     * free slivers too short to use.
     *
     * @param minimum  the least length an interval must have to be kept, not null, not negative
     * @return the set of the intervals lasting at least {@code minimum}, not null
     * @throws IllegalArgumentException if {@code minimum} is negative
     */
    public IntervalSet withoutShorterThan(Duration minimum) {
        Objects.requireNonNull(minimum, "minimum");
        if (minimum.isNegative()) {
            throw new IllegalArgumentException("Minimum length must not be negative, but was " + minimum);
        }
        long minSec = minimum.getSeconds();
        int minNano = minimum.getNano();
        Builder out = new Builder(size);
        for (int i = 0; i < size; i++) {
            long ds = endSec[i] - startSec[i];
            int dn = endNanoAt(i) - startNanoAt(i);
            if (dn < 0) {
                dn += (int) NANOS_PER_SECOND;
                ds--;
            }
            if (compare(ds, dn, minSec, minNano) >= 0) {
                out.add(startSec[i], startNanoAt(i), endSec[i], endNanoAt(i));
            }
        }
        return out.size == size ? this : out.build();
    }

    //-----------------------------------------------------------------------
    /**
     * Gets the normalized intervals of this set.
     * <p>
     * The {@link Interval} objects are created on the first call and kept, so later calls are cheap.
     *
     * @return the intervals, ascending, disjoint and non-touching, unmodifiable, not null
     */
    public List<Interval> intervals() {
        List<Interval> list = intervalList;
        if (list == null) {
            Interval[] xs = new Interval[size];
            for (int i = 0; i < size; i++) {
                xs[i] = interval(i);
            }
            list = Collections.unmodifiableList(Arrays.asList(xs));
            intervalList = list;   // a benign race: every thread builds an equal list
        }
        return list;
    }

    /**
     * Gets the normalized intervals of this set as a stream.
     *
     * @return the intervals, ascending, disjoint and non-touching, not null
     */
    public Stream<Interval> stream() {
        return intervals().stream();
    }

    /**
     * Gets the number of intervals in the normalized form.
     *
     * @return the size of {@link #intervals()}, zero or more
     */
    public int intervalCount() {
        return size;
    }

    /**
     * Gets the smallest interval that encloses the whole set: from the first start to the last end.
     *
     * @return the span, empty if this set is empty, not null
     */
    public Optional<Interval> span() {
        if (size == 0) {
            return Optional.empty();
        }
        return Optional.of(new Interval(instant(startSec[0], startNanoAt(0)), instant(endSec[size - 1], endNanoAt(size - 1))));
    }

    /**
     * Gets the sum of the lengths of the intervals.
     * <p>
     * Additive over disjoint sets. Exact: the total length of any set fits in a {@link Duration}.
     *
     * @return the total duration, zero for the empty set, not null
     */
    public Duration totalDuration() {
        long seconds = 0;
        long nanos = 0;
        for (int i = 0; i < size; i++) {
            seconds += endSec[i] - startSec[i];
            nanos += endNanoAt(i) - startNanoAt(i);
        }
        return Duration.ofSeconds(seconds, nanos);
    }

    /**
     * Checks if this set holds no instant.
     *
     * @return true if this set is empty
     */
    public boolean isEmpty() {
        return size == 0;
    }

    /**
     * Checks if an instant is in this set. Runs in {@code O(log n)}.
     *
     * @param instant  the instant, not null
     * @return true if one of the intervals contains {@code instant} (starts inclusive, ends exclusive)
     */
    public boolean contains(Instant instant) {
        return indexContaining(instant) >= 0;
    }

    /**
     * Checks if a whole interval lies in this set, inside one of its intervals. Runs in {@code O(log n)}.
     *
     * @param interval  the interval, not null
     * @return true if one interval of this set {@linkplain Interval#encloses(Interval) encloses} {@code interval}
     */
    public boolean encloses(Interval interval) {
        int i = indexContaining(interval.start());
        return i >= 0 && compare(interval.end().getEpochSecond(), interval.end().getNano(), endSec[i], endNanoAt(i)) <= 0;
    }

    /**
     * Checks if an interval shares at least one instant with this set. Runs in {@code O(log n)}.
     *
     * @param interval  the interval, not null
     * @return true if {@code intersection(interval)} is not empty
     */
    public boolean overlaps(Interval interval) {
        int i = firstEndingAfter(interval.start().getEpochSecond(), interval.start().getNano());
        return i < size && compare(startSec[i], startNanoAt(i), interval.end().getEpochSecond(), interval.end().getNano()) < 0;
    }

    /**
     * Obtains the interval of this set that contains an instant. Runs in {@code O(log n)}.
     *
     * @param instant  the instant, not null
     * @return the interval containing {@code instant}, empty if the instant is not in this set, not null
     */
    public Optional<Interval> intervalContaining(Instant instant) {
        int i = indexContaining(instant);
        return i >= 0 ? Optional.of(interval(i)) : Optional.empty();
    }

    /**
     * Obtains the interval of this set that contains an instant or, if none does, the first one after it.
     * Runs in {@code O(log n)}. Useful to find the next busy interval from a point in time.
     *
     * @param instant  the instant, not null
     * @return the first interval whose end is after {@code instant}, empty if there is none, not null
     */
    public Optional<Interval> intervalAtOrAfter(Instant instant) {
        int i = firstEndingAfter(instant.getEpochSecond(), instant.getNano());
        return i < size ? Optional.of(interval(i)) : Optional.empty();
    }

    /**
     * Obtains the interval of this set that contains an instant or, if none does, the last one before it.
     * Runs in {@code O(log n)}. An interval that ends exactly at {@code instant} is before it (ends are exclusive).
     *
     * @param instant  the instant, not null
     * @return the last interval whose start is at or before {@code instant}, empty if there is none, not null
     */
    public Optional<Interval> intervalAtOrBefore(Instant instant) {
        int i = firstEndingAfter(instant.getEpochSecond(), instant.getNano());
        if (i < size && compare(startSec[i], startNanoAt(i), instant.getEpochSecond(), instant.getNano()) <= 0) {
            return Optional.of(interval(i));
        }
        return i > 0 ? Optional.of(interval(i - 1)) : Optional.empty();
    }

    /**
     * Returns an iterator over the normalized intervals, ascending. The iterator does not support removal.
     *
     * @return the iterator, not null
     */
    @Override
    public Iterator<Interval> iterator() {
        return intervals().iterator();
    }

    //-----------------------------------------------------------------------
    /**
     * Checks if this set holds exactly the same instants as another object that is an {@code IntervalSet}.
     * Because both are normalized, this is the same as equal {@link #intervals()}.
     *
     * @param obj  the object to compare to, null returns false
     * @return true if {@code obj} is an interval set with the same instants
     */
    @Override
    public boolean equals(Object obj) {
        if (obj == this) {
            return true;
        }
        return obj instanceof IntervalSet other
                && size == other.size
                && Arrays.equals(startSec, 0, size, other.startSec, 0, size)
                && Arrays.equals(endSec, 0, size, other.endSec, 0, size)
                && sameNanos(other);
    }

    /**
     * Returns a hash code computed from the instants of this set, consistent with {@link #equals(Object)}.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        long h = size;
        for (int i = 0; i < size; i++) {
            h = 31 * h + startSec[i];
            h = 31 * h + startNanoAt(i);
            h = 31 * h + endSec[i];
            h = 31 * h + endNanoAt(i);
        }
        return Long.hashCode(h);
    }

    /**
     * Returns the intervals as text, for example
     * {@code [2026-03-02T09:00:00Z/2026-03-02T10:00:00Z, 2026-03-02T11:00:00Z/2026-03-02T12:00:00Z]}.
     *
     * @return the normalized intervals in ISO-8601 {@code start/end} form, in brackets, not null
     */
    @Override
    public String toString() {
        return intervals().toString();
    }

    //-----------------------------------------------------------------------
    private Interval interval(int i) {
        return new Interval(instant(startSec[i], startNanoAt(i)), instant(endSec[i], endNanoAt(i)));
    }

    private int startNanoAt(int i) {
        return startNano == null ? 0 : startNano[i];
    }

    private int endNanoAt(int i) {
        return endNano == null ? 0 : endNano[i];
    }

    private boolean sameNanos(IntervalSet other) {
        if (startNano == null && other.startNano == null) {
            return true;
        }
        for (int i = 0; i < size; i++) {
            if (startNanoAt(i) != other.startNanoAt(i) || endNanoAt(i) != other.endNanoAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static Instant instant(long seconds, int nanos) {
        return Instant.ofEpochSecond(seconds, nanos);
    }

    /** The index of the interval containing the instant, or -1. */
    private int indexContaining(Instant instant) {
        long s = instant.getEpochSecond();
        int n = instant.getNano();
        int i = firstEndingAfter(s, n);
        return i < size && compare(startSec[i], startNanoAt(i), s, n) <= 0 ? i : -1;
    }

    /** The least index whose end is after the instant, or {@code size}; binary search over the ascending ends. */
    private int firstEndingAfter(long seconds, int nanos) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (compare(endSec[mid], endNanoAt(mid), seconds, nanos) > 0) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** Compares two instants given as epoch seconds and nanoseconds of the second. */
    private static int compare(long s1, int n1, long s2, int n2) {
        return s1 != s2 ? Long.compare(s1, s2) : Integer.compare(n1, n2);
    }

    /**
     * Collects intervals given in ascending order of start into a normalized set, coalescing each one
     * that overlaps or touches the last one collected.
     */
    private static final class Builder {
        private long[] startSec;
        private long[] endSec;
        private int[] startNano;   // null until a bound with nanoseconds arrives
        private int[] endNano;
        private int size;

        Builder(int capacity) {
            int c = Math.max(capacity, 4);
            startSec = new long[c];
            endSec = new long[c];
        }

        void add(long ss, int sn, long es, int en) {
            int last = size - 1;
            if (last >= 0 && compare(ss, sn, endSec[last], endNanoAt(last)) <= 0) {
                if (compare(es, en, endSec[last], endNanoAt(last)) > 0) {
                    endSec[last] = es;
                    setNanos(last, startNanoAt(last), en);
                }
                return;
            }
            if (size == startSec.length) {
                int c = size * 2;
                startSec = Arrays.copyOf(startSec, c);
                endSec = Arrays.copyOf(endSec, c);
                if (startNano != null) {
                    startNano = Arrays.copyOf(startNano, c);
                    endNano = Arrays.copyOf(endNano, c);
                }
            }
            startSec[size] = ss;
            endSec[size] = es;
            setNanos(size, sn, en);
            size++;
        }

        private int startNanoAt(int i) {
            return startNano == null ? 0 : startNano[i];
        }

        private int endNanoAt(int i) {
            return endNano == null ? 0 : endNano[i];
        }

        private void setNanos(int i, int sn, int en) {
            if (startNano == null) {
                if ((sn | en) == 0) {
                    return;
                }
                startNano = new int[startSec.length];
                endNano = new int[startSec.length];
            }
            startNano[i] = sn;
            endNano[i] = en;
        }

        IntervalSet build() {
            return trimmed(startSec, startNano, endSec, endNano, size);
        }
    }
}
