package dev.personaltracker.calendar.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The laws of {@link IntervalSet}, and every operation cross-checked against a naive reference: a bitmap of
 * {@value #CELLS} cells on a grid of instants. A grid is a base instant and a step, so the same cells test
 * minutes in 2026, single nanoseconds next to {@link Instant#MIN} and {@link Instant#MAX}, and steps so wide
 * that the bounds lie hundreds of millions of years apart with odd nanoseconds (the exact fallback path).
 */
class IntervalSetPropertiesTest {

    static final int CELLS = 64;
    static final int TRIES = 300;

    /** Cell k is [base + k * step, base + (k + 1) * step). */
    record Grid(String name, Instant base, Duration step) {
        Instant point(int k) {
            return base.plus(step.multipliedBy(k));
        }

        Interval cells(int from, int to) {
            return Interval.of(point(from), point(to));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** A set of cells given as intervals of cell indices [from, to), possibly overlapping, in any order. */
    record Cells(List<int[]> spans) {
        BitSet bits() {
            BitSet b = new BitSet(CELLS);
            spans.forEach(s -> b.set(s[0], s[1]));
            return b;
        }

        IntervalSet on(Grid g) {
            List<Interval> xs = new ArrayList<>();
            spans.forEach(s -> xs.add(g.cells(s[0], s[1])));
            return IntervalSet.of(xs);
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            spans.forEach(s -> sb.append('[').append(s[0]).append(',').append(s[1]).append(')'));
            return sb.toString();
        }
    }

    static final long WHOLE_SPAN_SECONDS = Instant.MAX.getEpochSecond() - Instant.MIN.getEpochSecond();

    @Provide
    Arbitrary<Grid> grids() {
        return Arbitraries.of(
                new Grid("minutes in 2026", Instant.parse("2026-03-02T00:00:00Z"), Duration.ofMinutes(1)),
                new Grid("nanos across the epoch", Instant.EPOCH.minusNanos(CELLS / 2), Duration.ofNanos(1)),
                new Grid("nanos at Instant.MIN", Instant.MIN, Duration.ofNanos(1)),
                new Grid("nanos up to Instant.MAX", Instant.MAX.minusNanos(CELLS), Duration.ofNanos(1)),
                new Grid("milliseconds", Instant.parse("2026-01-01T00:00:00.250Z"), Duration.ofMillis(1500)),
                new Grid("microseconds before the epoch", Instant.parse("1969-12-31T23:59:59.999999Z"), Duration.ofNanos(250_000)),
                new Grid("odd seconds and nanos", Instant.parse("2026-01-01T00:00:00.123456789Z"), Duration.ofSeconds(3607, 700_000_001)),
                new Grid("whole time-line in seconds", Instant.MIN, Duration.ofSeconds(WHOLE_SPAN_SECONDS / CELLS)),
                new Grid("whole time-line with nanos", Instant.MIN.plusNanos(7), Duration.ofSeconds(WHOLE_SPAN_SECONDS / CELLS - 1, 3)));
    }

    @Provide
    Arbitrary<Cells> cells() {
        Arbitrary<int[]> span = Combinators.combine(Arbitraries.integers().between(0, CELLS - 1), Arbitraries.integers().between(1, 24))
                .as((from, length) -> new int[] {from, Math.min(CELLS, from + length)});
        return span.list().ofMaxSize(10).map(Cells::new);
    }

    @Provide
    Arbitrary<int[]> windows() {
        return Combinators.combine(Arbitraries.integers().between(0, CELLS - 1), Arbitraries.integers().between(1, CELLS))
                .as((from, length) -> new int[] {from, Math.min(CELLS, from + length)});
    }

    /** The reference: the runs of set bits as intervals on the grid, which is what a normalized set must list. */
    static List<Interval> runs(Grid g, BitSet bits) {
        List<Interval> out = new ArrayList<>();
        for (int from = bits.nextSetBit(0); from >= 0; from = bits.nextSetBit(from)) {
            int to = bits.nextClearBit(from);
            out.add(g.cells(from, to));
            from = to;
        }
        return out;
    }

    static BitSet window(int[] w) {
        BitSet b = new BitSet(CELLS);
        b.set(w[0], w[1]);
        return b;
    }

    static BitSet and(BitSet a, BitSet b) {
        BitSet r = (BitSet) a.clone();
        r.and(b);
        return r;
    }

    static BitSet or(BitSet a, BitSet b) {
        BitSet r = (BitSet) a.clone();
        r.or(b);
        return r;
    }

    static BitSet andNot(BitSet a, BitSet b) {
        BitSet r = (BitSet) a.clone();
        r.andNot(b);
        return r;
    }

    static void assertMatches(IntervalSet actual, Grid g, BitSet expected) {
        assertThat(actual.intervals()).isEqualTo(runs(g, expected));
        assertThat(actual.intervalCount()).isEqualTo(runs(g, expected).size());
        assertThat(actual.totalDuration()).isEqualTo(g.step().multipliedBy(expected.cardinality()));
        assertThat(actual.isEmpty()).isEqualTo(expected.isEmpty());
        assertNormalized(actual);
    }

    static void assertNormalized(IntervalSet s) {
        List<Interval> xs = s.intervals();
        for (int i = 1; i < xs.size(); i++) {
            assertThat(xs.get(i - 1).end()).as("sorted, disjoint and not touching").isBefore(xs.get(i).start());
        }
    }

    //-----------------------------------------------------------------------
    // cross-checks against the bitmap reference

    @Property(tries = TRIES)
    void of_matchesReference(@ForAll("grids") Grid g, @ForAll("cells") Cells a) {
        assertMatches(a.on(g), g, a.bits());
    }

    @Property(tries = TRIES)
    void of_manyIntervals_matchesReference(@ForAll("grids") Grid g, @ForAll("cellLists") List<Cells> parts) {
        List<int[]> all = new ArrayList<>();
        parts.forEach(p -> all.addAll(p.spans()));
        Cells a = new Cells(all);
        assertMatches(a.on(g), g, a.bits());
    }

    @Provide
    Arbitrary<List<Cells>> cellLists() {
        return cells().list().ofMaxSize(30);
    }

    @Property(tries = 25)
    void of_largeInput_equalsTheUnionOfItsIntervals(@ForAll("largeInputs") List<Interval> xs) {
        IntervalSet expected = IntervalSet.empty();
        for (Interval x : xs) {
            expected = expected.union(IntervalSet.of(x));
        }
        IntervalSet actual = IntervalSet.of(xs);
        assertThat(actual).isEqualTo(expected);
        assertNormalized(actual);
    }

    /** 520 to 1000 intervals (enough for the radix sort), bounds in whole seconds, millis, micros or nanos. */
    @Provide
    Arbitrary<List<Interval>> largeInputs() {
        Arbitrary<Duration> resolution = Arbitraries.of(Duration.ofSeconds(1), Duration.ofMillis(1), Duration.ofNanos(1000),
                Duration.ofNanos(1), Duration.ofDays(365 * 1000));
        Arbitrary<Instant> base = Arbitraries.of(Instant.parse("2026-01-01T00:00:00Z"), Instant.EPOCH.minusSeconds(86_400),
                Instant.MIN.plusSeconds(1));
        return Combinators.combine(resolution, base, Arbitraries.longs().between(1, 1L << 40))
                .flatAs((unit, from, seed) -> {
                    Arbitrary<Interval> one = Combinators.combine(Arbitraries.longs().between(0, 200_000), Arbitraries.longs().between(1, 400))
                            .as((offset, length) -> Interval.of(from.plus(unit.multipliedBy(offset)), unit.multipliedBy(length)));
                    return one.list().ofMinSize(520).ofMaxSize(1000);
                });
    }

    @Property(tries = TRIES)
    void contains_matchesReferenceAtEveryCellEdge(@ForAll("grids") Grid g, @ForAll("cells") Cells a) {
        IntervalSet s = a.on(g);
        BitSet bits = a.bits();
        for (int k = 0; k < CELLS; k++) {
            assertThat(s.contains(g.point(k))).as("start of cell %d", k).isEqualTo(bits.get(k));
            assertThat(s.contains(g.point(k + 1).minusNanos(1))).as("last instant of cell %d", k).isEqualTo(bits.get(k));
        }
    }

    @Property(tries = TRIES)
    void union_matchesReference(@ForAll("grids") Grid g, @ForAll("cells") Cells a, @ForAll("cells") Cells b) {
        assertMatches(a.on(g).union(b.on(g)), g, or(a.bits(), b.bits()));
    }

    @Property(tries = TRIES)
    void intersection_matchesReference(@ForAll("grids") Grid g, @ForAll("cells") Cells a, @ForAll("cells") Cells b) {
        assertMatches(a.on(g).intersection(b.on(g)), g, and(a.bits(), b.bits()));
    }

    @Property(tries = TRIES)
    void minus_matchesReference(@ForAll("grids") Grid g, @ForAll("cells") Cells a, @ForAll("cells") Cells b) {
        assertMatches(a.on(g).minus(b.on(g)), g, andNot(a.bits(), b.bits()));
    }

    @Property(tries = TRIES)
    void complement_matchesReference(@ForAll("grids") Grid g, @ForAll("cells") Cells a, @ForAll("windows") int[] w) {
        assertMatches(a.on(g).complement(g.cells(w[0], w[1])), g, andNot(window(w), a.bits()));
    }

    @Property(tries = TRIES)
    void intersectionWithInterval_matchesReference(@ForAll("grids") Grid g, @ForAll("cells") Cells a, @ForAll("windows") int[] w) {
        assertMatches(a.on(g).intersection(g.cells(w[0], w[1])), g, and(a.bits(), window(w)));
    }

    @Property(tries = TRIES)
    void gaps_matchesReference(@ForAll("grids") Grid g, @ForAll("cells") Cells a) {
        BitSet bits = a.bits();
        BitSet expected = new BitSet(CELLS);
        if (!bits.isEmpty()) {
            expected.set(bits.nextSetBit(0), bits.length());
            expected.andNot(bits);
        }
        assertMatches(a.on(g).gaps(), g, expected);
    }

    @Property(tries = TRIES)
    void withoutShorterThan_keepsExactlyTheLongEnoughRuns(@ForAll("grids") Grid g, @ForAll("cells") Cells a,
            @ForAll("minimumCells") int minimumCells) {
        Duration minimum = g.step().multipliedBy(minimumCells);
        List<Interval> expected = runs(g, a.bits()).stream().filter(x -> x.duration().compareTo(minimum) >= 0).toList();
        assertThat(a.on(g).withoutShorterThan(minimum).intervals()).isEqualTo(expected);
        assertThat(a.on(g).withoutShorterThan(minimum.minusNanos(1)).intervals())
                .isEqualTo(runs(g, a.bits()).stream().filter(x -> x.duration().compareTo(minimum.minusNanos(1)) >= 0).toList());
    }

    @Provide
    Arbitrary<Integer> minimumCells() {
        return Arbitraries.integers().between(1, 8);
    }

    @Property(tries = TRIES)
    void lookups_matchALinearScan(@ForAll("grids") Grid g, @ForAll("cells") Cells a, @ForAll("windows") int[] w) {
        IntervalSet s = a.on(g);
        List<Interval> xs = s.intervals();
        Instant t = g.point(w[0]);
        Interval probe = g.cells(w[0], w[1]);
        assertThat(s.intervalContaining(t)).isEqualTo(xs.stream().filter(x -> x.contains(t)).findFirst());
        assertThat(s.intervalAtOrAfter(t)).isEqualTo(xs.stream().filter(x -> x.end().isAfter(t)).findFirst());
        assertThat(s.intervalAtOrBefore(t)).isEqualTo(xs.stream().filter(x -> !x.start().isAfter(t)).reduce((x, y) -> y));
        assertThat(s.encloses(probe)).isEqualTo(xs.stream().anyMatch(x -> x.encloses(probe)));
        assertThat(s.overlaps(probe)).isEqualTo(xs.stream().anyMatch(x -> x.overlaps(probe)));
        Optional<Interval> span = xs.isEmpty() ? Optional.empty() : Optional.of(xs.get(0).span(xs.get(xs.size() - 1)));
        assertThat(s.span()).isEqualTo(span);
    }

    @Property(tries = TRIES)
    void padded_equalsTheSetOfPaddedIntervals(@ForAll("grids") Grid g, @ForAll("cells") Cells a,
            @ForAll("minimumCells") int before, @ForAll("minimumCells") int after) {
        Duration b = g.step().multipliedBy(before - 1);
        Duration f = g.step().multipliedBy(after).plusNanos(1);
        IntervalSet expected = IntervalSet.of(a.on(g).stream().map(x -> x.padded(b, f)).toList());
        IntervalSet padded = a.on(g).padded(b, f);
        assertThat(padded).isEqualTo(expected);
        assertNormalized(padded);
        assertThat(padded.intervals()).allSatisfy(x -> assertThat(x).isNotNull());
    }

    //-----------------------------------------------------------------------
    // the laws

    @Property(tries = TRIES)
    void unionAndIntersection_areCommutative(@ForAll("grids") Grid g, @ForAll("cells") Cells a, @ForAll("cells") Cells b) {
        IntervalSet x = a.on(g);
        IntervalSet y = b.on(g);
        assertThat(x.union(y)).isEqualTo(y.union(x));
        assertThat(x.intersection(y)).isEqualTo(y.intersection(x));
    }

    @Property(tries = TRIES)
    void unionAndIntersection_areAssociative(@ForAll("grids") Grid g, @ForAll("cells") Cells a, @ForAll("cells") Cells b,
            @ForAll("cells") Cells c) {
        IntervalSet x = a.on(g);
        IntervalSet y = b.on(g);
        IntervalSet z = c.on(g);
        assertThat(x.union(y).union(z)).isEqualTo(x.union(y.union(z)));
        assertThat(x.intersection(y).intersection(z)).isEqualTo(x.intersection(y.intersection(z)));
    }

    @Property(tries = TRIES)
    void unionAndIntersection_areIdempotent(@ForAll("grids") Grid g, @ForAll("cells") Cells a) {
        IntervalSet x = a.on(g);
        assertThat(x.union(x)).isEqualTo(x);
        assertThat(x.intersection(x)).isEqualTo(x);
        assertThat(x.union(IntervalSet.empty())).isEqualTo(x);
        assertThat(x.intersection(IntervalSet.empty())).isEqualTo(IntervalSet.empty());
    }

    @Property(tries = TRIES)
    void deMorgan_holdsWithinAWindow(@ForAll("grids") Grid g, @ForAll("cells") Cells a, @ForAll("cells") Cells b,
            @ForAll("windows") int[] w) {
        IntervalSet x = a.on(g);
        IntervalSet y = b.on(g);
        Interval window = g.cells(w[0], w[1]);
        assertThat(x.union(y).complement(window)).isEqualTo(x.complement(window).intersection(y.complement(window)));
        assertThat(x.intersection(y).complement(window)).isEqualTo(x.complement(window).union(y.complement(window)));
    }

    @Property(tries = TRIES)
    void complementTwice_isTheIdentityWithinTheWindow(@ForAll("grids") Grid g, @ForAll("cells") Cells a, @ForAll("windows") int[] w) {
        IntervalSet x = a.on(g);
        Interval window = g.cells(w[0], w[1]);
        assertThat(x.complement(window).complement(window)).isEqualTo(x.intersection(IntervalSet.of(window)));
        assertThat(x.complement(window)).isEqualTo(IntervalSet.of(window).minus(x));
    }

    @Property(tries = TRIES)
    void minus_isDisjointFromWhatWasTakenAway(@ForAll("grids") Grid g, @ForAll("cells") Cells a, @ForAll("cells") Cells b) {
        IntervalSet x = a.on(g);
        IntervalSet y = b.on(g);
        assertThat(x.minus(y).intersection(y).isEmpty()).isTrue();
        assertThat(x.minus(y).union(x.intersection(y))).isEqualTo(x);
    }

    @Property(tries = TRIES)
    void totalDuration_isAdditiveOverDisjointSets(@ForAll("grids") Grid g, @ForAll("cells") Cells a, @ForAll("cells") Cells b) {
        IntervalSet x = a.on(g);
        IntervalSet y = b.on(g).minus(x);
        assertThat(x.union(y).totalDuration()).isEqualTo(x.totalDuration().plus(y.totalDuration()));
        assertThat(x.union(b.on(g)).totalDuration())
                .isEqualTo(x.totalDuration().plus(b.on(g).totalDuration()).minus(x.intersection(b.on(g)).totalDuration()));
    }

    @Property(tries = TRIES)
    void equalsAndHashCode_areByContent(@ForAll("grids") Grid g, @ForAll("cells") Cells a, @ForAll("cells") Cells b) {
        IntervalSet x = a.on(g);
        IntervalSet y = b.on(g);
        // the same instants built another way: from the reference runs, reversed
        List<Interval> reversed = new ArrayList<>(runs(g, a.bits()));
        java.util.Collections.reverse(reversed);
        IntervalSet sameAsX = IntervalSet.of(reversed);
        assertThat(sameAsX).isEqualTo(x).hasSameHashCodeAs(x).hasToString(x.toString());
        assertThat(x.equals(y)).isEqualTo(a.bits().equals(b.bits()));
    }
}
