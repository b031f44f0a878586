package dev.personaltracker.calendar.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class IntervalSetTest {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    private static Instant t(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    private static Interval iv(int fromMinute, int toMinute) {
        return Interval.of(t(fromMinute), t(toMinute));
    }

    private static IntervalSet set(Interval... xs) {
        return IntervalSet.of(xs);
    }

    static Stream<Arguments> normalizations() {
        return Stream.of(
                // given, expected
                Arguments.of(List.of(), List.of()),                                                   // empty
                Arguments.of(List.of(iv(0, 60), iv(60, 120)), List.of(iv(0, 120))),                    // touching merge
                Arguments.of(List.of(iv(60, 120), iv(0, 60)), List.of(iv(0, 120))),                    // touching, reversed
                Arguments.of(List.of(iv(0, 90), iv(30, 120)), List.of(iv(0, 120))),                    // overlapping merge
                Arguments.of(List.of(iv(0, 120), iv(30, 60)), List.of(iv(0, 120))),                    // enclosed vanishes
                Arguments.of(List.of(iv(0, 60), iv(0, 60), iv(0, 60)), List.of(iv(0, 60))),            // duplicates
                Arguments.of(List.of(iv(90, 120), iv(0, 30)), List.of(iv(0, 30), iv(90, 120))),        // apart, sorted
                Arguments.of(List.of(iv(0, 30), iv(31, 60)), List.of(iv(0, 30), iv(31, 60))),          // a minute apart stays apart
                Arguments.of(List.of(iv(0, 10), iv(20, 30), iv(5, 25)), List.of(iv(0, 30))),           // bridge joins three
                Arguments.of(List.of(Interval.of(t(0), t(60)), Interval.of(t(60).plusNanos(1), t(90))), // one nanosecond apart
                        List.of(Interval.of(t(0), t(60)), Interval.of(t(60).plusNanos(1), t(90)))));
    }

    @ParameterizedTest
    @MethodSource("normalizations")
    void of_normalizes(List<Interval> given, List<Interval> expected) {
        assertThat(IntervalSet.of(given).intervals()).isEqualTo(expected);
        assertThat(IntervalSet.of(given.toArray(new Interval[0])).intervals()).isEqualTo(expected);
    }

    @Test
    void of_doesNotModifyTheGivenArray() {
        Interval[] given = {iv(60, 120), iv(0, 60)};
        IntervalSet.of(given);
        assertThat(given).containsExactly(iv(60, 120), iv(0, 60));
    }

    @Test
    void of_rejectsNullElementNamingItsIndex() {
        assertThatThrownBy(() -> IntervalSet.of(iv(0, 10), null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("intervals[1]");
        assertThatThrownBy(() -> IntervalSet.of((Interval[]) null))
                .isInstanceOf(NullPointerException.class).hasMessage("intervals");
        assertThatThrownBy(() -> IntervalSet.of(Arrays.asList(iv(0, 10), iv(20, 30), null)))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("intervals[2]");
    }

    @Test
    void of_isExactAtTheEndsOfTheTimeLine() {
        Interval low = Interval.of(Instant.MIN, Instant.MIN.plusNanos(1));
        Interval high = Interval.of(Instant.MAX.minusNanos(1), Instant.MAX);
        Interval middle = Interval.of(Instant.EPOCH.plusNanos(1), Instant.EPOCH.plusNanos(2));
        IntervalSet s = set(high, middle, low);
        assertThat(s.intervals()).containsExactly(low, middle, high);
        assertThat(s.totalDuration()).isEqualTo(Duration.ofNanos(3));
        assertThat(s.contains(Instant.MIN)).isTrue();
        assertThat(s.contains(Instant.MAX.minusNanos(1))).isTrue();
        assertThat(s.contains(Instant.MAX)).isFalse();
        IntervalSet all = s.complement(Interval.of(Instant.MIN, Instant.MAX)).union(s);
        assertThat(all.intervals()).containsExactly(Interval.of(Instant.MIN, Instant.MAX));
        assertThat(all.totalDuration()).isEqualTo(Duration.between(Instant.MIN, Instant.MAX));
    }

    @Test
    void of_largeShuffledInput_equalsIncrementalUnion() {
        Random random = new Random(42);
        List<Interval> xs = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            Instant s = T0.plusSeconds(random.nextInt(30 * 24 * 3600)).plusNanos(random.nextInt(3) * 500_000_000L);
            xs.add(Interval.of(s, Duration.ofSeconds(1 + random.nextInt(7200))));
        }
        IntervalSet expected = IntervalSet.empty();
        for (Interval x : xs) {
            expected = expected.union(set(x));
        }
        Collections.shuffle(xs, random);
        assertThat(IntervalSet.of(xs)).isEqualTo(expected);
        assertThat(IntervalSet.of(xs).totalDuration())
                .isEqualTo(IntervalSet.of(xs).complement(Interval.of(T0, T0.plus(Duration.ofDays(40))))
                        .complement(Interval.of(T0, T0.plus(Duration.ofDays(40)))).totalDuration());
    }

    @Test
    void union_mergesTouchingIntervals() {
        assertThat(set(iv(0, 60)).union(set(iv(60, 90))).intervals()).containsExactly(iv(0, 90));
    }

    @Test
    void intersection_ofTouchingSetsIsEmpty() {
        assertThat(set(iv(0, 60)).intersection(set(iv(60, 90))).isEmpty()).isTrue();
        assertThat(set(iv(0, 60), iv(90, 120)).intersection(set(iv(30, 100))).intervals()).containsExactly(iv(30, 60), iv(90, 100));
    }

    @Test
    void minus_cutsHolesAndEdges() {
        IntervalSet day = set(iv(0, 600));
        IntervalSet meetings = set(iv(-30, 30), iv(120, 180), iv(590, 700));
        assertThat(day.minus(meetings).intervals()).containsExactly(iv(30, 120), iv(180, 590));
        assertThat(day.minus(IntervalSet.empty())).isSameAs(day);
        assertThat(IntervalSet.empty().minus(day).isEmpty()).isTrue();
    }

    @Test
    void complement_isTheWindowMinusTheSet() {
        IntervalSet busy = set(iv(-60, 10), iv(100, 200), iv(500, 900));
        assertThat(busy.complement(iv(0, 600)).intervals()).containsExactly(iv(10, 100), iv(200, 500));
        assertThat(IntervalSet.empty().complement(iv(0, 600)).intervals()).containsExactly(iv(0, 600));
        assertThat(set(iv(-10, 700)).complement(iv(0, 600)).isEmpty()).isTrue();
    }

    @Test
    void intersectionWithInterval_clipsToTheWindow() {
        IntervalSet busy = set(iv(-60, 10), iv(100, 200), iv(500, 900));
        assertThat(busy.intersection(iv(0, 600)).intervals()).containsExactly(iv(0, 10), iv(100, 200), iv(500, 600));
        assertThat(busy.intersection(iv(10, 100)).isEmpty()).isTrue();
    }

    @Test
    void gaps_areBetweenConsecutiveIntervals() {
        assertThat(set(iv(0, 10), iv(20, 30), iv(50, 60)).gaps().intervals()).containsExactly(iv(10, 20), iv(30, 50));
        assertThat(set(iv(0, 10)).gaps().isEmpty()).isTrue();
    }

    @Test
    void padded_mergesIntervalsThatComeToTouch() {
        IntervalSet busy = set(iv(0, 60), iv(90, 120), iv(200, 210));
        assertThat(busy.padded(Duration.ofMinutes(15), Duration.ofMinutes(15)).intervals())
                .containsExactly(iv(-15, 135), iv(185, 225));
        assertThat(busy.padded(Duration.ZERO, Duration.ZERO)).isEqualTo(busy);
    }

    @Test
    void padded_stopsAtTheEndsOfTheTimeLine() {
        IntervalSet s = set(Interval.of(Instant.MIN.plusSeconds(5), Instant.MIN.plusSeconds(6)),
                Interval.of(Instant.MAX.minusSeconds(6), Instant.MAX.minusSeconds(5)));
        assertThat(s.padded(Duration.ofMinutes(1), Duration.ofMinutes(1)).intervals()).containsExactly(
                Interval.of(Instant.MIN, Instant.MIN.plusSeconds(66)), Interval.of(Instant.MAX.minusSeconds(66), Instant.MAX));
    }

    @Test
    void padded_rejectsNegativeMargins() {
        assertThatThrownBy(() -> set(iv(0, 10)).padded(Duration.ofMinutes(-1), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("before=PT-1M");
    }

    @Test
    void withoutShorterThan_dropsSlivers() {
        IntervalSet free = set(iv(0, 10), iv(20, 50), iv(60, 75));
        assertThat(free.withoutShorterThan(Duration.ofMinutes(15)).intervals()).containsExactly(iv(20, 50), iv(60, 75));
        assertThat(free.withoutShorterThan(Duration.ZERO)).isEqualTo(free);
        assertThatThrownBy(() -> free.withoutShorterThan(Duration.ofMinutes(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT-1M");
    }

    @Test
    void lookups_findTheIntervalAroundAnInstant() {
        IntervalSet busy = set(iv(0, 10), iv(20, 30));
        assertThat(busy.intervalContaining(t(5))).contains(iv(0, 10));
        assertThat(busy.intervalContaining(t(10))).isEmpty();               // end is exclusive
        assertThat(busy.intervalAtOrAfter(t(10))).contains(iv(20, 30));
        assertThat(busy.intervalAtOrAfter(t(25))).contains(iv(20, 30));
        assertThat(busy.intervalAtOrAfter(t(30))).isEmpty();
        assertThat(busy.intervalAtOrBefore(t(10))).contains(iv(0, 10));
        assertThat(busy.intervalAtOrBefore(t(20))).contains(iv(20, 30));
        assertThat(busy.intervalAtOrBefore(t(-1))).isEmpty();
        assertThat(busy.encloses(iv(21, 30))).isTrue();
        assertThat(busy.encloses(iv(5, 25))).isFalse();
        assertThat(busy.overlaps(iv(10, 20))).isFalse();
        assertThat(busy.overlaps(iv(10, 21))).isTrue();
    }

    @Test
    void span_coversFirstStartToLastEnd() {
        assertThat(set(iv(20, 30), iv(0, 10)).span()).contains(iv(0, 30));
        assertThat(IntervalSet.empty().span()).isEmpty();
    }

    @Test
    void intervals_isUnmodifiableAndAscending() {
        IntervalSet s = set(iv(20, 30), iv(0, 10));
        assertThat(s.intervals()).containsExactly(iv(0, 10), iv(20, 30));
        assertThatThrownBy(() -> s.intervals().add(iv(40, 50))).isInstanceOf(UnsupportedOperationException.class);
        Iterator<Interval> it = s.iterator();
        it.next();
        assertThatThrownBy(it::remove).isInstanceOf(UnsupportedOperationException.class);
        assertThat(s).containsExactly(iv(0, 10), iv(20, 30));
        assertThat(s.stream()).containsExactly(iv(0, 10), iv(20, 30));
        assertThat(s.intervalCount()).isEqualTo(2);
    }

    @Test
    void totalDuration_sumsTheLengths() {
        assertThat(set(iv(0, 10), iv(20, 50)).totalDuration()).isEqualTo(Duration.ofMinutes(40));
        assertThat(IntervalSet.empty().totalDuration()).isEqualTo(Duration.ZERO);
    }

    @Test
    void equals_byContent() {
        IntervalSet a = set(iv(0, 30), iv(30, 60));
        IntervalSet b = set(iv(0, 60));
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(set(iv(0, 61))).isNotEqualTo(IntervalSet.empty()).isNotEqualTo(iv(0, 60));
        assertThat(IntervalSet.of()).isEqualTo(IntervalSet.empty());
    }

    @Test
    void toString_listsTheIntervals() {
        assertThat(set(iv(60, 120), iv(0, 30)))
                .hasToString("[2026-03-02T09:00:00Z/2026-03-02T09:30:00Z, 2026-03-02T10:00:00Z/2026-03-02T11:00:00Z]");
        assertThat(IntervalSet.empty()).hasToString("[]");
    }
}
