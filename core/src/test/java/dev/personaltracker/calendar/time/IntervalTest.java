package dev.personaltracker.calendar.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class IntervalTest {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    private static Instant t(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    private static Interval iv(int fromMinute, int toMinute) {
        return Interval.of(t(fromMinute), t(toMinute));
    }

    @Test
    void of_keepsStartAndEnd() {
        Interval x = Interval.of(t(0), t(60));
        assertThat(x.start()).isEqualTo(t(0));
        assertThat(x.end()).isEqualTo(t(60));
        assertThat(x.duration()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void of_rejectsEndBeforeStart_namingBothValues() {
        assertThatThrownBy(() -> Interval.of(t(60), t(0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("start=2026-03-02T10:00:00Z")
                .hasMessageContaining("end=2026-03-02T09:00:00Z");
    }

    @Test
    void of_rejectsEmptyInterval_namingBothValues() {
        assertThatThrownBy(() -> Interval.of(t(0), t(0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("start=2026-03-02T09:00:00Z")
                .hasMessageContaining("end=2026-03-02T09:00:00Z");
    }

    @Test
    void of_rejectsNullNamingTheArgument() {
        assertThatThrownBy(() -> Interval.of(null, t(0))).isInstanceOf(NullPointerException.class).hasMessage("start");
        assertThatThrownBy(() -> Interval.of(t(0), (Instant) null)).isInstanceOf(NullPointerException.class).hasMessage("end");
        assertThatThrownBy(() -> Interval.of(t(0), (Duration) null)).isInstanceOf(NullPointerException.class).hasMessage("length");
    }

    @Test
    void ofLength_addsTheLength() {
        assertThat(Interval.of(t(0), Duration.ofMinutes(90))).isEqualTo(iv(0, 90));
        assertThat(Interval.of(Instant.MAX.minusNanos(1), Duration.ofNanos(1)).end()).isEqualTo(Instant.MAX);
    }

    @Test
    void ofLength_rejectsZeroAndNegativeLength() {
        assertThatThrownBy(() -> Interval.of(t(0), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT0S").hasMessageContaining("start=");
        assertThatThrownBy(() -> Interval.of(t(0), Duration.ofMinutes(-5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT-5M");
    }

    @Test
    void ofLength_rejectsEndBeyondInstantMax() {
        assertThatThrownBy(() -> Interval.of(Instant.MAX, Duration.ofNanos(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Instant.MAX").hasMessageContaining("length=PT0.000000001S");
        assertThatThrownBy(() -> Interval.of(Instant.EPOCH, Duration.ofSeconds(Long.MAX_VALUE)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("start=1970-01-01T00:00:00Z");
    }

    @Test
    void of_acceptsTheWholeTimeLine() {
        Interval all = Interval.of(Instant.MIN, Instant.MAX);
        assertThat(all.duration()).isEqualTo(Duration.between(Instant.MIN, Instant.MAX));
        assertThat(all.contains(Instant.MIN)).isTrue();
        assertThat(all.contains(Instant.MAX)).isFalse();
    }

    static Stream<Arguments> relations() {
        return Stream.of(
                // a, b, overlaps, abuts, intersects, encloses(a encloses b)
                Arguments.of(iv(0, 60), iv(60, 120), false, true, true, false),     // adjacent
                Arguments.of(iv(0, 60), iv(30, 90), true, false, true, false),      // overlapping
                Arguments.of(iv(0, 120), iv(30, 60), true, false, true, true),      // encloses
                Arguments.of(iv(0, 60), iv(0, 60), true, false, true, true),        // equal
                Arguments.of(iv(0, 60), iv(0, 30), true, false, true, true),        // same start
                Arguments.of(iv(0, 60), iv(30, 60), true, false, true, true),       // same end
                Arguments.of(iv(0, 60), iv(61, 90), false, false, false, false),    // apart
                Arguments.of(Interval.of(t(0), t(60)), Interval.of(t(60).minusNanos(1), t(90)), true, false, true, false)); // one nanosecond shared
    }

    @ParameterizedTest
    @MethodSource("relations")
    void relations_matchTheTable(Interval a, Interval b, boolean overlaps, boolean abuts, boolean intersects, boolean encloses) {
        assertThat(a.overlaps(b)).isEqualTo(overlaps);
        assertThat(a.abuts(b)).isEqualTo(abuts);
        assertThat(a.intersects(b)).isEqualTo(intersects);
        assertThat(a.encloses(b)).isEqualTo(encloses);
        assertThat(a.intersection(b).isPresent()).isEqualTo(overlaps);
    }

    @ParameterizedTest
    @MethodSource("relations")
    void relations_areSymmetricWhenReversed(Interval a, Interval b, boolean overlaps, boolean abuts, boolean intersects, boolean encloses) {
        assertThat(b.overlaps(a)).isEqualTo(overlaps);
        assertThat(b.abuts(a)).isEqualTo(abuts);
        assertThat(b.intersects(a)).isEqualTo(intersects);
        assertThat(b.intersection(a)).isEqualTo(a.intersection(b));
        assertThat(b.span(a)).isEqualTo(a.span(b));
        assertThat(b.gap(a)).isEqualTo(a.gap(b));
    }

    @Test
    void contains_isHalfOpen() {
        Interval x = iv(0, 60);
        assertThat(x.contains(t(0))).isTrue();
        assertThat(x.contains(t(60).minusNanos(1))).isTrue();
        assertThat(x.contains(t(60))).isFalse();
        assertThat(x.contains(t(0).minusNanos(1))).isFalse();
    }

    @Test
    void intersection_isTheSharedPart() {
        assertThat(iv(0, 60).intersection(iv(30, 90))).contains(iv(30, 60));
        assertThat(iv(0, 60).intersection(iv(60, 90))).isEmpty();
    }

    @Test
    void span_enclosesBothIncludingTheGap() {
        assertThat(iv(0, 30).span(iv(60, 90))).isEqualTo(iv(0, 90));
        assertThat(iv(0, 90).span(iv(30, 60))).isEqualTo(iv(0, 90));
    }

    @Test
    void gap_isBetweenSeparatedIntervalsOnly() {
        assertThat(iv(0, 30).gap(iv(60, 90))).contains(iv(30, 60));
        assertThat(iv(0, 30).gap(iv(30, 90))).isEmpty();
        assertThat(iv(0, 60).gap(iv(30, 90))).isEmpty();
    }

    @Test
    void padded_widensBothSides() {
        assertThat(iv(60, 120).padded(Duration.ofMinutes(15), Duration.ofMinutes(5))).isEqualTo(iv(45, 125));
        assertThat(iv(60, 120).padded(Duration.ZERO, Duration.ZERO)).isEqualTo(iv(60, 120));
    }

    @Test
    void padded_stopsAtTheEndsOfTheTimeLine() {
        Interval nearMin = Interval.of(Instant.MIN.plusSeconds(10), Instant.MIN.plusSeconds(20));
        assertThat(nearMin.padded(Duration.ofMinutes(1), Duration.ZERO).start()).isEqualTo(Instant.MIN);
        assertThat(nearMin.padded(Duration.ofSeconds(10), Duration.ZERO).start()).isEqualTo(Instant.MIN);
        assertThat(nearMin.padded(Duration.ofSeconds(9), Duration.ZERO).start()).isEqualTo(Instant.MIN.plusSeconds(1));
        Interval nearMax = Interval.of(Instant.MAX.minusSeconds(20), Instant.MAX.minusSeconds(10));
        assertThat(nearMax.padded(Duration.ZERO, Duration.ofDays(1)).end()).isEqualTo(Instant.MAX);
        Interval all = Interval.of(Instant.EPOCH, Duration.ofDays(1))
                .padded(Duration.ofSeconds(Long.MAX_VALUE, 999_999_999), Duration.ofSeconds(Long.MAX_VALUE, 999_999_999));
        assertThat(all).isEqualTo(Interval.of(Instant.MIN, Instant.MAX));
    }

    @Test
    void padded_rejectsNegativeMargins_namingBoth() {
        assertThatThrownBy(() -> iv(0, 60).padded(Duration.ofMinutes(-1), Duration.ofMinutes(2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("before=PT-1M").hasMessageContaining("after=PT2M");
        assertThatThrownBy(() -> iv(0, 60).padded(null, Duration.ZERO)).isInstanceOf(NullPointerException.class).hasMessage("before");
    }

    @Test
    void compareTo_ordersByStartThenEnd() {
        assertThat(iv(0, 60)).isLessThan(iv(30, 40));
        assertThat(iv(0, 30)).isLessThan(iv(0, 60));
        assertThat(iv(0, 60).compareTo(iv(0, 60))).isZero();
    }

    @Test
    void toString_isIsoStartSlashEnd() {
        assertThat(iv(0, 60)).hasToString("2026-03-02T09:00:00Z/2026-03-02T10:00:00Z");
    }

    @Test
    void equals_byValue() {
        assertThat(iv(0, 60)).isEqualTo(Interval.of(t(0), Duration.ofHours(1))).hasSameHashCodeAs(iv(0, 60));
        assertThat(iv(0, 60)).isNotEqualTo(iv(0, 61));
    }
}
